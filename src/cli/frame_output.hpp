#pragma once
// Printing frames as a table, CSV or JSON lines (the `read` command).

#include <iosfwd>
#include <string_view>

#include "crv/frame/frame.hpp"

namespace crv::cli {

/// "table" (Polars-like, all rows), "csv" (header, RFC 4180 quoting, nested values as
/// JSON text, null as an empty field) or "jsonl" (the canonical JSON rows of
/// crv/frame/canonical_json.hpp).
void print_frame(std::ostream& out, const frame::Frame& frame, std::string_view format);

}  // namespace crv::cli
