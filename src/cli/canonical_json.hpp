#pragma once
// The canonical JSON row form of the interop contract (tests/interop/README.md, as computed
// by tests/interop/lib/canonical.mjs): keys in schema order, null as null, structs as objects,
// lists as arrays, integers exact, floats in shortest round-trip form laid out like
// ECMAScript's Number::toString (NaN and infinities as "NaN", "Infinity", "-Infinity"),
// temporal values as ISO-8601 strings, decimals as exact decimal strings, binary as base64,
// UUIDs as 8-4-4-4-12 lowercase hex.

#include <cstdint>
#include <string>
#include <vector>

#include "crv/frame/column.hpp"
#include "crv/frame/frame.hpp"

namespace crv::cli {

// Per field: whether it holds UUIDs (fixed_size_binary(16) annotated UUID), and the same for
// its struct fields / list item.
struct JsonHints {
  bool uuid = false;
  std::vector<JsonHints> children;
};

// Shortest round-trip text of a double / float in ECMAScript Number::toString layout.
std::string format_js_number(double value);
std::string format_js_number(float value);

// Appends row `row` of `column` in canonical form.
void append_canonical_json(std::string& out, const frame::Column& column, int64_t row, const JsonHints& hints);

// Appends one line per row: {"name":value,...}\n. `hints` has one entry per column (or none).
void append_canonical_rows(std::string& out, const frame::Frame& frame, const std::vector<JsonHints>& hints);

}  // namespace crv::cli
