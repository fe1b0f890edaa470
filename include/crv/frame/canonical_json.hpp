#pragma once

// The canonical JSON text of frame values: the row form of the interop contract
// (tests/interop/README.md, "Canonical row form"), the one implementation used by
// `crv-io parquet dump --format jsonl`, `crv-io read --format jsonl` and the interop tests.
//
//  - null as null; bool as true/false; integers of every width with their exact digits;
//  - f64: the shortest decimal that round-trips the double; f32: the shortest decimal that
//    round-trips the float (0.1f -> 0.1); both laid out as ECMAScript Number::toString
//    (100000000000000000000, 1e+21, 0.000001, 1e-7, -0); NaN, +inf, -inf as the strings
//    "NaN", "Infinity", "-Infinity";
//  - str as a JSON string escaped as JSON.stringify does (invalid UTF-8 -> U+FFFD);
//  - binary and fixed-size binary as standard base64 with padding, always (a fixed-size
//    binary field marked as a UUID by JsonFieldHints: 8-4-4-4-12 lowercase hex);
//  - date "YYYY-MM-DD", time "HH:MM:SS.fff" with the unit's digits, timestamp
//    "YYYY-MM-DDTHH:MM:SS[.fff]" plus "Z" when it has a time zone; years outside 0..9999 as
//    a sign and 6 digits (ECMAScript expanded years);
//  - decimal as a string with exactly `scale` fraction digits;
//  - struct as an object with keys in field order, list as an array.
//
// The writers append to a caller-owned string (reused across rows and batches): no
// per-value heap allocation, no nlohmann values.

#include <crv/export.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace crv::frame {

/// Per field: whether a fixed_size_binary(16) holds UUIDs (Parquet UUID logical type), and
/// the same for its struct fields / list item (children in field order). Default: no hints.
struct JsonFieldHints {
  bool uuid = false;                     ///< write the 16 bytes as a UUID string, not base64
  std::vector<JsonFieldHints> children;  ///< hints of the struct fields or list item, in order
};

/// Appends the canonical text of a float: a JSON number, or "NaN" / "Infinity" /
/// "-Infinity" as JSON strings (quotes included).
CRV_IO_EXPORT void append_canonical_number(std::string& out, double value);
/// As the double overload, for a float: the shortest decimal that round-trips the float.
CRV_IO_EXPORT void append_canonical_number(std::string& out, float value);

/// Appends `text` as a JSON string (quotes included), escaped as JSON.stringify does.
CRV_IO_EXPORT void append_json_string(std::string& out, std::string_view text);

/// Writes the rows of one frame. Built once per frame (it resolves nested columns and
/// escapes the keys up front), then appends rows with no allocation beyond `out`'s growth.
/// `hints` has one entry per column, or is empty. The writer shares the frame's columns.
class CRV_IO_EXPORT CanonicalJsonWriter {
 public:
  /// A writer of `frame`'s rows (`hints`: one per column, or none).
  explicit CanonicalJsonWriter(const Frame& frame, const std::vector<JsonFieldHints>& hints = {});
  ~CanonicalJsonWriter();
  CanonicalJsonWriter(const CanonicalJsonWriter&) = delete;
  CanonicalJsonWriter& operator=(const CanonicalJsonWriter&) = delete;

  /// Appends row `row` as one JSON object, keys in column order, then "\n".
  void append_row(std::string& out, int64_t row) const;
  /// Appends rows [begin, end) as JSON lines.
  void append_rows(std::string& out, int64_t begin, int64_t end) const;
  /// Appends the value of column `column` at row `row` (no key, no newline).
  void append_value(std::string& out, size_t column, int64_t row) const;

  struct Node;

 private:
  std::vector<std::string> keys_;  ///< "\"name\":" per column
  std::vector<Node> columns_;
};

/// Appends the canonical JSON of row `row` of `column` (for one value; for many rows use
/// CanonicalJsonWriter, which resolves the nested columns once).
CRV_IO_EXPORT void append_canonical_value(std::string& out, const Column& column, int64_t row,
                                          const JsonFieldHints& hints = {});

/// Appends every row of `frame` as JSON lines.
CRV_IO_EXPORT void append_canonical_jsonl(std::string& out, const Frame& frame,
                                          const std::vector<JsonFieldHints>& hints = {});

/// Writes every row of `frame` as JSON lines to `out`, in chunks of about 64 KiB.
CRV_IO_EXPORT void write_canonical_jsonl(std::ostream& out, const Frame& frame,
                                         const std::vector<JsonFieldHints>& hints = {});

}  // namespace crv::frame
