#pragma once
// A frame as a terminal table, as Polars and DuckDB print one: the first and last rows and
// the columns that fit the width, and a line saying what was left out.

#include <cstddef>
#include <cstdint>
#include <string>

#include "crv/frame/frame.hpp"

namespace crv::cli {

struct TableViewOptions {
  std::size_t width = 100;     ///< characters per line to fit into (terminal_width())
  std::int64_t max_rows = 10;  ///< rows shown: the first half and the last half; <0: every row
  bool all_columns = false;    ///< every column, however wide the table becomes
  std::size_t max_cell = 32;   ///< longer cells are cut and end with "…"
  bool color = false;          ///< bold headers, dim notes
};

/// The box-drawn table ("shape: (rows, columns)", header, dtype, rows) and, when rows or
/// columns were hidden, a last line saying how many and how to see them.
std::string render_table(const frame::Frame& frame, const TableViewOptions& options);

}  // namespace crv::cli
