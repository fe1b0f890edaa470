#pragma once
// Dictionary decoding helpers: gather dictionary entries by index (decoded with
// make_dictionary_index_decoder() from rle_bit_packed_decoder.hpp). Every index is checked
// against the dictionary size; an out-of-range index throws ParquetError.

#include <cstddef>
#include <cstdint>

#include "parquet/encoding/byte_array.hpp"

namespace crv::parquet::encoding {

// out[i] = dictionary[indices[i]]. T = int32_t, int64_t, float, double, Int96 (plain.hpp).
template <typename T>
void dictionary_gather(const T* dictionary, size_t dictionary_size, const uint32_t* indices, size_t n, T* out);

// Appends dictionary[indices[i]] to out for each i.
void dictionary_gather_byte_arrays(const ByteArrayView* dictionary, size_t dictionary_size, const uint32_t* indices,
                                   size_t n, ByteArrayOutput& out);

// FIXED_LEN_BYTE_ARRAY: the dictionary is dictionary_size * width contiguous bytes; writes
// n * width bytes to out.
void dictionary_gather_fixed(const uint8_t* dictionary, size_t dictionary_size, size_t width, const uint32_t* indices,
                             size_t n, uint8_t* out);

}  // namespace crv::parquet::encoding
