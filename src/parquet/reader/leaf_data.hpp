#pragma once
// The decoded content of one leaf column over some rows: levels and the dense (non-null)
// physical values, before record assembly.

#include <cstdint>
#include <vector>

#include "crv/frame/buffer.hpp"
#include "parquet/encoding/byte_array.hpp"

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

}  // namespace crv::parquet::reader
