#include "cli/table_view.hpp"

#include <algorithm>
#include <functional>
#include <vector>

#include "cli/terminal.hpp"
#include "cli/text_table.hpp"
#include "crv/frame/pretty_print.hpp"

namespace crv::cli {
namespace {

constexpr std::string_view kEllipsis = "…";

/// `text` cut to `width` display characters, the last one "…" when it was cut.
std::string fit_cell(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  std::string cut;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) != 0x80 && ++shown == width) break;
    cut += text[i];
  }
  return cut + std::string(kEllipsis);
}

/// Which rows to show: all, or the first and last halves of max_rows (-1 marks the gap).
std::vector<std::int64_t> shown_rows(std::int64_t rows, std::int64_t max_rows) {
  std::vector<std::int64_t> shown;
  if (max_rows < 0 || rows <= max_rows) {
    for (std::int64_t row = 0; row < rows; ++row) shown.push_back(row);
    return shown;
  }
  const std::int64_t head = (max_rows + 1) / 2;
  for (std::int64_t row = 0; row < head; ++row) shown.push_back(row);
  shown.push_back(-1);
  for (std::int64_t row = rows - (max_rows - head); row < rows; ++row) shown.push_back(row);
  return shown;
}

/// One column as it will be printed: header, dtype and the shown cells, and its width.
struct ColumnText {
  std::string name;
  std::string dtype;
  std::vector<std::string> cells;  ///< one per shown row ("…" for the gap)
  std::size_t width = 1;
  bool gap = false;  ///< the "…" column standing for the columns left out
};

ColumnText column_text(const frame::Frame& frame, std::size_t k, const std::vector<std::int64_t>& rows,
                       std::size_t max_cell) {
  ColumnText text;
  text.name = fit_cell(frame.schema()[k].name, max_cell);
  text.dtype = fit_cell(frame.column(k).type()->to_string(), max_cell);
  for (const std::int64_t row : rows) {
    text.cells.push_back(row < 0 ? std::string(kEllipsis)
                                 : fit_cell(frame::format_cell(frame.column(k), row), max_cell));
  }
  text.width = std::max({display_width(text.name), display_width(text.dtype), std::size_t{3}});
  for (const std::string& cell : text.cells) text.width = std::max(text.width, display_width(cell));
  return text;
}

/// The columns printed, and how many of them are the frame's (the rest is the "…" gap).
struct FittedColumns {
  std::vector<ColumnText> columns;
  std::size_t shown = 0;
};

/// The columns that fit `width`: taken alternately from the left and the right (as Polars
/// does), with a "…" column between the two sides when any were left out.
FittedColumns fit_columns(std::vector<ColumnText> columns, std::size_t width, bool all) {
  std::size_t used = 1;  // the left border
  for (const ColumnText& column : columns) used += column.width + 3;
  if (all || used <= width) {
    const std::size_t shown = columns.size();
    return {std::move(columns), shown};
  }
  const std::size_t row_count = columns.front().cells.size();  // before any column is moved out
  const std::size_t gap_width = 1 + 3;
  std::vector<ColumnText> left;
  std::vector<ColumnText> right;
  used = 1 + gap_width;
  std::size_t next_left = 0;
  std::size_t next_right = columns.size();
  while (next_left < next_right) {
    const bool take_left = left.size() <= right.size();
    ColumnText& candidate = take_left ? columns[next_left] : columns[next_right - 1];
    if (used + candidate.width + 3 > width) break;
    used += candidate.width + 3;
    if (take_left) {
      left.push_back(std::move(columns[next_left++]));
    } else {
      right.insert(right.begin(), std::move(columns[--next_right]));
    }
  }
  const std::size_t shown = left.size() + right.size();
  ColumnText gap{std::string(kEllipsis), std::string(kEllipsis), {}, 1, true};
  gap.cells.assign(row_count, std::string(kEllipsis));
  left.push_back(std::move(gap));
  for (ColumnText& column : right) left.push_back(std::move(column));
  return {std::move(left), shown};
}

std::string pad(const std::string& text, std::size_t width) {
  return text + std::string(width - std::min(width, display_width(text)), ' ');
}

std::string rule(const std::vector<ColumnText>& columns, std::string_view left, std::string_view fill,
                 std::string_view middle, std::string_view right) {
  std::string line(left);
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (k > 0) line += middle;
    for (std::size_t i = 0; i < columns[k].width + 2; ++i) line += fill;
  }
  return line + std::string(right) + "\n";
}

std::string cells_line(const std::vector<ColumnText>& columns,
                       const std::function<std::string(const ColumnText&)>& cell, bool bold) {
  std::string line = "│";
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (k > 0) line += "┆";
    line += " " + paint(pad(cell(columns[k]), columns[k].width), Style::kHeader, bold) + " ";
  }
  return line + "│\n";
}

/// "1,999,990 of 2,000,000 rows and 3 of 9 columns hidden; ...": empty when nothing is.
std::string hidden_note(const frame::Frame& frame, std::size_t shown_row_count, std::size_t shown_columns) {
  const std::int64_t hidden_rows = frame.num_rows() - static_cast<std::int64_t>(shown_row_count);
  const std::size_t hidden_columns = frame.num_columns() - shown_columns;
  if (hidden_rows <= 0 && hidden_columns == 0) return {};
  std::string note;
  if (hidden_rows > 0) note = thousands(hidden_rows) + " of " + thousands(frame.num_rows()) + " rows";
  if (hidden_columns > 0) {
    note += (note.empty() ? "" : " and ") + std::to_string(hidden_columns) + " of " +
            std::to_string(frame.num_columns()) + " columns";
  }
  note += " hidden; --all shows them";
  if (hidden_columns > 0) note += " (or widen the terminal, or pick --columns)";
  return note + ", --format csv|jsonl prints the data";
}

}  // namespace

std::string render_table(const frame::Frame& frame, const TableViewOptions& options) {
  const std::vector<std::int64_t> rows = shown_rows(frame.num_rows(), options.max_rows);
  std::vector<ColumnText> all;
  for (std::size_t k = 0; k < frame.num_columns(); ++k) all.push_back(column_text(frame, k, rows, options.max_cell));
  const FittedColumns fitted = fit_columns(std::move(all), options.width, options.all_columns);
  const std::vector<ColumnText>& columns = fitted.columns;

  std::string out = "shape: (" + thousands(frame.num_rows()) + ", " + std::to_string(frame.num_columns()) + ")\n";
  if (columns.empty()) return out;
  out += rule(columns, "┌", "─", "┬", "┐");
  out += cells_line(
      columns, [](const ColumnText& c) { return c.name; }, options.color);
  out += cells_line(
      columns, [](const ColumnText& c) { return std::string(c.gap ? kEllipsis : "---"); }, false);
  out += cells_line(
      columns, [](const ColumnText& c) { return c.dtype; }, false);
  out += rule(columns, "╞", "═", "╪", "╡");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += cells_line(
        columns, [i](const ColumnText& c) { return c.cells[i]; }, false);
  }
  out += rule(columns, "└", "─", "┴", "┘");
  const std::size_t shown_row_count = rows.size() - (std::find(rows.begin(), rows.end(), -1) != rows.end() ? 1 : 0);
  const std::string note = hidden_note(frame, shown_row_count, fitted.shown);
  if (!note.empty()) out += paint(note, Style::kDim, options.color) + "\n";
  return out;
}

}  // namespace crv::cli
