// `crv-io append --run R --table T FILE`: validates and appends a .jsonl or .parquet file (or JSONL from
// standard input, FILE -).

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "crv/frame/jsonl_file_reader.hpp"
#include "crv/frame/jsonl_reader.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/jsonl_schema.hpp"
#include "crv/io/parquet_file.hpp"

namespace crv::cli {
namespace {

struct AppendCommandOptions : DatasetArguments {
  std::string file;
  bool validate_rows = false;
  bool no_validate_schema = false;
};

/// The JSONL reader's options: progress is reported through `on_progress` (no display yet).
frame::JsonlReadOptions jsonl_options(const std::string& file) {
  frame::JsonlReadOptions options;
  std::error_code size_error;
  const std::uintmax_t size = file == "-" ? 0 : std::filesystem::file_size(file, size_error);
  options.total_bytes = size_error ? 0 : size;  // unknown: a pipe, or a file that is not regular
  return options;
}

frame::Frame load_input(const AppendCommandOptions& options) {
  const std::string& file = options.file;
  const std::filesystem::path path(file);
  // Without validation the columns keep the types inferred from the values; with it, the
  // descriptor's scalar columns are built in their types as they are read.
  const frame::JsonlSchema schema = options.no_validate_schema ? frame::JsonlSchema{} : io::jsonl_schema(options.table);
  if (file == "-") return frame::read_jsonl(std::cin, schema, jsonl_options(file));
  if (path.extension() == ".parquet") {
    return io::read_parquet_file(path);
  }
  if (path.extension() == ".jsonl" || path.extension() == ".ndjson") {
    if (!std::ifstream(path, std::ios::binary))
      throw io::IoReadError("cannot open '" + file + "'", io::ErrorKind::NotFound, errno);
    return frame::read_jsonl_file(path, schema, jsonl_options(file));
  }
  throw CLI::ValidationError("FILE",
                             "'" + file + "' must end in .jsonl or .parquet, or be - (JSONL on standard input)");
}

void run_append(const AppendCommandOptions& options) {
  io::Dataset dataset = open_dataset(options);
  const frame::Frame frame = load_input(options);
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
  command
      ->add_option("file", options->file,
                   "Input rows: FILE.jsonl (one object per line), FILE.parquet, or - (JSONL on standard input)")
      ->required()
      ->check(CLI::ExistingFile | CLI::IsMember({"-"}));
  command->add_flag("--validate-rows", options->validate_rows,
                    "Also check the closed vocabularies and the identity_edges slot rules");
  command->add_flag("--no-validate-schema", options->no_validate_schema,
                    "Skip the descriptor checks (columns are written as given)");
}

}  // namespace crv::cli
