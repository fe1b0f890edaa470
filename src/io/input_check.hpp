#pragma once
// What every frame must be before it is stored (private to the io layer): within the limits
// the writer and the Parquet reader share (crv/frame/limits.hpp). Checked on each append,
// validated or not, so that no acknowledged append is unreadable later.

#include <string_view>

#include "crv/frame/frame.hpp"

namespace crv::io::detail {

/// IoSchemaError naming the table, the column, the row where there is one, and the limit.
void check_input_limits(std::string_view table, const frame::Frame& frame);

/// Every utf8 value (nested ones too) UTF-8 (crv/frame/utf8.hpp): IoSchemaError naming the
/// table, the column, the field within it, the row and where in the value. One pass over
/// each string column's bytes.
void check_utf8(std::string_view table, const frame::Frame& frame);

}  // namespace crv::io::detail
