#pragma once
// Decoding the values section of a data page (and a dictionary page) into the dense values
// of a LeafData: one code path per encoding, dispatched once per page on the leaf's physical
// type, each decoding the page's values in bulk.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "crv/parquet/metadata.hpp"
#include "parquet/encoding/byte_array.hpp"
#include "parquet/reader/leaf_data.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

// The entries of a dictionary page, decoded once per column chunk.
struct Dictionary {
  bool present = false;
  size_t size = 0;                           // number of entries
  std::vector<uint8_t> page;                 // the (decompressed) page bytes the views point into
  std::vector<uint8_t> fixed;                // fixed-width entries back to back
  std::vector<encoding::ByteArrayView> views;  // BYTE_ARRAY entries
};

// Bytes per dense value of a fixed-width physical type (0 for BYTE_ARRAY).
[[nodiscard]] size_t physical_value_width(const schema::FileLeaf& leaf);

// Decodes a PLAIN dictionary page of num_values entries held in dictionary.page.
// Throws ParquetError (without location; the caller adds it) on malformed data.
void load_dictionary(const schema::FileLeaf& leaf, int32_t num_values, Dictionary& dictionary);

// Appends n dense values decoded from data[0, size) with `encoding` to out.fixed /
// out.bytes. `indices` is scratch space reused across pages.
void decode_page_values(const schema::FileLeaf& leaf, Encoding encoding, const uint8_t* data, size_t size,
                        size_t n, const Dictionary& dictionary, std::vector<uint32_t>& indices, LeafData& out);

}  // namespace crv::parquet::reader
