#pragma once
// The decoded content of one leaf column over some rows: levels and the dense (non-null)
// physical values, before record assembly.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "crv/frame/buffer.hpp"
#include "parquet/encoding/byte_array.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

struct LeafData {
  // One entry per level; empty when the leaf has no definition (repetition) levels.
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
  int64_t num_entries = 0;  // level entries (= values when the leaf has no levels)
  int64_t num_values = 0;   // dense values: entries whose definition level is the maximum
  // Dense values of fixed-width physical types, back to back: BOOLEAN one byte (0/1) per
  // value, INT32/FLOAT 4, INT64/DOUBLE 8, INT96 12, FIXED_LEN_BYTE_ARRAY type_length bytes.
  frame::BufferBuilder fixed;
  // Dense values of BYTE_ARRAY.
  encoding::ByteArrayOutput bytes;
};

// Bytes per dense value of a fixed-width physical type in LeafData::fixed (0 for BYTE_ARRAY).
[[nodiscard]] inline size_t physical_value_width(const schema::FileLeaf& leaf) {
  switch (leaf.physical) {
    case Type::BOOLEAN: return 1;
    case Type::INT32:
    case Type::FLOAT: return 4;
    case Type::INT64:
    case Type::DOUBLE: return 8;
    case Type::INT96: return 12;
    case Type::FIXED_LEN_BYTE_ARRAY: return static_cast<size_t>(leaf.type_length);
    case Type::BYTE_ARRAY: return 0;
  }
  return 0;
}

}  // namespace crv::parquet::reader
