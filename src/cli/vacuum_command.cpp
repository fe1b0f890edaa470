// `crv-io vacuum --run R [--grace-seconds S]`: deletes what no reader can need any more.

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"

namespace crv::cli {
namespace {

struct VacuumOptions : DatasetArguments {
  std::optional<std::int64_t> grace_seconds;
  bool json = false;  // the output is JSON either way: accepted so that every command takes it
};

void run_vacuum(const VacuumOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  io::Dataset& dataset = *opened;
  std::optional<std::chrono::seconds> grace;
  if (options.grace_seconds) grace = std::chrono::seconds(*options.grace_seconds);
  std::cout << dataset.vacuum(grace).to_json().dump(2) << '\n';
}

}  // namespace

void register_vacuum(CLI::App& app) {
  const auto [command, options] = add_command<VacuumOptions>(
      app, "vacuum",
      "Delete parts replaced by seals and compactions, files of appends that never committed, .tmp leftovers "
      "and retired log segments, once older than the grace period",
      run_vacuum);
  add_dataset_options(*command, *options, DatasetScope::kRun);
  command
      ->add_option("--grace-seconds", options->grace_seconds,
                   "Keep what became garbage less than this long ago (default: vacuum_grace_seconds, 600)")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--json", options->json, "Print JSON (what vacuum prints in any case)");
  command->footer("Example:\n  crv-io vacuum --run r1 --grace-seconds 0");
}

}  // namespace crv::cli
