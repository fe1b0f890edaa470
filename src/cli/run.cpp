// crv::cli::run_command_line: the crv-io command line (main() of the binary, and `python -m crv_io`).

#include <exception>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/terminal.hpp"
#include "crv/version.hpp"

namespace crv::cli {
namespace {

void add_color_option(CLI::App& app) {
  // Option callbacks of the application run before any subcommand's: the mode is set before
  // a command prints. fallthrough() lets it follow the subcommand too (`crv-io read ... --color never`).
  app.add_option_function<std::string>(
         "--color",
         [](const std::string& mode) {
           set_color_mode(mode == "always"  ? ColorMode::kAlways
                          : mode == "never" ? ColorMode::kNever
                                            : ColorMode::kAuto);
         },
         "Colour headers and errors: auto (a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.fallthrough();
}

void register_commands(CLI::App& app) {
  register_schema(app);
  register_parquet(app);
  register_demo(app);
  register_append(app);
  register_read(app);
  register_manifest(app);
  register_rebuild_manifest(app);
  register_bundle(app);
  register_runs(app);
  register_tables(app);
  register_stats(app);
  register_log(app);
  register_seal(app);
  register_vacuum(app);
  register_tail(app);
  register_verify(app);
  register_repair(app);
  register_completion(app);
}

/// A command-line mistake: the error as every other error prints, and where to look.
int report_parse_error(CLI::App& app, const CLI::ParseError& error) {
  if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
  print_error(error.what());
  std::cerr << "run 'crv-io --help' (or 'crv-io COMMAND --help') for the commands and their options\n";
  return kExitUsage;
}

}  // namespace

int run_command_line(int argc, char** argv) {
  CLI::App app{"crv-io: append-only, tick-bucketed Parquet datasets of CRV simulation tables", "crv-io"};
  app.set_version_flag("--version", std::string("crv-io ") + crv::kVersion);
  app.require_subcommand(1);
  app.footer(
      "Every command's --help ends with an example. Output that is data takes --format\n"
      "table|csv|jsonl (table on a terminal, jsonl on a pipe); reports take --json.\n"
      "Exit codes: 0 ok, 1 other error, 2 usage or settings error, 3 schema error,\n"
      "4 io or manifest error, 5 Parquet or data error, 6 verify found problems.\n"
      "Example:\n  crv-io read --run r1 --table identity_edges --tick-min 0 --tick-max 99");
  add_color_option(app);
  register_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return report_parse_error(app, error);
  } catch (const ExitWith& exit) {
    return exit.code;
  } catch (...) {
    return report_exception(std::current_exception());
  }
  return kExitOk;
}

}  // namespace crv::cli
