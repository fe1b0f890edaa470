// `crv-io rebuild-manifest --run R --table T`: re-derives manifest.json from the part files.

#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"

namespace crv::cli {
namespace {

struct RebuildOptions {
  std::string root;
  std::string run_id;
  std::string table;
};

void run_rebuild(const RebuildOptions& options) {
  io::Dataset dataset(resolve_settings(options.root), options.run_id);
  const io::RebuildResult result = dataset.rebuild_manifest_with_report(options.table);
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
    throw io::IoError("the manifest was rebuilt without " + std::to_string(result.unreadable.size()) +
                      " unreadable file(s) (listed above); move or repair them and run rebuild-manifest again");
  }
}

}  // namespace

void register_rebuild_manifest(CLI::App& app) {
  auto options = std::make_shared<RebuildOptions>();
  CLI::App* command = app.add_subcommand(
      "rebuild-manifest", "Re-derive a table's manifest.json from its part files (footers and tick "
                          "statistics) and write it atomically; lists unreadable files (exit 4)");
  add_root_option(*command, options->root);
  add_run_option(*command, options->run_id);
  add_table_option(*command, options->table);
  command->callback([options] { run_rebuild(*options); });
}

}  // namespace crv::cli
