#pragma once
// Printing frames as a table, CSV or JSON lines (read, tail, parquet dump), and the options
// that choose which: one grammar for every command whose output is rows.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "cli/commands.hpp"  // CLI11
#include "crv/frame/frame.hpp"

namespace crv::cli {

/// --format, --max-rows and --all of a command whose output is rows.
struct RowsOutput {
  std::string format;          ///< table, csv or jsonl; empty: table on a terminal, jsonl on a pipe
  std::int64_t max_rows = 10;  ///< rows the table format shows (first and last halves)
  bool all = false;            ///< the table format shows every row and column
};

/// Adds --format table|csv|jsonl, --max-rows N and --all, bound to `output`.
void add_rows_output_options(CLI::App& command, RowsOutput& output);

/// `format` when given; else "table" when standard output is a terminal and "jsonl" when it
/// is not (a pipe or a file wants data, not a picture of it).
std::string resolved_format(const std::string& format);

/// "table" (Polars-like, the rows and columns that fit the terminal, see table_view.hpp),
/// "csv" (header, RFC 4180 quoting, nested values as JSON text, null as an empty field) or
/// "jsonl" (the canonical JSON rows of crv/frame/canonical_json.hpp). csv and jsonl print
/// every row.
void print_frame(std::ostream& out, const frame::Frame& frame, const RowsOutput& output);

/// The table format only, with `output`'s row and column limits fitted to the terminal.
std::string frame_as_table(const frame::Frame& frame, const RowsOutput& output);

}  // namespace crv::cli
