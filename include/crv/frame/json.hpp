#pragma once

#include <crv/export.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/frame/frame.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <vector>

namespace crv::frame {

/// A column of `type` from JSON values, nested types included: null -> null; objects ->
/// struct fields by name (a missing field is null); arrays -> lists. Numbers must be
/// exactly representable in the target type; strings are accepted for temporal types
/// (ISO-8601), decimals ("12.34"), and NaN/Infinity/-Infinity for floats; binary from
/// strings (bytes as-is). FrameError naming the row and the value otherwise.
CRV_IO_EXPORT Column column_from_json(const std::vector<nlohmann::json>& values, const TypePtr& type);

/// The type of JSON values: integers -> i64, other numbers -> f64 (i64 with f64 -> f64),
/// strings -> str, booleans -> bool, objects -> struct of the union of keys in first-seen
/// order, arrays -> list of the unified item type. All nulls (or no values) -> str.
/// FrameError on incompatible kinds (a string and a number in the same position).
CRV_IO_EXPORT TypePtr infer_type(const std::vector<nlohmann::json>& values);

/// One JSON object per non-empty line. With `schema`, the columns are exactly the schema's
/// (missing keys -> null); without, the schema is inferred from all rows (keys in first-seen
/// order of the top-level keys; nested objects in key order). FrameError naming the line
/// (and the column, when the error is inside one) on malformed JSON, a number beyond a
/// 64-bit float (1e400), a key twice in one object, a line nested deeper than
/// kMaxNestingDepth (crv/frame/limits.hpp; checked while parsing, before anything recurses
/// over the value), a non-object line, or a value that does not convert or unify.
CRV_IO_EXPORT Frame frame_from_jsonl(std::istream& input,
                                     const std::optional<std::vector<Field>>& schema = std::nullopt);

/// Row `row` of `column` as a JSON value, with the values of the canonical JSON form
/// (crv/frame/canonical_json.hpp): structs as objects with keys in field order, lists as
/// arrays, integers exact, floats as numbers (an f32 as the double nearest to its shortest
/// round-trip decimal, so 0.1f dumps as 0.1; NaN/inf as "NaN", "Infinity", "-Infinity"),
/// temporal values as ISO-8601 strings, decimals as exact decimal strings, binary and
/// fixed-size binary as base64, null as null. `ordered_json::parse` of the canonical text
/// equals this value; only the number layout of `dump()` differs from the canonical text
/// (nlohmann prints 1e20 as 100000000000000000000.0 and 1e-7 as 1e-07): write canonical
/// text with canonical_json.hpp, not with dump().
CRV_IO_EXPORT nlohmann::ordered_json value_to_json(const Column& column, int64_t row);

/// A frame's rows as JSON objects (one per row, keys in column order).
CRV_IO_EXPORT std::vector<nlohmann::ordered_json> frame_to_json_rows(const Frame& frame);

}  // namespace crv::frame
