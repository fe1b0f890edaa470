#pragma once

#include <crv/export.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>

#include <cstdint>
#include <iosfwd>
#include <string>

namespace crv::frame {

/// How to_string() lays out a frame.
struct PrintOptions {
  int64_t max_rows = 20;   ///< more rows print as head, a "…" row, tail
  int max_col_width = 32;  ///< longer cells are cut and end with "…"
};

/// Polars-like text table:
///   shape: (2, 2)
///   ┌──────┬──────┐
///   │ tick ┆ name │
///   │ ---  ┆ ---  │
///   │ i64  ┆ str  │
///   ╞══════╪══════╡
///   │ 0    ┆ "a"  │
///   │ 1    ┆ null │
///   └──────┴──────┘
CRV_IO_EXPORT std::string to_string(const Frame& frame, const PrintOptions& options = {});
/// A one-column table named after the column's type.
CRV_IO_EXPORT std::string to_string(const Column& column, const PrintOptions& options = {});
/// The text of one cell as printed in a table (strings quoted, null as "null").
CRV_IO_EXPORT std::string format_cell(const Column& column, int64_t row);

CRV_IO_EXPORT std::ostream& operator<<(std::ostream& out, const Frame& frame);    ///< writes to_string(frame)
CRV_IO_EXPORT std::ostream& operator<<(std::ostream& out, const Column& column);  ///< writes to_string(column)

}  // namespace crv::frame
