#include "parquet/encoding/byte_stream_split.hpp"

#include <string>

#include "crv/parquet/error.hpp"

namespace crv::parquet::encoding {

void byte_stream_split_encode(const uint8_t* values, size_t n, size_t width, std::vector<uint8_t>& out) {
  if (n == 0) return;
  const size_t start = out.size();
  out.resize(start + n * width);
  uint8_t* dst = out.data() + start;
  for (size_t k = 0; k < width; ++k) {
    uint8_t* stream = dst + k * n;
    const uint8_t* src = values + k;
    for (size_t i = 0; i < n; ++i) stream[i] = src[i * width];
  }
}

void byte_stream_split_decode(const uint8_t* data, size_t size, size_t width, size_t first, size_t n,
                              uint8_t* out) {
  if (width == 0 || size % width != 0) {
    throw ParquetError("BYTE_STREAM_SPLIT: " + std::to_string(size) + " bytes are not a whole number of " +
                       std::to_string(width) + "-byte values");
  }
  const size_t count = size / width;
  if (first > count || n > count - first) {
    throw ParquetError("BYTE_STREAM_SPLIT: values [" + std::to_string(first) + ", " + std::to_string(first) + "+" +
                       std::to_string(n) + ") exceed the " + std::to_string(count) + " values present");
  }
  if (n == 0) return;
  for (size_t k = 0; k < width; ++k) {
    const uint8_t* stream = data + k * count + first;
    uint8_t* dst = out + k;
    for (size_t i = 0; i < n; ++i) dst[i * width] = stream[i];
  }
}

}  // namespace crv::parquet::encoding
