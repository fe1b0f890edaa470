// `crv-io verify --run R [--table T] [--deep] [--json]` and
// `crv-io repair --run R [--table T] [--drop-orphans | --adopt-orphans] [--json]`.

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress.hpp"
#include "crv/core/table_name.hpp"

namespace crv::cli {
namespace {

struct VerifyCommandOptions : DatasetArguments {
  bool deep = false;
  bool json = false;
};

struct RepairCommandOptions : DatasetArguments {
  bool drop_orphans = false;
  bool adopt_orphans = false;
  bool json = false;
};

std::optional<io::TableRef> table_of(const DatasetArguments& options) {
  if (options.table.empty()) return std::nullopt;
  return io::TableRef(options.table);
}

void print_text(const io::VerifyReport& report) {
  for (const io::TableProblem& problem : report.problems) {
    std::cout << problem.table << ": " << problem.kind;
    if (!problem.path.empty()) std::cout << " " << problem.path;
    std::cout << ": " << problem.detail << '\n';
  }
  std::cout << (report.clean() ? "clean" : std::to_string(report.problems.size()) + " problem(s)") << ": "
            << report.tables.size() << " table(s), " << report.parts << " part(s), " << report.rows << " row(s)\n";
  if (!report.clean()) std::cout << "run `crv-io repair` with the same --run (and --table) to fix them\n";
}

/// Dataset::verify of every table, one table at a time (what verify() without a table does)
/// so that the progress line can count tables.
io::VerifyReport verify_each_table(io::Dataset& dataset, const io::VerifyOptions& verify) {
  const auto names = core::all_table_names();
  Progress progress("verify", static_cast<std::int64_t>(names.size()), "tables");
  io::VerifyReport report;
  for (const core::TableName name : names) {
    progress.set_phase(std::string(core::to_string(name)));
    io::VerifyReport one = dataset.verify(io::TableRef(name), verify);
    report.tables.insert(report.tables.end(), one.tables.begin(), one.tables.end());
    report.parts += one.parts;
    report.rows += one.rows;
    report.problems.insert(report.problems.end(), one.problems.begin(), one.problems.end());
    progress.advance();
  }
  progress.finish();
  return report;
}

void run_verify(const VerifyCommandOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  io::Dataset& dataset = *opened;
  const io::VerifyOptions verify{options.deep};
  const io::VerifyReport report =
      options.table.empty() ? verify_each_table(dataset, verify) : dataset.verify(io::TableRef(options.table), verify);
  if (options.json) {
    std::cout << report.to_json().dump(2) << '\n';
  } else {
    print_text(report);
  }
  if (!report.clean()) throw ExitWith{kExitProblems};
}

void run_repair(const RepairCommandOptions& options) {
  const std::unique_ptr<io::Dataset> opened = open_dataset(options);
  io::Dataset& dataset = *opened;
  io::RepairOptions repair;
  if (options.drop_orphans) repair.orphans = io::OrphanPolicy::Drop;
  if (options.adopt_orphans) repair.orphans = io::OrphanPolicy::Adopt;
  Progress progress("repair", 0, "tables");
  const io::RepairReport report = dataset.repair(table_of(options), repair);
  progress.finish();
  if (options.json) {
    std::cout << report.to_json().dump(2) << '\n';
  } else {
    for (const std::string& action : report.actions) std::cout << action << '\n';
    if (report.actions.empty()) std::cout << "nothing to repair\n";
    print_text(report.after);
  }
  if (!report.after.clean()) throw ExitWith{kExitProblems};
}

}  // namespace

void register_verify(CLI::App& app) {
  const auto [command, options] = add_command<VerifyCommandOptions>(
      app, "verify",
      "Check a run's manifests and log against the part files: missing, resized, unreadable or disagreeing parts, "
      "leftovers of crashed appends, orphans. Exit 0 only when clean, 6 when problems were found",
      run_verify);
  add_dataset_options(*command, *options, DatasetScope::kRunMaybeTable);
  command->add_flag("--deep", options->deep, "Also decode every page and every inline row");
  command->add_flag("--json", options->json, "Print the report as JSON");
  command->footer("Example:\n  crv-io verify --run r1 --deep || crv-io repair --run r1");
}

void register_repair(CLI::App& app) {
  const auto [command, options] = add_command<RepairCommandOptions>(
      app, "repair",
      "Make a run's tables consistent: delete leftovers of crashed appends, drop missing parts from the manifest, "
      "quarantine parts that disagree with it, rebuild a corrupt manifest; say what was done",
      run_repair);
  add_dataset_options(*command, *options, DatasetScope::kRunMaybeTable);
  auto* drop = command->add_flag("--drop-orphans", options->drop_orphans, "Delete parts no manifest or log lists");
  auto* adopt = command->add_flag("--adopt-orphans", options->adopt_orphans,
                                  "List orphans in the manifest (only parts of a whole, committed append)");
  drop->excludes(adopt);
  command->add_flag("--json", options->json, "Print what was done as JSON");
  command->footer("Example:\n  crv-io repair --run r1 --table identity_edges --drop-orphans");
}

}  // namespace crv::cli
