// `crv-io manifest --run R --table T`: the table's manifest.json.

#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/io/errors.hpp"

namespace crv::cli {
namespace {

struct ManifestOptions : DatasetArguments {
  bool json = false;  // manifest.json is JSON: accepted so that every command takes it
};

void run_manifest(const ManifestOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  const io::Dataset& dataset = *opened;
  const auto manifest = dataset.manifest(options.table);
  if (!manifest) {
    throw io::IoManifestError("table '" + options.table + "' of run '" + options.run_id + "' has no manifest under '" +
                              dataset.settings().root_dir.string() +
                              "' (crv-io rebuild-manifest re-derives it from the part files)");
  }
  std::cout << manifest->to_json().dump(2) << '\n';
}

}  // namespace

void register_manifest(CLI::App& app) {
  const auto [command, options] =
      add_command<ManifestOptions>(app, "manifest", "Print the manifest.json of a table of a run", run_manifest);
  add_dataset_options(*command, *options, DatasetScope::kRunTable);
  command->add_flag("--json", options->json, "Print JSON (what manifest prints in any case)");
  command->footer("Example:\n  crv-io manifest --run r1 --table identity_edges");
}

}  // namespace crv::cli
