#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/plain.hpp"

namespace crv::parquet::encoding {
namespace {

template <typename T>
void round_trip_fixed(const std::vector<T>& values) {
  std::vector<uint8_t> encoded;
  plain_encode(values.data(), values.size(), encoded);
  ASSERT_EQ(encoded.size(), values.size() * sizeof(T));
  std::vector<T> decoded(values.size());
  EXPECT_EQ(plain_decode(encoded.data(), encoded.size(), decoded.data(), decoded.size()), encoded.size());
  if (!values.empty()) {
    EXPECT_EQ(std::memcmp(decoded.data(), values.data(), encoded.size()), 0);
    EXPECT_THROW(plain_decode(encoded.data(), encoded.size() - 1, decoded.data(), decoded.size()), ParquetError);
  }
}

TEST(EncodingPlain, FixedWidthRoundTrips) {
  round_trip_fixed<int32_t>({0, 1, -1, INT32_MIN, INT32_MAX});
  round_trip_fixed<int64_t>({0, 1, -1, INT64_MIN, INT64_MAX});
  round_trip_fixed<float>(
      {0.0f, -0.0f, 1.5f, std::numeric_limits<float>::quiet_NaN(), -std::numeric_limits<float>::infinity()});
  round_trip_fixed<double>({0.0, -0.0, 3.25, std::numeric_limits<double>::denorm_min()});
  round_trip_fixed<Int96>({Int96{{1, 2, 3}}, Int96{{0xFFFFFFFF, 0, 2440588}}});
  round_trip_fixed<int32_t>({});
}

TEST(EncodingPlain, Int32IsLittleEndian) {
  const int32_t v = 0x01020304;
  std::vector<uint8_t> encoded;
  plain_encode(&v, 1, encoded);
  EXPECT_EQ(encoded, (std::vector<uint8_t>{4, 3, 2, 1}));
}

TEST(EncodingPlain, Booleans) {
  const std::vector<uint8_t> values = {1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 2};
  std::vector<uint8_t> encoded;
  plain_encode_booleans(values.data(), values.size(), encoded);
  EXPECT_EQ(encoded, (std::vector<uint8_t>{0x8D, 0x05}));

  std::vector<uint8_t> decoded(values.size());
  plain_decode_booleans(encoded.data(), encoded.size(), 0, decoded.data(), decoded.size());
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(decoded[i], values[i] != 0 ? 1 : 0) << i;
  // From bit 3 on, in a second batch.
  plain_decode_booleans(encoded.data(), encoded.size(), 3, decoded.data(), 8);
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(decoded[i], values[3 + i] != 0 ? 1 : 0) << i;
  EXPECT_THROW(plain_decode_booleans(encoded.data(), encoded.size(), 10, decoded.data(), 7), ParquetError);

  // Bitmap forms with unaligned offsets.
  std::mt19937 rng(1);
  std::vector<uint8_t> bitmap(40);
  for (auto& b : bitmap) b = static_cast<uint8_t>(rng());
  for (size_t offset : {size_t{0}, size_t{3}, size_t{8}, size_t{13}}) {
    for (size_t n : {size_t{0}, size_t{5}, size_t{64}, size_t{250}}) {
      std::vector<uint8_t> enc;
      plain_encode_boolean_bits(bitmap.data(), offset, n, enc);
      ASSERT_EQ(enc.size(), (n + 7) / 8);
      std::vector<uint8_t> out_bitmap(40, 0xFF);
      plain_decode_boolean_bits(enc.data(), enc.size(), 0, out_bitmap.data(), 5, n);
      for (size_t i = 0; i < n; ++i) {
        const bool want = (bitmap[(offset + i) / 8] >> ((offset + i) % 8)) & 1;
        const bool got = (out_bitmap[(5 + i) / 8] >> ((5 + i) % 8)) & 1;
        ASSERT_EQ(got, want) << "offset " << offset << " n " << n << " i " << i;
      }
      EXPECT_EQ(out_bitmap[0] & 0x1F, 0x1F);  // bits before the output offset are untouched
    }
  }
}

TEST(EncodingPlain, ByteArrays) {
  const std::vector<std::string> strings = {"", "a", "hello", std::string(1000, 'x'), "", "last"};
  std::vector<ByteArrayView> views;
  for (const auto& s : strings) {
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  }
  std::vector<uint8_t> encoded;
  plain_encode_byte_arrays(views.data(), views.size(), encoded);
  EXPECT_EQ(encoded.size(), plain_byte_arrays_size(views.data(), views.size()));
  EXPECT_EQ(encoded[4], 1);  // second value's length
  EXPECT_EQ(encoded[8], 'a');

  // Arrow-layout input gives the same bytes.
  std::vector<int32_t> offsets = {0};
  std::string joined;
  for (const auto& s : strings) {
    joined += s;
    offsets.push_back(static_cast<int32_t>(joined.size()));
  }
  std::vector<uint8_t> encoded2;
  plain_encode_byte_arrays(offsets.data(), reinterpret_cast<const uint8_t*>(joined.data()), strings.size(), encoded2);
  EXPECT_EQ(encoded2, encoded);

  // Decoded in two batches into one output.
  ByteArrayOutput out;
  const size_t first = plain_decode_byte_arrays(encoded.data(), encoded.size(), 2, out);
  EXPECT_EQ(first, 4u + 4u + 1u);
  EXPECT_EQ(plain_decode_byte_arrays(encoded.data() + first, encoded.size() - first, 4, out), encoded.size() - first);
  ASSERT_EQ(out.size(), strings.size());
  EXPECT_EQ(out.offsets, offsets);
  EXPECT_EQ(std::string(out.bytes.begin(), out.bytes.end()), joined);

  std::vector<ByteArrayView> decoded_views(strings.size());
  EXPECT_EQ(plain_decode_byte_array_views(encoded.data(), encoded.size(), strings.size(), decoded_views.data()),
            encoded.size());
  for (size_t i = 0; i < strings.size(); ++i) {
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(decoded_views[i].data), decoded_views[i].size), strings[i]);
  }

  // Truncated length, truncated value, and a count the data cannot hold.
  ByteArrayOutput bad;
  EXPECT_THROW(plain_decode_byte_arrays(encoded.data(), 2, 1, bad), ParquetError);
  EXPECT_THROW(plain_decode_byte_arrays(encoded.data(), encoded.size() - 1, strings.size(), bad), ParquetError);
  EXPECT_THROW(plain_decode_byte_arrays(encoded.data(), encoded.size(), size_t{1} << 40, bad), ParquetError);
  const uint8_t huge_length[] = {0xFF, 0xFF, 0xFF, 0x7F, 'a'};
  EXPECT_THROW(plain_decode_byte_array_views(huge_length, sizeof(huge_length), 1, decoded_views.data()), ParquetError);
}

TEST(EncodingPlain, FixedLenByteArrays) {
  const std::vector<uint8_t> values = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<uint8_t> encoded;
  plain_encode_fixed(values.data(), 3, 3, encoded);
  EXPECT_EQ(encoded, values);
  std::vector<uint8_t> out(9);
  EXPECT_EQ(plain_decode_fixed(encoded.data(), encoded.size(), 3, out.data(), 3), 9u);
  EXPECT_EQ(out, values);
  EXPECT_THROW(plain_decode_fixed(encoded.data(), encoded.size(), 3, out.data(), 4), ParquetError);
  EXPECT_THROW(plain_decode_fixed(encoded.data(), encoded.size(), size_t{1} << 62, out.data(), 8), ParquetError);
}

}  // namespace
}  // namespace crv::parquet::encoding
