// `crv-io tables --run R`: rows, bytes and tick range of each table of a run.

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/io/env.hpp"
#include "crv/io/run_bundle.hpp"

namespace crv::cli {
namespace {

struct TablesOptions : DatasetArguments {
  bool json = false;
};

std::string text(const nlohmann::json& value) { return value.is_null() ? "null" : value.dump(); }

void run_tables(const TablesOptions& options) {
  const io::IoSettings settings = resolve_settings(options.root);
  const nlohmann::json tables = io::tables_index(io::Env::posix(), settings, options.run_id);
  if (options.json) {
    std::cout << tables.dump(2) << '\n';
    return;
  }
  if (tables.empty()) {
    std::cout << "run " << options.run_id << " has no tables with a manifest under " << settings.root_dir.string()
              << '\n';
    return;
  }
  std::cout << "table\trows\tbytes\ttick_min\ttick_max\tbuckets\n";
  for (const auto& [table, entry] : tables.items()) {
    std::cout << table << '\t' << entry["rows"] << '\t' << entry["bytes"] << '\t' << text(entry["tick_min"]) << '\t'
              << text(entry["tick_max"]) << '\t' << entry["buckets"].size() << '\n';
  }
}

}  // namespace

void register_tables(CLI::App& app) {
  const auto [command, options] =
      add_command<TablesOptions>(app, "tables", "List the tables of a run: rows, bytes, tick range", run_tables);
  add_dataset_options(*command, *options, DatasetScope::kRun);
  command->add_flag("--json", options->json, "Print the tables index as JSON");
}

}  // namespace crv::cli
