// `crv-io tail --run R --table T [--follow] [--lines N] [--format ...]`: the last rows of a
// table, then (with --follow) new rows as they are appended, like `tail -f`.

#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/frame_output.hpp"

namespace crv::cli {
namespace {

volatile std::sig_atomic_t interrupted = 0;

void on_interrupt(int) { interrupted = 1; }

struct TailOptions : DatasetArguments {
  bool follow = false;
  std::int64_t lines = 10;
  RowsOutput output;
  std::int64_t poll_ms = 200;
};

void run_tail(const TailOptions& options) {
  // --follow may wait for a table's first rows; without it, a table never written is an error.
  DatasetArguments target = options;
  if (options.follow) target.table.clear();
  const std::unique_ptr<io::Dataset> opened = open_dataset(target);
  const io::Dataset& dataset = *opened;
  const io::TableRef table(options.table);
  io::FollowResult result = dataset.follow(table);
  const std::int64_t rows = result.rows.num_rows();
  const std::int64_t first = std::max<std::int64_t>(0, rows - options.lines);
  print_frame(std::cout, result.rows.slice(first, rows - first), options.output);
  std::cout.flush();
  if (!options.follow) return;
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  // Each poll reads only the log's new tail (and any part a large append wrote).
  while (interrupted == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(options.poll_ms));
    result = dataset.follow(table, result.cursor);
    if (result.rows.num_rows() == 0) continue;
    print_frame(std::cout, result.rows, options.output);
    std::cout.flush();
  }
}

}  // namespace

void register_tail(CLI::App& app) {
  const auto [command, options] = add_command<TailOptions>(
      app, "tail", "Print the last rows of a table; with --follow, new rows as they land, until interrupted", run_tail);
  add_dataset_options(*command, *options, DatasetScope::kRunTable);
  command->add_flag("-f,--follow", options->follow, "Keep printing rows as they are appended (Ctrl-C stops)");
  command->add_option("-n,--lines", options->lines, "How many of the last rows to print first (default 10)")
      ->check(CLI::NonNegativeNumber);
  add_rows_output_options(*command, options->output);
  command->add_option("--poll-ms", options->poll_ms, "How often --follow looks for new rows (default 200)")
      ->check(CLI::PositiveNumber);
  command->footer("Example:\n  crv-io tail --run r1 --table identity_edges -n 5 -f --format jsonl");
}

}  // namespace crv::cli
