// `crv-io runs`: the runs under the root, with their tables and rows.

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/terminal.hpp"
#include "cli/text_table.hpp"
#include "crv/core/ids.hpp"
#include "crv/io/env.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/run_bundle.hpp"

namespace crv::cli {
namespace {

struct RunsOptions : DatasetArguments {
  bool json = false;
};

void run_runs(const RunsOptions& options) {
  const io::IoSettings settings = resolve_settings(options.root);
  io::Env& env = io::Env::posix();
  const std::filesystem::path runs_dir = settings.root_dir / "runs";
  nlohmann::json runs = nlohmann::json::array();
  if (env.is_directory(runs_dir)) {
    for (const std::string& name : env.list_dir(runs_dir)) {
      if (!core::is_valid_run_id(name) || !env.is_directory(runs_dir / name)) continue;
      const nlohmann::json tables = io::tables_index(env, settings, name);
      std::int64_t rows = 0;
      for (const auto& [table, entry] : tables.items()) rows += entry["rows"].get<std::int64_t>();
      runs.push_back({{"run_id", name},
                      {"tables", tables.size()},
                      {"rows", rows},
                      {"bundle", env.file_exists(io::bundle_manifest_path(settings, name))}});
    }
  }
  if (options.json) {
    std::cout << runs.dump(2) << '\n';
    return;
  }
  if (runs.empty()) {
    std::cout << "no runs under " << runs_dir.string() << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& run : runs) {
    rows.push_back({run["run_id"].get<std::string>(), std::to_string(run["tables"].get<std::int64_t>()),
                    thousands(run["rows"].get<std::int64_t>()), run["bundle"].get<bool>() ? "yes" : "no"});
  }
  std::cout << aligned_table({{"run_id"}, {"tables", true}, {"rows", true}, {"bundle"}}, rows, color_stdout());
}

}  // namespace

void register_runs(CLI::App& app) {
  const auto [command, options] =
      add_command<RunsOptions>(app, "runs", "List the runs under the root (tables, rows, bundle)", run_runs);
  add_dataset_options(*command, *options, DatasetScope::kRoot);
  command->add_flag("--json", options->json, "Print JSON: [{run_id, tables, rows, bundle}]");
  command->footer("Example:\n  crv-io runs --root out");
}

}  // namespace crv::cli
