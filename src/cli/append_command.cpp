// `crv-io append --run R --table T FILE`: validates and appends a .jsonl or .parquet file.

#include <cerrno>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/frame/json.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/parquet_file.hpp"

namespace crv::cli {
namespace {

struct AppendCommandOptions : DatasetArguments {
  std::string file;
  bool validate_rows = false;
  bool no_validate_schema = false;
};

frame::Frame load_input(const std::string& file) {
  const std::filesystem::path path(file);
  if (path.extension() == ".parquet") {
    return io::read_parquet_file(path);
  }
  if (path.extension() == ".jsonl" || path.extension() == ".ndjson") {
    std::ifstream input(path);
    if (!input) throw io::IoReadError("cannot open '" + file + "'", io::ErrorKind::NotFound, errno);
    return frame::frame_from_jsonl(input);
  }
  throw CLI::ValidationError("FILE", "'" + file + "' must end in .jsonl or .parquet");
}

void run_append(const AppendCommandOptions& options) {
  io::Dataset dataset = open_dataset(options);
  const frame::Frame frame = load_input(options.file);
  io::AppendOptions append;
  append.validate_schema = !options.no_validate_schema;
  append.validate_rows = options.validate_rows;
  std::cout << dataset.append(options.table, frame, append).to_json().dump(2) << '\n';
}

}  // namespace

void register_append(CLI::App& app) {
  const auto [command, options] = add_command<AppendCommandOptions>(
      app, "append",
      "Validate a .jsonl or .parquet file against a table's descriptor and append it to a run; prints the "
      "append summary as JSON",
      run_append);
  add_dataset_options(*command, *options, DatasetScope::kRunTable);
  command->add_option("file", options->file, "Input rows: FILE.jsonl (one object per line) or FILE.parquet")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_flag("--validate-rows", options->validate_rows,
                    "Also check the closed vocabularies and the identity_edges slot rules");
  command->add_flag("--no-validate-schema", options->no_validate_schema,
                    "Skip the descriptor checks (columns are written as given)");
}

}  // namespace crv::cli
