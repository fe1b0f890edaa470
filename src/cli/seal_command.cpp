// `crv-io seal --run R [--table T]` and `crv-io compact --run R --table T [--bucket B]`:
// inline rows of the append log (and, for compact, small parts) become one part per bucket.

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/progress.hpp"
#include "cli/terminal.hpp"
#include "crv/core/table_name.hpp"

namespace crv::cli {
namespace {

struct SealOptions : DatasetArguments {
  bool json = false;
};

struct CompactOptions : DatasetArguments {
  std::optional<std::int64_t> bucket;
  bool json = false;
};

void print_summaries(const std::vector<io::SealSummary>& summaries, bool json) {
  if (!json) {
    for (const io::SealSummary& summary : summaries) {
      std::cout << summary.table << " bucket " << summary.bucket_id << ": " << summary.rows << " row(s) in "
                << summary.part << " (" << summary.inline_batches << " inline batch(es), " << summary.replaced.size()
                << " part(s) replaced)\n";
    }
    if (summaries.empty()) std::cout << "nothing to do: no inline rows or small parts\n";
    return;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const io::SealSummary& summary : summaries) out.push_back(summary.to_json());
  std::cout << out.dump(2) << '\n';
}

/// Dataset::seal one table at a time (as seal() of the run does), counted by the progress line.
std::vector<io::SealSummary> seal_each_table(io::Dataset& dataset) {
  const auto names = core::all_table_names();
  Progress progress("seal", static_cast<std::int64_t>(names.size()), "tables");
  std::vector<io::SealSummary> sealed;
  for (const core::TableName name : names) {
    progress.set_phase(std::string(core::to_string(name)));
    for (io::SealSummary& summary : dataset.seal(io::TableRef(name))) sealed.push_back(std::move(summary));
    progress.advance();
  }
  progress.finish();
  return sealed;
}

void run_seal(const SealOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  io::Dataset& dataset = *opened;
  const std::vector<io::SealSummary> sealed =
      options.table.empty() ? seal_each_table(dataset) : dataset.seal(io::TableRef(options.table));
  print_summaries(sealed, options.json || !stdout_is_terminal());
}

void run_compact(const CompactOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  io::Dataset& dataset = *opened;
  Progress progress("compact " + options.table, 0, "buckets");
  const std::vector<io::SealSummary> compacted = dataset.compact(io::TableRef(options.table), options.bucket);
  progress.finish();
  print_summaries(compacted, options.json || !stdout_is_terminal());
}

}  // namespace

void register_seal(CLI::App& app) {
  const auto [seal, seal_options] = add_command<SealOptions>(
      app, "seal", "Write the inline rows of the append log as one part per bucket (all tables, or --table)", run_seal);
  add_dataset_options(*seal, *seal_options, DatasetScope::kRunMaybeTable);
  seal->add_flag("--json", seal_options->json, "Print the summaries as JSON (the default when not on a terminal)");
  seal->footer("Example:\n  crv-io seal --run r1");

  const auto [compact, compact_options] = add_command<CompactOptions>(
      app, "compact", "Rewrite a bucket's inline rows and small parts as one part sorted by tick", run_compact);
  add_dataset_options(*compact, *compact_options, DatasetScope::kRunTable);
  compact->add_option("--bucket", compact_options->bucket, "Only this bucket id (default: every bucket)");
  compact->add_flag("--json", compact_options->json,
                    "Print the summaries as JSON (the default when not on a terminal)");
  compact->footer("Example:\n  crv-io compact --run r1 --table identity_edges --bucket 3");
}

}  // namespace crv::cli
