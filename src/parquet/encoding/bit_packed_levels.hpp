#pragma once
// The deprecated BIT_PACKED encoding (Parquet encoding 4), still found in old files for
// definition and repetition levels of data page v1: values packed MSB-first (the first
// value in the high bits of the first byte), no header and no length prefix; a run of n
// levels takes exactly ceil(n * bit_width / 8) bytes.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crv::parquet::encoding {

// Bytes taken by n values of bit_width bits.
[[nodiscard]] size_t bit_packed_levels_size(size_t n, int bit_width) noexcept;

// Decodes n levels (bit_width 0..32) from data[0, size) into out; throws ParquetError if the
// data is shorter than bit_packed_levels_size(n, bit_width). Instantiated for uint8_t,
// int16_t, uint16_t, int32_t, uint32_t.
template <typename T>
void decode_bit_packed_levels(const uint8_t* data, size_t size, int bit_width, T* out, size_t n);

// Encodes n levels MSB-first (for tests and completeness; writers use the RLE hybrid).
template <typename T>
void encode_bit_packed_levels(const T* values, size_t n, int bit_width, std::vector<uint8_t>& out);

}  // namespace crv::parquet::encoding
