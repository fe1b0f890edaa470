#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/byte_stream_split.hpp"

namespace crv::parquet::encoding {
namespace {

TEST(EncodingByteStreamSplit, KnownLayout) {
  // Two INT32 values 0x04030201 and 0x08070605: streams of byte 0, 1, 2, 3.
  const std::vector<int32_t> values = {0x04030201, 0x08070605};
  std::vector<uint8_t> encoded;
  byte_stream_split_encode(values.data(), values.size(), encoded);
  EXPECT_EQ(encoded, (std::vector<uint8_t>{1, 5, 2, 6, 3, 7, 4, 8}));
  std::vector<int32_t> decoded(2);
  byte_stream_split_decode(encoded.data(), encoded.size(), 0, 2, decoded.data());
  EXPECT_EQ(decoded, values);
}

template <typename T>
void round_trip(size_t n) {
  std::mt19937_64 rng(n);
  std::vector<T> values(n);
  for (auto& v : values) {
    const uint64_t bits = rng();
    std::memcpy(&v, &bits, sizeof(T));
  }
  std::vector<uint8_t> encoded;
  byte_stream_split_encode(values.data(), n, encoded);
  ASSERT_EQ(encoded.size(), n * sizeof(T));
  // Decode in two batches.
  std::vector<T> decoded(n);
  const size_t first = n / 3;
  byte_stream_split_decode(encoded.data(), encoded.size(), 0, first, decoded.data());
  byte_stream_split_decode(encoded.data(), encoded.size(), first, n - first, decoded.data() + first);
  if (n > 0) {
    EXPECT_EQ(std::memcmp(decoded.data(), values.data(), n * sizeof(T)), 0);
  }
}

TEST(EncodingByteStreamSplit, RoundTrips) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{1000}}) {
    round_trip<float>(n);
    round_trip<double>(n);
    round_trip<int32_t>(n);
    round_trip<int64_t>(n);
  }
  // FIXED_LEN_BYTE_ARRAY of width 5.
  std::vector<uint8_t> fixed(5 * 33);
  for (size_t i = 0; i < fixed.size(); ++i) fixed[i] = static_cast<uint8_t>(i * 7);
  std::vector<uint8_t> encoded;
  byte_stream_split_encode(fixed.data(), 33, 5, encoded);
  std::vector<uint8_t> decoded(fixed.size());
  byte_stream_split_decode(encoded.data(), encoded.size(), 5, 0, 33, decoded.data());
  EXPECT_EQ(decoded, fixed);
}

TEST(EncodingByteStreamSplit, Errors) {
  std::vector<uint8_t> data(10);
  std::vector<uint8_t> out(16);
  EXPECT_THROW(byte_stream_split_decode(data.data(), data.size(), 4, 0, 1, out.data()), ParquetError);
  EXPECT_THROW(byte_stream_split_decode(data.data(), 8, 4, 1, 2, out.data()), ParquetError);
  EXPECT_THROW(byte_stream_split_decode(data.data(), 8, 0, 0, 1, out.data()), ParquetError);
  EXPECT_THROW(byte_stream_split_decode(data.data(), 8, 4, 3, 0, out.data()), ParquetError);
}

}  // namespace
}  // namespace crv::parquet::encoding
