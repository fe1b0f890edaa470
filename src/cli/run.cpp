// crv::cli::run_command_line: the crv-io command line (main() of the binary, and `python -m crv_io`).

#include <exception>
#include <string>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "crv/version.hpp"

namespace crv::cli {

int run_command_line(int argc, char** argv) {
  CLI::App app{"crv-io: append-only, tick-bucketed Parquet datasets of CRV simulation tables", "crv-io"};
  app.set_version_flag("--version", std::string("crv-io ") + crv::kVersion);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 1 other error, 2 usage or settings error, 3 schema error,\n"
      "4 io or manifest error, 5 Parquet or data error, 6 verify found problems.");

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
  register_seal(app);
  register_vacuum(app);
  register_tail(app);
  register_verify(app);
  register_repair(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const ExitWith& exit) {
    return exit.code;
  } catch (...) {
    return report_exception(std::current_exception());
  }
  return kExitOk;
}

}  // namespace crv::cli
