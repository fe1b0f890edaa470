// `crv-io schema [TABLE] [--json]`: prints the canonical table descriptors.

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "crv/core/schema_version.hpp"
#include "crv/core/table_descriptor.hpp"

namespace crv::cli {
namespace {

struct SchemaOptions {
  std::string table;
  bool json = false;
};

nlohmann::json descriptor_json(const core::TableDescriptor& descriptor) {
  nlohmann::json columns = nlohmann::json::array();
  for (const core::ColumnSpec& column : descriptor.columns) {
    columns.push_back({{"name", column.name},
                       {"dtype", std::string(core::to_string(column.dtype))},
                       {"required", descriptor.is_required(column.name)},
                       {"nullable", descriptor.is_nullable(column.name)}});
  }
  std::vector<std::string> required;
  std::vector<std::string> nullable;
  for (const core::ColumnSpec& column : descriptor.columns) {
    (descriptor.is_required(column.name) ? required : nullable).push_back(column.name);
  }
  return {{"name", std::string(core::to_string(descriptor.name))},
          {"version", descriptor.version},
          {"partitioning", descriptor.partitioning},
          {"columns", std::move(columns)},
          {"required", std::move(required)},
          {"nullable", std::move(nullable)}};
}

void print_descriptor(std::ostream& out, const core::TableDescriptor& descriptor) {
  std::size_t name_width = std::string_view("column").size();
  for (const core::ColumnSpec& column : descriptor.columns) {
    name_width = std::max(name_width, column.name.size());
  }
  const std::size_t dtype_width = std::string_view("list[struct]").size();
  const auto pad = [](std::string_view text, std::size_t width) {
    std::string cell(text);
    cell.resize(std::max(width, text.size()), ' ');
    return cell;
  };
  std::string partitioning;
  for (const std::string& key : descriptor.partitioning) {
    partitioning += partitioning.empty() ? key : ", " + key;
  }
  out << core::to_string(descriptor.name) << " (" << descriptor.columns.size() << " columns, partitioned by "
      << partitioning << ", descriptor version " << descriptor.version << ")\n";
  out << "  " << pad("column", name_width) << "  " << pad("dtype", dtype_width) << "  presence\n";
  out << "  " << std::string(name_width, '-') << "  " << std::string(dtype_width, '-') << "  --------\n";
  for (const core::ColumnSpec& column : descriptor.columns) {
    out << "  " << pad(column.name, name_width) << "  " << pad(core::to_string(column.dtype), dtype_width) << "  "
        << (descriptor.is_required(column.name) ? "required" : "nullable") << '\n';
  }
}

void run_schema(const SchemaOptions& options) {
  std::vector<const core::TableDescriptor*> selected;
  if (options.table.empty()) {
    for (const core::TableDescriptor& descriptor : core::list_tables()) selected.push_back(&descriptor);
  } else {
    selected.push_back(&core::get_table(options.table));
  }
  const std::string schema_version = core::to_metadata_string(core::SCHEMA_V);
  if (options.json) {
    if (!options.table.empty()) {
      std::cout << descriptor_json(*selected.front()).dump(2) << '\n';
      return;
    }
    nlohmann::json tables = nlohmann::json::array();
    for (const core::TableDescriptor* descriptor : selected) tables.push_back(descriptor_json(*descriptor));
    std::cout << nlohmann::json{{"schema_version", schema_version}, {"tables", std::move(tables)}}.dump(2) << '\n';
    return;
  }
  if (options.table.empty()) std::cout << "CRV canonical tables, schema " << schema_version << "\n\n";
  for (std::size_t i = 0; i < selected.size(); ++i) {
    if (i > 0) std::cout << '\n';
    print_descriptor(std::cout, *selected[i]);
  }
}

}  // namespace

void register_schema(CLI::App& app) {
  const auto [command, options] = add_command<SchemaOptions>(
      app, "schema",
      "Print the canonical table descriptors (all tables, or one) with column dtypes and required/nullable "
      "columns",
      run_schema);
  std::vector<std::string> names;
  for (const core::TableDescriptor& descriptor : core::list_tables()) {
    names.emplace_back(core::to_string(descriptor.name));
  }
  command->add_option("table", options->table, "Table name (default: all tables)")->check(CLI::IsMember(names));
  command->add_flag("--json", options->json, "Print JSON: one table's descriptor, or {schema_version, tables: [...]}");
  command->footer("Examples:\n  crv-io schema identity_edges\n  crv-io schema --json");
}

}  // namespace crv::cli
