#include "cli/dataset_options.hpp"

#include "crv/core/table_name.hpp"

namespace crv::cli {
namespace {

std::string table_names() {
  std::string names;
  for (const core::TableName name : core::all_table_names()) {
    if (!names.empty()) names += ", ";
    names += core::to_string(name);
  }
  return names;
}

void add_table_option(CLI::App& command, std::string& table) {
  const std::string names = table_names();
  command.add_option("--table", table, "Canonical table name: " + names)
      ->required()
      ->check(CLI::Validator(
          [names](const std::string& value) {
            return core::try_parse_table_name(value) ? std::string()
                                                     : "unknown table '" + value + "' (tables: " + names + ")";
          },
          "TABLE"));
}

}  // namespace

void add_dataset_options(CLI::App& command, DatasetArguments& arguments, DatasetScope scope) {
  command.add_option("--root", arguments.root,
                     "Dataset root directory (default: from crv.toml / pyproject.toml / CRV_IO_ROOT_DIR, "
                     "else 'out')");
  if (scope == DatasetScope::kRoot) return;
  command.add_option("--run", arguments.run_id, "Run id (letters, digits and . _ : -)")->required();
  if (scope == DatasetScope::kRunTable) add_table_option(command, arguments.table);
}

io::IoSettings resolve_settings(const std::string& root) {
  io::IoSettings settings = io::IoSettings::load();
  if (!root.empty()) settings.root_dir = root;
  settings.validate();
  return settings;
}

io::Dataset open_dataset(const DatasetArguments& arguments) {
  return io::Dataset(resolve_settings(arguments.root), arguments.run_id);
}

}  // namespace crv::cli
