#pragma once
// Options shared by the dataset commands: --root, --run, --table, and the settings and
// dataset they resolve to.

#include <string>

#include "cli/commands.hpp"  // CLI11 (included through commands.hpp, see there)

#include "crv/io/dataset.hpp"
#include "crv/io/settings.hpp"

namespace crv::cli {

/// What a dataset command is pointed at. A command's options struct derives from it.
struct DatasetArguments {
  std::string root;    ///< --root; empty: IoSettings::load() decides
  std::string run_id;  ///< --run
  std::string table;   ///< --table
};

/// Which of --run and --table a dataset command takes (every one takes --root).
enum class DatasetScope {
  kRoot,      ///< --root only
  kRun,       ///< --root and the required --run
  kRunTable,  ///< --root, the required --run and the required --table
};

/// Adds `--root DIR` (the dataset root; default: IoSettings::load(), i.e. crv.toml,
/// pyproject.toml, CRV_IO_ROOT_DIR or "out"), then --run and --table as `scope` says.
void add_dataset_options(CLI::App& command, DatasetArguments& arguments, DatasetScope scope);

/// IoSettings::load() from the working directory and the environment, with root_dir
/// replaced by `root` when it is not empty.
io::IoSettings resolve_settings(const std::string& root);

/// The dataset of `arguments.run_id` under resolve_settings(arguments.root).
io::Dataset open_dataset(const DatasetArguments& arguments);

}  // namespace crv::cli
