// crv-io: the command-line tool over the crv-io library.

#include <exception>
#include <string>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "crv/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"crv-io: append-only, tick-bucketed Parquet datasets of CRV simulation tables",
               "crv-io"};
  app.set_version_flag("--version", std::string("crv-io ") + crv::kVersion);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok, 1 other error, 2 usage or settings error, 3 schema error,\n"
      "4 io or manifest error, 5 Parquet or data error, 6 verify found problems.");

  crv::cli::register_schema(app);
  crv::cli::register_parquet(app);
  crv::cli::register_demo(app);
  crv::cli::register_append(app);
  crv::cli::register_read(app);
  crv::cli::register_manifest(app);
  crv::cli::register_rebuild_manifest(app);
  crv::cli::register_bundle(app);
  crv::cli::register_runs(app);
  crv::cli::register_tables(app);
  crv::cli::register_seal(app);
  crv::cli::register_vacuum(app);
  crv::cli::register_tail(app);
  crv::cli::register_verify(app);
  crv::cli::register_repair(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? crv::cli::kExitOk : crv::cli::kExitUsage;
  } catch (const crv::cli::ExitWith& exit) {
    return exit.code;
  } catch (...) {
    return crv::cli::report_exception(std::current_exception());
  }
  return crv::cli::kExitOk;
}
