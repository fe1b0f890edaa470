#pragma once
// The subcommands of crv-io. Each command lives in its own file and adds itself to the
// application in its register_<command> function, which main() calls.

// Include CLI11 through this header only: GCC 12 reports a false -Wnull-dereference
// inside CLI11's header-only parser (std::vector<std::string> growth in
// CLI::detail::split) once it is inlined into our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop

#include <memory>
#include <string>
#include <utility>

namespace crv::cli {

/// The command line: parses `argv` (argv[0] the program name), runs the subcommand and
/// returns the exit code (exit_codes.hpp). main() of crv-io, and `python -m crv_io`.
int run_command_line(int argc, char** argv);

/// Adds the subcommand `name` of `parent`, owning an `Options` that the caller binds the
/// command's options to, and whose callback runs `run` on it once the command line is
/// parsed. Errors thrown by `run` reach main(), which maps them to exit codes
/// (exit_codes.hpp).
template <class Options>
std::pair<CLI::App*, Options*> add_command(CLI::App& parent, const std::string& name, const std::string& description,
                                           void (*run)(const Options&)) {
  auto options = std::make_shared<Options>();
  CLI::App* command = parent.add_subcommand(name, description);
  command->callback([options, run] { run(*options); });
  return {command, options.get()};
}

/// `crv-io schema [TABLE] [--json]`: the canonical table descriptors.
void register_schema(CLI::App& app);

/// `crv-io parquet schema|meta|dump FILE`: inspect any Parquet file.
void register_parquet(CLI::App& app);

/// Dataset commands (each takes --root DIR): demo, append, read, manifest,
/// rebuild-manifest, verify, repair, bundle, runs, tables, seal, compact, vacuum, tail,
/// stats, log.
void register_demo(CLI::App& app);
void register_append(CLI::App& app);
void register_read(CLI::App& app);
void register_manifest(CLI::App& app);
void register_rebuild_manifest(CLI::App& app);
void register_verify(CLI::App& app);
void register_repair(CLI::App& app);
void register_bundle(CLI::App& app);
void register_runs(CLI::App& app);
void register_tables(CLI::App& app);
void register_seal(CLI::App& app);
void register_vacuum(CLI::App& app);
void register_tail(CLI::App& app);
void register_stats(CLI::App& app);
void register_log(CLI::App& app);

/// `crv-io completion bash`: the bash completion script, generated from `app`'s commands.
void register_completion(CLI::App& app);

}  // namespace crv::cli
