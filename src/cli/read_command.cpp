// `crv-io read --run R --table T [--tick-min A] [--tick-max B] [--columns a,b] [--limit N]
// [--format table|csv|jsonl] [--max-rows N | --all] [--explain] [--count]`.

#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/frame_output.hpp"

namespace crv::cli {
namespace {

struct ReadOptions : DatasetArguments {
  std::optional<std::int64_t> tick_min;
  std::optional<std::int64_t> tick_max;
  std::vector<std::string> columns;
  std::optional<std::int64_t> limit;
  RowsOutput output;
  bool explain = false;
  bool count = false;
};

/// A column named twice is a mistake on the command line, not in the data: a usage error
/// (exit 2) naming it, before anything is read.
void check_distinct(const std::vector<std::string>& columns) {
  std::set<std::string> seen;
  for (const std::string& name : columns) {
    if (!seen.insert(name).second) {
      throw UsageError("--columns: column '" + name + "' is listed twice; name each column once");
    }
  }
}

/// The API reads an inverted range as selecting nothing (as the reference does); typed on
/// the command line it is a mistake: a usage error (exit 2).
void check_tick_range(const ReadOptions& options) {
  if (options.tick_min && options.tick_max && *options.tick_min > *options.tick_max) {
    throw UsageError("--tick-min " + std::to_string(*options.tick_min) + " is greater than --tick-max " +
                     std::to_string(*options.tick_max) + ": nothing can match; give the first tick, then the last");
  }
}

void run_read(const ReadOptions& options) {
  check_distinct(options.columns);
  check_tick_range(options);
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  const io::Dataset& dataset = *opened;
  check_columns_exist(dataset, options.table, options.columns);
  io::Scan scan = dataset.scan(options.table, io::Where{options.tick_min, options.tick_max});
  if (!options.columns.empty()) scan = scan.select(options.columns);
  if (options.limit) scan = scan.limit(*options.limit);
  if (options.explain) {
    std::cout << scan.explain().to_string();
    return;
  }
  if (options.count) {
    std::cout << scan.count() << '\n';
    return;
  }
  print_frame(std::cout, scan.collect(), options.output);
}

}  // namespace

void register_read(CLI::App& app) {
  const auto [command, options] = add_command<ReadOptions>(
      app, "read", "Read a table of a run, pruned by tick range (manifest partitions, parts, row groups)", run_read);
  add_dataset_options(*command, *options, DatasetScope::kRunTable);
  command->add_option("--tick-min", options->tick_min, "First tick (inclusive)");
  command->add_option("--tick-max", options->tick_max, "Last tick (inclusive)");
  command->add_option("--columns", options->columns, "Columns to read, comma separated")->delimiter(',');
  command->add_option("--limit", options->limit, "At most N rows")->check(CLI::NonNegativeNumber);
  add_rows_output_options(*command, options->output);
  command->add_flag("--explain", options->explain,
                    "Print the scan plan (parts and row groups kept or pruned, and why) instead of rows");
  command->add_flag("--count", options->count, "Print the number of matching rows instead of rows");
  command->footer(
      "Examples:\n"
      "  crv-io read --run r1 --table identity_edges --tick-min 0 --tick-max 99 --columns tick,edge_weight\n"
      "  crv-io read --run r1 --table identity_edges --format csv > edges.csv");
}

}  // namespace crv::cli
