#pragma once
// BYTE_STREAM_SPLIT (Parquet encoding 9): for values of `width` bytes, byte k of every value
// goes to stream k; the streams are stored one after the other (stream k starts at
// k * num_values). For FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crv::parquet::encoding {

// Appends the encoding of n values of `width` bytes each (n * width contiguous bytes).
void byte_stream_split_encode(const uint8_t* values, size_t n, size_t width, std::vector<uint8_t>& out);

template <typename T>  // float, double, int32_t, int64_t
void byte_stream_split_encode(const T* values, size_t n, std::vector<uint8_t>& out) {
  byte_stream_split_encode(reinterpret_cast<const uint8_t*>(values), n, sizeof(T), out);
}

// Decodes values [first, first + n) of an encoded page data[0, size) of `width`-byte values
// into out (n * width bytes). The page holds size / width values; throws ParquetError when
// size is not a multiple of width or the range is past the end.
void byte_stream_split_decode(const uint8_t* data, size_t size, size_t width, size_t first, size_t n, uint8_t* out);

template <typename T>
void byte_stream_split_decode(const uint8_t* data, size_t size, size_t first, size_t n, T* out) {
  byte_stream_split_decode(data, size, sizeof(T), first, n, reinterpret_cast<uint8_t*>(out));
}

}  // namespace crv::parquet::encoding
