// `crv-io rebuild-manifest --run R --table T`: re-derives manifest.json from the part files.

#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/progress.hpp"
#include "crv/io/errors.hpp"

namespace crv::cli {
namespace {

struct RebuildOptions : DatasetArguments {
  bool json = false;  // the report is JSON either way: accepted so that every command takes it
};

void run_rebuild(const RebuildOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  io::Dataset& dataset = *opened;
  Progress progress("rebuild-manifest " + options.table, 0, "parts");
  const io::RebuildResult result = dataset.rebuild_manifest_with_report(options.table);
  progress.finish();
  nlohmann::json unreadable = nlohmann::json::array();
  for (const io::UnreadablePart& part : result.unreadable) {
    unreadable.push_back({{"path", part.path}, {"error", part.error}});
  }
  const nlohmann::json report = {
      {"table", options.table},
      {"run_id", options.run_id},
      {"partitions", result.manifest.partitions.size()},
      {"parts", result.manifest.part_count()},
      {"rows", result.manifest.total_rows()},
      {"bytes", result.manifest.total_bytes()},
      {"buckets", result.manifest.bucket_ids()},
      {"unreadable", std::move(unreadable)},
  };
  std::cout << report.dump(2) << '\n';
  if (!result.unreadable.empty()) {
    throw io::IoManifestError("the manifest was rebuilt without " + std::to_string(result.unreadable.size()) +
                              " unreadable file(s) (listed above); move or repair them and run rebuild-manifest again");
  }
}

}  // namespace

void register_rebuild_manifest(CLI::App& app) {
  const auto [command, options] = add_command<RebuildOptions>(
      app, "rebuild-manifest",
      "Re-derive a table's manifest.json from its part files (footers and tick statistics) and write it "
      "atomically; lists unreadable files (exit 4)",
      run_rebuild);
  add_dataset_options(*command, *options, DatasetScope::kRunTable);
  command->add_flag("--json", options->json, "Print JSON (what rebuild-manifest prints in any case)");
  command->footer("Example:\n  crv-io rebuild-manifest --run r1 --table identity_edges");
}

}  // namespace crv::cli
