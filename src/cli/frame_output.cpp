#include "cli/frame_output.hpp"

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/table_view.hpp"
#include "cli/terminal.hpp"
#include "crv/frame/canonical_json.hpp"
#include "crv/frame/json.hpp"

namespace crv::cli {
namespace {

void write_csv_field(std::ostream& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << text;
    return;
  }
  out << '"';
  for (char c : text) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

void print_csv(std::ostream& out, const frame::Frame& frame) {
  const auto& schema = frame.schema();
  for (std::size_t k = 0; k < schema.size(); ++k) {
    if (k > 0) out << ',';
    write_csv_field(out, schema[k].name);
  }
  out << '\n';
  for (std::int64_t row = 0; row < frame.num_rows(); ++row) {
    for (std::size_t k = 0; k < frame.num_columns(); ++k) {
      if (k > 0) out << ',';
      const frame::Column& column = frame.column(k);
      if (column.is_null(row)) continue;
      const nlohmann::ordered_json value = frame::value_to_json(column, row);
      write_csv_field(out, value.is_string() ? value.get_ref<const std::string&>() : value.dump());
    }
    out << '\n';
  }
}

}  // namespace

void add_rows_output_options(CLI::App& command, RowsOutput& output) {
  command.add_option("--format", output.format, "table, csv or jsonl (default: table on a terminal, else jsonl)")
      ->check(CLI::IsMember({"table", "csv", "jsonl"}));
  command.add_option("--max-rows", output.max_rows, "Rows the table format shows, first and last halves (default 10)")
      ->check(CLI::NonNegativeNumber);
  command.add_flag("--all", output.all, "The table format shows every row and every column");
}

std::string resolved_format(const std::string& format) {
  if (!format.empty()) return format;
  return stdout_is_terminal() ? "table" : "jsonl";
}

std::string frame_as_table(const frame::Frame& frame, const RowsOutput& output) {
  TableViewOptions view;
  view.width = terminal_width();
  view.max_rows = output.all ? -1 : output.max_rows;
  view.all_columns = output.all;
  view.color = color_stdout();
  return render_table(frame, view);
}

void print_frame(std::ostream& out, const frame::Frame& frame, const RowsOutput& output) {
  const std::string format = resolved_format(output.format);
  if (format == "csv") {
    print_csv(out, frame);
  } else if (format == "jsonl") {
    frame::write_canonical_jsonl(out, frame);
  } else {
    out << frame_as_table(frame, output);
  }
}

}  // namespace crv::cli
