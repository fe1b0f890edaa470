// `crv-io seal --run R [--table T]` and `crv-io compact --run R --table T [--bucket B]`:
// inline rows of the append log (and, for compact, small parts) become one part per bucket.

#include <iostream>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"

namespace crv::cli {
namespace {

void print_summaries(const std::vector<io::SealSummary>& summaries) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const io::SealSummary& summary : summaries) out.push_back(summary.to_json());
  std::cout << out.dump(2) << '\n';
}

void run_seal(const DatasetArguments& options) {
  io::Dataset dataset = open_dataset(options);
  print_summaries(options.table.empty() ? dataset.seal() : dataset.seal(io::TableRef(options.table)));
}

struct CompactOptions : DatasetArguments {
  std::optional<std::int64_t> bucket;
};

void run_compact(const CompactOptions& options) {
  io::Dataset dataset = open_dataset(options);
  print_summaries(dataset.compact(io::TableRef(options.table), options.bucket));
}

}  // namespace

void register_seal(CLI::App& app) {
  const auto [seal, seal_options] = add_command<DatasetArguments>(
      app, "seal", "Write the inline rows of the append log as one part per bucket (all tables, or --table)", run_seal);
  add_dataset_options(*seal, *seal_options, DatasetScope::kRun);
  seal->add_option("--table", seal_options->table, "Only this table");

  const auto [compact, compact_options] = add_command<CompactOptions>(
      app, "compact", "Rewrite a bucket's inline rows and small parts as one part sorted by tick", run_compact);
  add_dataset_options(*compact, *compact_options, DatasetScope::kRunTable);
  compact->add_option("--bucket", compact_options->bucket, "Only this bucket id (default: every bucket)");
}

}  // namespace crv::cli
