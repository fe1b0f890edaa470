#pragma once
// Frame schema -> Parquet schema: the depth-first SchemaElement list of the footer, and one
// LeafColumn per Parquet leaf describing how the writer reaches the leaf's values from the
// top-level frame column (the path of struct / list steps), its levels and physical type.
//
//   struct            -> group (OPTIONAL unless the field is non-nullable)
//   list<item>        -> <opt|req> group name (LIST) { repeated group list { <opt|req> element } }
//   primitive         -> leaf with physical type and logical / converted annotations

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crv/frame/data_type.hpp"
#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet::schema {

// One step of the path from a top-level frame column to a leaf.
enum class PathStepKind : uint8_t { Struct, List, Leaf };

struct PathStep {
  PathStepKind kind = PathStepKind::Leaf;
  // The field is OPTIONAL (adds one definition level when present).
  bool nullable = true;
  // Struct: the child to descend into.
  int child_index = 0;
  // List: the repetition level of the list's repeated group.
  int16_t repetition_level = 0;
};

// How frame values become the leaf's physical values.
enum class ValueConversion : uint8_t {
  Boolean,
  Int8ToInt32,
  Int16ToInt32,
  Int32,  // int32, date32, time32[ms]
  UInt8ToInt32,
  UInt16ToInt32,
  UInt32ToInt32,
  Time32SecondsToMillis,
  Int64,  // int64, uint64, time64, timestamp[ms|us|ns]
  TimestampSecondsToMillis,
  Float,
  Double,
  ByteArray,          // string, binary
  FixedLenBytes,      // fixed_size_binary
  DecimalToInt32,     // low 32 bits of the 128-bit value
  DecimalToInt64,     // low 64 bits
  DecimalToFixedLen,  // big-endian two's complement, truncated to type_length bytes
};

// The order min/max statistics of a leaf use (parquet.thrift ColumnOrder / SortOrder).
enum class SortOrder : uint8_t { Signed, Unsigned };

struct LeafColumn {
  std::vector<std::string> path_in_schema;
  std::string dotted_path;
  size_t top_level_index = 0;
  std::vector<PathStep> steps;  // steps.front() is the top-level field, steps.back() the leaf
  frame::TypePtr frame_type;    // the leaf's frame type
  Type physical_type = Type::BOOLEAN;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY width
  ValueConversion conversion = ValueConversion::Boolean;
  SortOrder sort_order = SortOrder::Signed;
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;
  // No list step on the path: one level per row.
  [[nodiscard]] bool is_flat() const noexcept { return max_repetition_level == 0; }
};

struct ParquetSchema {
  std::vector<SchemaElement> elements;  // root first, depth first
  std::vector<LeafColumn> leaves;       // in schema order
};

// Minimal FIXED_LEN_BYTE_ARRAY width holding a decimal of `precision` digits.
[[nodiscard]] int32_t decimal_byte_width(int32_t precision);

// Throws ParquetError naming the column for types Parquet cannot hold (an empty struct).
[[nodiscard]] ParquetSchema frame_to_parquet_schema(const std::vector<frame::Field>& fields);

}  // namespace crv::parquet::schema
