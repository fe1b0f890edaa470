#pragma once
// A column chunk's dictionary page, decoded once per chunk: the entries that the
// dictionary-encoded data pages index into.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parquet/encoding/byte_array.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

struct Dictionary {
  bool present = false;
  size_t size = 0;                             // number of entries
  std::vector<uint8_t> page;                   // the (decompressed) page bytes the views point into
  std::vector<uint8_t> fixed;                  // fixed-width entries back to back
  std::vector<encoding::ByteArrayView> views;  // BYTE_ARRAY entries
};

// Decodes a PLAIN dictionary page of num_values entries held in dictionary.page.
// Throws ParquetError (without location; the caller adds it) on malformed data.
void load_dictionary(const schema::FileLeaf& leaf, int32_t num_values, Dictionary& dictionary);

}  // namespace crv::parquet::reader
