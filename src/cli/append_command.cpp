// `crv-io append --run R --table T FILE|-`: validates and appends a .jsonl or .parquet file
// (`-`: standard input). Progress on a terminal; the summary as JSON (text on a terminal).

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/dataset_options.hpp"
#include "cli/progress.hpp"
#include "cli/stdin_input.hpp"
#include "cli/terminal.hpp"
#include "crv/frame/jsonl_chunk_reader.hpp"
#include "crv/frame/jsonl_reader.hpp"
#include "crv/io/append_stream.hpp"
#include "crv/io/dataset.hpp"
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
  std::uint64_t chunk_bytes = frame::kDefaultJsonlFrameBytes;
};

bool is_jsonl(const std::filesystem::path& path) {
  return path.extension() == ".jsonl" || path.extension() == ".ndjson";
}

io::AppendOptions append_options(const AppendCommandOptions& options) {
  io::AppendOptions append;
  append.validate_schema = !options.no_validate_schema;
  append.validate_rows = options.validate_rows;
  return append;
}

/// A frame's validation error names rows of the frame: past the first, say which lines
/// those are (a frame's rows are its lines' non-blank ones, in order).
[[noreturn]] void rethrow_with_lines(const io::IoSchemaError& error, const frame::JsonlChunk& chunk,
                                     const std::string& file) {
  if (chunk.first_line <= 1) throw;
  throw io::IoSchemaError(std::string(error.what()) + " (rows counted from line " + std::to_string(chunk.first_line) +
                              " of '" + file + "', the first of lines " + std::to_string(chunk.first_line) + "-" +
                              std::to_string(chunk.last_line) + " read as one frame)",
                          error.kind());
}

/// A JSONL file in frames of about `chunk_bytes` of input, parsed on one thread while the
/// previous frame is validated and written as parts on this one; one commit at the end, so
/// an error anywhere (a bad line in the last frame too) leaves the table as it was.
io::AppendSummary append_jsonl(io::Dataset& dataset, const AppendCommandOptions& options, Progress& progress) {
  const std::string& file = options.file;
  if (!std::ifstream(file, std::ios::binary))
    throw io::IoReadError("cannot open '" + file + "'", io::ErrorKind::NotFound, errno);
  // Without validation the columns keep the types inferred from the values; with it, the
  // descriptor's scalar columns are built in their types as they are read.
  const frame::JsonlSchema schema = options.no_validate_schema ? frame::JsonlSchema{} : io::jsonl_schema(options.table);
  frame::JsonlReadOptions read;
  read.on_progress = [&progress](std::uint64_t consumed, std::uint64_t) {
    progress.set_done(static_cast<std::int64_t>(consumed));
  };
  io::AppendStream stream = dataset.open_append_stream(options.table, append_options(options));
  const auto write = [&](frame::JsonlChunk chunk) {
    try {
      stream.write(chunk.frame);
    } catch (const io::IoSchemaError& error) {
      rethrow_with_lines(error, chunk, file);
    }
  };
  frame::read_jsonl_file_chunks(file, write, schema, std::move(read), std::max<std::uint64_t>(options.chunk_bytes, 1));
  progress.set_phase("committing " + std::to_string(stream.rows()) + " rows");
  return stream.commit();
}

// `-` (standard input) arrives here as a temporary file (stdin_as_file), named by its content.
io::AppendSummary append_parquet(io::Dataset& dataset, const AppendCommandOptions& options, Progress& progress) {
  const frame::Frame frame = io::read_parquet_file(options.file);
  progress.set_phase("writing " + std::to_string(frame.num_rows()) + " rows");
  return dataset.append(options.table, frame, append_options(options));
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
  const std::filesystem::path path(options.file);
  io::Dataset dataset = open_dataset_for_writing(options);
  if (path.extension() != ".parquet" && !is_jsonl(path))
    throw CLI::ValidationError("FILE",
                               "'" + options.file + "' must end in .jsonl or .parquet, or be - (standard input)");
  // `-` is a file by now (stdin_as_file), so its size is known: bytes consumed of bytes total.
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(options.file));
  Progress progress("append " + options.table, bytes, "bytes");
  progress.set_phase("reading " + path.filename().string());
  const io::AppendSummary summary =
      is_jsonl(path) ? append_jsonl(dataset, options, progress) : append_parquet(dataset, options, progress);
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
  command
      ->add_option("--chunk-bytes", options->chunk_bytes,
                   "JSONL input read, validated and written as Parquet parts this many bytes at a time (memory "
                   "follows it; the append is still one commit)")
      ->default_val(frame::kDefaultJsonlFrameBytes);
  command->add_flag("--json", options->json, "Print the append summary as JSON (the default when not on a terminal)");
  command->footer(
      "Examples:\n"
      "  crv-io append --run r1 --table identity_edges edges.jsonl\n"
      "  zcat edges.jsonl.gz | crv-io append --run r1 --table identity_edges -");
}

}  // namespace crv::cli
