// `crv-io manifest --run R --table T`: the table's manifest.json.

#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"

namespace crv::cli {
namespace {

struct ManifestOptions {
  std::string root;
  std::string run_id;
  std::string table;
};

void run_manifest(const ManifestOptions& options) {
  const io::Dataset dataset(resolve_settings(options.root), options.run_id);
  const auto manifest = dataset.manifest(options.table);
  if (!manifest) {
    throw io::IoManifestError("table '" + options.table + "' of run '" + options.run_id +
                              "' has no manifest under '" + dataset.settings().root_dir.string() +
                              "' (crv-io rebuild-manifest re-derives it from the part files)");
  }
  std::cout << manifest->to_json().dump(2) << '\n';
}

}  // namespace

void register_manifest(CLI::App& app) {
  auto options = std::make_shared<ManifestOptions>();
  CLI::App* command = app.add_subcommand("manifest", "Print the manifest.json of a table of a run");
  add_root_option(*command, options->root);
  add_run_option(*command, options->run_id);
  add_table_option(*command, options->table);
  command->callback([options] { run_manifest(*options); });
}

}  // namespace crv::cli
