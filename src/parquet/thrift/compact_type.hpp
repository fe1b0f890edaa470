#pragma once
// Type codes of the Thrift compact protocol (apache/thrift doc/specs/thrift-compact-protocol.md).

#include <cstdint>

namespace crv::parquet::thrift {

// Field types in struct field headers (low nibble). For list/set/map element types the same
// codes are used, with BOOLEAN_TRUE or BOOLEAN_FALSE both meaning "bool".
enum class CompactType : uint8_t {
  STOP = 0,
  BOOLEAN_TRUE = 1,
  BOOLEAN_FALSE = 2,
  I8 = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  DOUBLE = 7,
  BINARY = 8,
  LIST = 9,
  SET = 10,
  MAP = 11,
  STRUCT = 12,
  UUID = 13,
};

// Deepest struct/container nesting accepted (parquet.thrift needs fewer than 10 levels).
inline constexpr int kMaxNestingDepth = 64;

}  // namespace crv::parquet::thrift
