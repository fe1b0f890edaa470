#pragma once
// The Parquet schema (flat SchemaElement list) as a tree, and its mapping to frame types
// (private to crv_parquet).
//
// Mapping (logical type first, then the legacy converted type, then the physical type):
//   BOOLEAN -> bool; INT32 -> i32; INT64 -> i64; FLOAT -> f32; DOUBLE -> f64;
//   INT96 -> timestamp[OpenOptions::int96_unit] (legacy Impala timestamps); BYTE_ARRAY -> binary;
//   FIXED_LEN_BYTE_ARRAY(n) -> fixed_size_binary(n).
//   STRING/UTF8, ENUM, JSON -> utf8; BSON -> binary; INTEGER/INT_n/UINT_n -> i8..u64;
//   DATE -> date32; TIME(ms) -> time32[ms]; TIME(us|ns) -> time64[us|ns];
//   TIMESTAMP(unit, utc) and TIMESTAMP_MILLIS/MICROS (UTC) -> timestamp(unit, "UTC" or "");
//   DECIMAL(p <= 38, s) on INT32/INT64/BYTE_ARRAY/FIXED_LEN_BYTE_ARRAY -> decimal128(p, s);
//   DECIMAL(p > 38, s) -> utf8 holding the exact decimal text (e.g. "-12.500"), lossless;
//   UUID -> fixed_size_binary(16); FLOAT16 -> f32 (exact); INTERVAL -> fixed_size_binary(12);
//   UNKNOWN (always null) -> the physical type's mapping.
//   Groups -> struct; LIST (three-level, and the legacy two-level forms of the format's
//   backward-compatibility rules) and repeated fields without annotation -> list;
//   MAP / MAP_KEY_VALUE -> list of struct{key, value}. List items are named "item".

#include <cstdint>
#include <string>
#include <vector>

#include "crv/frame/data_type.hpp"
#include "crv/frame/limits.hpp"
#include "crv/parquet/reader.hpp"
#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet::schema {

// How a leaf's decoded physical values become frame values.
enum class ReadConversion : uint8_t {
  kNone,  // same bytes (i32, i64, f32, f64, bool, binary, utf8, fixed, temporal)
  kInt32ToInt8,
  kInt32ToInt16,
  kInt32ToUInt8,
  kInt32ToUInt16,
  kInt32ToDecimal,  // sign-extended to 16 bytes
  kInt64ToDecimal,
  kBytesToDecimal,      // big-endian two's complement (BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY)
  kBytesToDecimalText,  // DECIMAL with precision > 38: exact decimal text
  kInt96ToTimestamp,    // in the unit of the frame type
  kFloat16ToFloat32,
};

// One leaf column (column chunk) of the file.
struct FileLeaf {
  int index = 0;                  // position among the leaves = column chunk index
  std::vector<std::string> path;  // path_in_schema
  std::string dotted_path;        // "a.b.c" (for error messages)
  Type physical = Type::BOOLEAN;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY width
  int16_t max_def = 0;
  int16_t max_rep = 0;
  frame::TypePtr type;  // the frame type of the values
  ReadConversion conversion = ReadConversion::kNone;
  int32_t decimal_scale = 0;  // kBytesToDecimalText
  // The integer interpretation of INT32/INT64 statistics: false for unsigned annotations.
  bool signed_integer = true;
};

// A node of the frame-side tree used for record assembly. Levels of a leaf entry
// (definition d, repetition r) relate to a node as follows:
//   the entry starts a new slot of the node  iff  r <= rep and d >= def_slot;
//   that slot is non-null                    iff  d >= def_valid;
//   for a list, the entry starts a new item  iff  r <= rep + 1 and d >= children[0].def_slot.
struct AssemblyNode {
  enum class Kind : uint8_t { kLeaf, kStruct, kList };
  Kind kind = Kind::kLeaf;
  frame::Field field;
  int16_t def_slot = 0;
  int16_t def_valid = 0;
  int16_t rep = 0;
  const SchemaElement* element = nullptr;  // the Parquet node it comes from (in FileSchema::tree)
  int leaf = -1;                           // kLeaf: index into FileSchema::leaves
  int first_leaf = 0;                      // the first leaf below (its levels describe this node's slots)
  int end_leaf = 0;                        // one past the last leaf below
  std::vector<AssemblyNode> children;      // struct fields; list: exactly one, the item
};

// One element of the schema with its children: the element list as a tree.
struct ElementNode {
  SchemaElement element;
  std::vector<ElementNode> children;
};

struct FileSchema {
  ElementNode tree;                   // the Parquet schema as a tree (root first)
  std::vector<FileLeaf> leaves;       // depth-first order = column chunk order
  std::vector<AssemblyNode> columns;  // one per top-level field
  std::vector<frame::Field> fields;   // the frame schema
};

// Builds the tree and the mapping; ParquetError (naming `file` and the schema element) when
// the element list is malformed: bad num_children, leaves without a type, groups with a
// type, invalid logical type for the physical type, nesting deeper than kMaxSchemaDepth;
// and a column nested deeper than crv-io's writer accepts (crv/frame/limits.hpp): the
// reader reads every column the writer stores, and no deeper one.
[[nodiscard]] FileSchema map_schema(const std::vector<SchemaElement>& elements, const std::string& file,
                                    const OpenOptions& options);

// The deepest schema tree a column within frame::kMaxNestingDepth is stored as: the column
// itself, then two levels per list (a struct is one). Deeper trees are refused before they
// are mapped, as a bound on the recursion; within it, the mapped column's own depth decides.
inline constexpr int kMaxSchemaDepth = 1 + 2 * frame::kMaxNestingDepth;

}  // namespace crv::parquet::schema
