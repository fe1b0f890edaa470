// `crv-io append --run R --table T FILE|-`: validates and appends a .jsonl or .parquet file
// (`-`: standard input). Progress on a terminal; the summary as JSON (text on a terminal).

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/progress.hpp"
#include "cli/stdin_input.hpp"
#include "cli/terminal.hpp"
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
  bool json = false;
};

using ProgressCallback = std::function<void(std::uint64_t consumed, std::uint64_t total)>;

/// The JSONL reader's options: the bytes it has consumed go to `on_progress`.
frame::JsonlReadOptions jsonl_options(const std::string& file, ProgressCallback on_progress) {
  frame::JsonlReadOptions options;
  std::error_code size_error;
  const std::uintmax_t size = std::filesystem::file_size(file, size_error);
  options.total_bytes = size_error ? 0 : size;  // unknown: a file that is not regular
  options.on_progress = std::move(on_progress);
  return options;
}

// `-` (standard input) arrives here as a temporary file (stdin_as_file), named by its content.
frame::Frame load_input(const AppendCommandOptions& options, ProgressCallback on_progress) {
  const std::string& file = options.file;
  const std::filesystem::path path(file);
  // Without validation the columns keep the types inferred from the values; with it, the
  // descriptor's scalar columns are built in their types as they are read.
  const frame::JsonlSchema schema = options.no_validate_schema ? frame::JsonlSchema{} : io::jsonl_schema(options.table);
  if (path.extension() == ".parquet") {
    return io::read_parquet_file(path);
  }
  if (path.extension() == ".jsonl" || path.extension() == ".ndjson") {
    if (!std::ifstream(path, std::ios::binary))
      throw io::IoReadError("cannot open '" + file + "'", io::ErrorKind::NotFound, errno);
    return frame::read_jsonl_file(path, schema, jsonl_options(file, std::move(on_progress)));
  }
  throw CLI::ValidationError("FILE", "'" + file + "' must end in .jsonl or .parquet, or be - (standard input)");
}

void print_summary(const io::AppendSummary& summary, bool json) {
  if (json) {
    std::cout << summary.to_json().dump(2) << '\n';
    return;
  }
  std::cout << "appended " << summary.rows << " row(s) to " << summary.table << " of run " << summary.run_id << ": "
            << summary.parts.size() << " part(s), " << summary.buckets.size() << " bucket(s)\n";
}

void run_append(const AppendCommandOptions& options) {
  io::Dataset dataset = open_dataset_for_writing(options);
  // `-` is a file by now (stdin_as_file), so its size is known: bytes consumed of bytes total.
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(options.file));
  Progress progress("append " + options.table, bytes, "bytes");
  progress.set_phase("reading " + std::filesystem::path(options.file).filename().string());
  const frame::Frame frame = load_input(options, [&progress](std::uint64_t consumed, std::uint64_t) {
    progress.set_done(static_cast<std::int64_t>(consumed));
  });
  progress.set_phase("writing " + std::to_string(frame.num_rows()) + " rows");
  io::AppendOptions append;
  append.validate_schema = !options.no_validate_schema;
  append.validate_rows = options.validate_rows;
  const io::AppendSummary summary = dataset.append(options.table, frame, append);
  progress.set_done(bytes);
  progress.finish();
  print_summary(summary, options.json || !stdout_is_terminal());
}

}  // namespace

void register_append(CLI::App& app) {
  const auto [command, options] = add_command<AppendCommandOptions>(
      app, "append",
      "Validate a .jsonl or .parquet file against a table's descriptor and append it to a run; prints the "
      "append summary (JSON with --json or when not on a terminal)",
      run_append);
  add_dataset_options(*command, *options, DatasetScope::kRunTable);
  command
      ->add_option("file", options->file,
                   "Input rows: FILE.jsonl (one object per line) or FILE.parquet; - reads standard input")
      ->required()
      ->transform(stdin_as_file())
      ->check(CLI::ExistingFile);
  command->add_flag("--validate-rows", options->validate_rows,
                    "Also check the closed vocabularies and the identity_edges slot rules");
  command->add_flag("--no-validate-schema", options->no_validate_schema,
                    "Skip the descriptor checks (columns are written as given)");
  command->add_flag("--json", options->json, "Print the append summary as JSON (the default when not on a terminal)");
  command->footer(
      "Examples:\n"
      "  crv-io append --run r1 --table identity_edges edges.jsonl\n"
      "  zcat edges.jsonl.gz | crv-io append --run r1 --table identity_edges -");
}

}  // namespace crv::cli
