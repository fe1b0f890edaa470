// `crv-io tables --run R`: rows, bytes and tick range of each table of a run.

#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/terminal.hpp"
#include "cli/text_table.hpp"
#include "crv/io/env.hpp"
#include "crv/io/run_bundle.hpp"

namespace crv::cli {
namespace {

struct TablesOptions : DatasetArguments {
  bool json = false;
};

std::string tick_text(const nlohmann::json& value) { return value.is_null() ? "-" : value.dump(); }

void run_tables(const TablesOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);  // a run that does not exist is an error
  const io::Dataset& dataset = *opened;
  const io::IoSettings& settings = dataset.settings();
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
  std::vector<std::vector<std::string>> rows;
  for (const auto& [table, entry] : tables.items()) {
    rows.push_back({table, thousands(entry["rows"].get<std::int64_t>()),
                    human_bytes(entry["bytes"].get<std::int64_t>()), tick_text(entry["tick_min"]),
                    tick_text(entry["tick_max"]), std::to_string(entry["buckets"].size())});
  }
  std::cout << aligned_table(
      {{"table"}, {"rows", true}, {"bytes", true}, {"tick_min", true}, {"tick_max", true}, {"buckets", true}}, rows,
      color_stdout());
}

}  // namespace

void register_tables(CLI::App& app) {
  const auto [command, options] =
      add_command<TablesOptions>(app, "tables", "List the tables of a run: rows, bytes, tick range", run_tables);
  add_dataset_options(*command, *options, DatasetScope::kRun);
  command->add_flag("--json", options->json, "Print the tables index as JSON");
  command->footer("Example:\n  crv-io tables --run r1");
}

}  // namespace crv::cli
