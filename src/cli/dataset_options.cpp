#include "cli/dataset_options.hpp"

#include <algorithm>
#include <system_error>

#include "cli/exit_codes.hpp"
#include "cli/suggest.hpp"
#include "crv/core/ids.hpp"
#include "crv/core/table_descriptor.hpp"
#include "crv/core/table_name.hpp"
#include "crv/io/paths.hpp"

namespace crv::cli {
namespace {

std::vector<std::string> canonical_table_names() {
  std::vector<std::string> names;
  for (const core::TableName name : core::all_table_names()) names.emplace_back(core::to_string(name));
  return names;
}

void add_table_option(CLI::App& command, std::string& table, bool required) {
  const std::string names = join_names(canonical_table_names());
  CLI::Option* option = command.add_option(
      "--table", table, required ? "Canonical table name: " + names : "Only this table (one of: " + names + ")");
  option->check(CLI::Validator(
      [names](const std::string& value) {
        return core::try_parse_table_name(value)
                   ? std::string()
                   : "unknown table '" + value + "'" + did_you_mean(value, canonical_table_names()) +
                         " (tables: " + names + ")";
      },
      "TABLE"));
  if (required) option->required();
}

void require_run(const io::IoSettings& settings, const std::string& run_id) {
  std::error_code error;
  if (std::filesystem::is_directory(io::run_root(settings, run_id), error)) return;
  const std::vector<std::string> runs = list_runs(settings);
  throw UsageError("no run '" + run_id + "' under " + (settings.root_dir / "runs").string() +
                   "; runs: " + join_names(runs) + did_you_mean(run_id, runs) +
                   (runs.empty() ? " (check --root, or append to create a run)" : ""));
}

bool table_was_written(const io::Dataset& dataset, const std::string& table) {
  std::error_code error;
  if (std::filesystem::is_directory(io::table_dir(dataset.settings(), dataset.run_id(), core::parse_table_name(table)),
                                    error))
    return true;
  if (dataset.manifest(table)) return true;
  // Small appends live in the run's append log until sealed: no directory yet.
  return dataset.scan(table).count() > 0;
}

void require_table(const io::Dataset& dataset, const std::string& table) {
  if (table_was_written(dataset, table)) return;
  const std::vector<std::string> tables = written_tables(dataset);
  throw UsageError("table '" + table + "' of run '" + dataset.run_id() +
                   "' was never written; tables with data: " + join_names(tables) + did_you_mean(table, tables) +
                   " (crv-io tables --run " + dataset.run_id() + " lists them)");
}

}  // namespace

void add_dataset_options(CLI::App& command, DatasetArguments& arguments, DatasetScope scope) {
  command.add_option("--root", arguments.root,
                     "Dataset root directory (default: from crv.toml / pyproject.toml / CRV_IO_ROOT_DIR, "
                     "else 'out')");
  if (scope == DatasetScope::kRoot) return;
  command.add_option("--run", arguments.run_id, "Run id (letters, digits and . _ : -)")->required();
  if (scope == DatasetScope::kRunTable) add_table_option(command, arguments.table, true);
  if (scope == DatasetScope::kRunMaybeTable) add_table_option(command, arguments.table, false);
}

io::IoSettings resolve_settings(const std::string& root) {
  io::IoSettings settings = io::IoSettings::load();
  if (!root.empty()) settings.root_dir = root;
  settings.validate();
  return settings;
}

std::unique_ptr<io::Dataset> open_dataset(const DatasetArguments& arguments) {
  const io::IoSettings settings = resolve_settings(arguments.root);
  require_run(settings, arguments.run_id);
  // On the heap: a Dataset can be neither copied nor moved, and opening one replays the
  // run's log, so the one that checks the table is the one returned.
  auto dataset = std::make_unique<io::Dataset>(settings, arguments.run_id);
  if (!arguments.table.empty()) require_table(*dataset, arguments.table);
  return dataset;
}

io::Dataset open_dataset_for_writing(const DatasetArguments& arguments) {
  return io::Dataset(resolve_settings(arguments.root), arguments.run_id);
}

std::vector<std::string> list_runs(const io::IoSettings& settings) {
  std::vector<std::string> runs;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(settings.root_dir / "runs", error)) {
    const std::string name = entry.path().filename().string();
    if (core::is_valid_run_id(name) && entry.is_directory(error)) runs.push_back(name);
  }
  std::sort(runs.begin(), runs.end());
  return runs;
}

std::vector<std::string> written_tables(const io::Dataset& dataset) {
  std::vector<std::string> tables;
  for (const std::string& name : canonical_table_names()) {
    if (table_was_written(dataset, name)) tables.push_back(name);
  }
  return tables;
}

void check_columns_exist(const io::Dataset& dataset, const std::string& table,
                         const std::vector<std::string>& columns) {
  std::vector<std::string> known;
  for (const core::ColumnSpec& column : core::get_table(table).columns) known.push_back(column.name);
  const frame::Frame stored = dataset.scan(table).limit(0).collect();  // extra stored columns too
  for (const frame::Field& field : stored.schema()) {
    if (std::find(known.begin(), known.end(), field.name) == known.end()) known.push_back(field.name);
  }
  for (const std::string& column : columns) {
    if (std::find(known.begin(), known.end(), column) != known.end()) continue;
    throw UsageError("table '" + table + "' has no column '" + column + "'" + did_you_mean(column, known) +
                     " (columns: " + join_names(known) + ")");
  }
}

}  // namespace crv::cli
