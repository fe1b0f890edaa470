#pragma once
// The PLAIN encoding (Parquet encoding 0).
//   BOOLEAN              bit-packed, LSB first
//   INT32/INT64          4/8 bytes little-endian
//   INT96                12 bytes
//   FLOAT/DOUBLE         IEEE 754, 4/8 bytes little-endian
//   BYTE_ARRAY           4-byte little-endian length, then the bytes
//   FIXED_LEN_BYTE_ARRAY the bytes, no length
// Decoders are stateless: they take the remaining page data and return the bytes consumed
// (booleans take a bit offset instead), so a reader can decode a page in several batches.
// Every decoder throws ParquetError when the data is shorter than the values asked for.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parquet/encoding/byte_array.hpp"

namespace crv::parquet::encoding {

// A legacy INT96 timestamp value: 12 bytes (8 bytes nanoseconds of day, 4 bytes Julian day).
struct Int96 {
  uint32_t value[3];
};
static_assert(sizeof(Int96) == 12);

// ---- fixed-width values (T = int32_t, int64_t, float, double, Int96) ----

template <typename T>
void plain_encode(const T* values, size_t n, std::vector<uint8_t>& out);

// Decodes n values; returns n * sizeof(T), the bytes consumed.
template <typename T>
size_t plain_decode(const uint8_t* data, size_t size, T* out, size_t n);

// ---- BOOLEAN ----

// Encodes n booleans given one per byte (0 = false, anything else = true).
void plain_encode_booleans(const uint8_t* values, size_t n, std::vector<uint8_t>& out);
// Encodes n booleans given as an LSB-first bitmap starting at bit `bit_offset` (Arrow layout).
void plain_encode_boolean_bits(const uint8_t* bitmap, size_t bit_offset, size_t n, std::vector<uint8_t>& out);

// Decodes n booleans starting at bit `bit_offset` of data[0, size), one per byte (0 or 1).
void plain_decode_booleans(const uint8_t* data, size_t size, size_t bit_offset, uint8_t* out, size_t n);
// Same, into an LSB-first bitmap starting at bit `out_bit_offset` (other bits untouched).
void plain_decode_boolean_bits(const uint8_t* data, size_t size, size_t bit_offset, uint8_t* out_bitmap,
                               size_t out_bit_offset, size_t n);

// ---- BYTE_ARRAY ----

void plain_encode_byte_arrays(const ByteArrayView* values, size_t n, std::vector<uint8_t>& out);
// Values given in Arrow layout: value i is data[offsets[i], offsets[i + 1]).
void plain_encode_byte_arrays(const int32_t* offsets, const uint8_t* data, size_t n, std::vector<uint8_t>& out);

// Exact size of the PLAIN encoding of the values (4 bytes per value + their bytes).
[[nodiscard]] size_t plain_byte_arrays_size(const ByteArrayView* values, size_t n) noexcept;

// Decodes n values, appending them to `out`; returns the bytes consumed.
size_t plain_decode_byte_arrays(const uint8_t* data, size_t size, size_t n, ByteArrayOutput& out);
// Decodes n values as views into `data` (no copy; for dictionary pages); returns the bytes
// consumed.
size_t plain_decode_byte_array_views(const uint8_t* data, size_t size, size_t n, ByteArrayView* out);

// ---- FIXED_LEN_BYTE_ARRAY ----

// Values are n * width contiguous bytes.
void plain_encode_fixed(const uint8_t* values, size_t n, size_t width, std::vector<uint8_t>& out);
// Decodes n values of `width` bytes into out (n * width bytes); returns the bytes consumed.
size_t plain_decode_fixed(const uint8_t* data, size_t size, size_t width, uint8_t* out, size_t n);

}  // namespace crv::parquet::encoding
