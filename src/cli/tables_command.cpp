// `crv-io tables --run R`: rows, bytes and tick range of each table of a run.

#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/io/env.hpp"
#include "crv/io/run_bundle.hpp"

namespace crv::cli {
namespace {

struct TablesOptions {
  std::string root;
  std::string run_id;
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
    std::cout << "run " << options.run_id << " has no tables with a manifest under "
              << settings.root_dir.string() << '\n';
    return;
  }
  std::cout << "table\trows\tbytes\ttick_min\ttick_max\tbuckets\n";
  for (const auto& [table, entry] : tables.items()) {
    std::cout << table << '\t' << entry["rows"] << '\t' << entry["bytes"] << '\t' << text(entry["tick_min"])
              << '\t' << text(entry["tick_max"]) << '\t' << entry["buckets"].size() << '\n';
  }
}

}  // namespace

void register_tables(CLI::App& app) {
  auto options = std::make_shared<TablesOptions>();
  CLI::App* command = app.add_subcommand("tables", "List the tables of a run: rows, bytes, tick range");
  add_root_option(*command, options->root);
  add_run_option(*command, options->run_id);
  command->add_flag("--json", options->json, "Print the tables index as JSON");
  command->callback([options] { run_tables(*options); });
}

}  // namespace crv::cli
