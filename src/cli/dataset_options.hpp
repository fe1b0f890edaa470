#pragma once
// Options shared by the dataset commands: --root, --run, --table, and the settings and
// dataset they resolve to; the checks that what they name exists.

#include <memory>
#include <string>
#include <vector>

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
  kRoot,          ///< --root only
  kRun,           ///< --root and the required --run
  kRunTable,      ///< --root, the required --run and the required --table
  kRunMaybeTable  ///< --root, the required --run and an optional --table ("only this table")
};

/// Adds `--root DIR` (the dataset root; default: IoSettings::load(), i.e. crv.toml,
/// pyproject.toml, CRV_IO_ROOT_DIR or "out"), then --run and --table as `scope` says.
void add_dataset_options(CLI::App& command, DatasetArguments& arguments, DatasetScope scope);

/// IoSettings::load() from the working directory and the environment, with root_dir
/// replaced by `root` when it is not empty.
io::IoSettings resolve_settings(const std::string& root);

/// The dataset of `arguments.run_id` under resolve_settings(arguments.root). UsageError
/// naming the runs that exist (and the closest) when the run directory does not exist; when
/// `arguments.table` is set, also when that table was never written (naming those that were).
std::unique_ptr<io::Dataset> open_dataset(const DatasetArguments& arguments);

/// The same, for commands that write: the run and the table may be new.
io::Dataset open_dataset_for_writing(const DatasetArguments& arguments);

/// The run ids under the root, sorted.
std::vector<std::string> list_runs(const io::IoSettings& settings);

/// The canonical tables of the run that hold anything: a table directory, a manifest or rows
/// in the append log. In canonical order.
std::vector<std::string> written_tables(const io::Dataset& dataset);

/// UsageError when a requested column is not a column of the table (its descriptor's and
/// any extra stored ones), with the closest name.
void check_columns_exist(const io::Dataset& dataset, const std::string& table, const std::vector<std::string>& columns);

}  // namespace crv::cli
