#pragma once
// Options shared by the dataset commands: --root, --run, --table, and the settings they
// resolve to.

#include <string>

#include "cli/commands.hpp"  // CLI11 (included through commands.hpp, see there)

#include "crv/io/settings.hpp"

namespace crv::cli {

/// Adds `--root DIR` (the dataset root; default: IoSettings::load(), i.e. crv.toml,
/// pyproject.toml, CRV_IO_ROOT_DIR or "out").
void add_root_option(CLI::App& command, std::string& root);
/// Adds the required `--run R` option.
void add_run_option(CLI::App& command, std::string& run_id);
/// Adds the required `--table T` option (a canonical table name).
void add_table_option(CLI::App& command, std::string& table);

/// IoSettings::load() from the working directory and the environment, with root_dir
/// replaced by `root` when it is not empty.
io::IoSettings resolve_settings(const std::string& root);

}  // namespace crv::cli
