#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_util.hpp"

namespace crv::parquet::encoding {
namespace {

TEST(EncodingBitUtil, BitWidthOf) {
  EXPECT_EQ(bit_width_of(0), 0);
  EXPECT_EQ(bit_width_of(1), 1);
  EXPECT_EQ(bit_width_of(7), 3);
  EXPECT_EQ(bit_width_of(8), 4);
  EXPECT_EQ(bit_width_of(~uint64_t{0}), 64);
}

TEST(EncodingBitUtil, ZigzagRoundTrip) {
  EXPECT_EQ(zigzag_encode(0), 0u);
  EXPECT_EQ(zigzag_encode(-1), 1u);
  EXPECT_EQ(zigzag_encode(1), 2u);
  EXPECT_EQ(zigzag_encode(-2), 3u);
  for (int64_t v : {INT64_MIN, INT64_MIN + 1, int64_t{-12345}, int64_t{0}, int64_t{999}, INT64_MAX}) {
    EXPECT_EQ(zigzag_decode(zigzag_encode(v)), v);
  }
}

TEST(EncodingBitUtil, Uleb128RoundTripAndErrors) {
  std::vector<uint8_t> buf;
  const std::vector<uint64_t> values = {0, 1, 127, 128, 300, 1u << 31, ~uint64_t{0}};
  for (uint64_t v : values) write_uleb128(buf, v);
  EXPECT_EQ(buf[0], 0);
  EXPECT_EQ(buf[3], 0x80);  // 128 = 0x80 0x01
  EXPECT_EQ(buf[4], 0x01);
  size_t pos = 0;
  for (uint64_t v : values) EXPECT_EQ(read_uleb128(buf.data(), buf.size(), &pos, "test"), v);
  EXPECT_EQ(pos, buf.size());

  const uint8_t truncated[] = {0x80, 0x80};
  pos = 0;
  EXPECT_THROW((void)read_uleb128(truncated, sizeof(truncated), &pos, "test"), ParquetError);
  std::vector<uint8_t> too_long(11, 0xFF);
  pos = 0;
  EXPECT_THROW((void)read_uleb128(too_long.data(), too_long.size(), &pos, "test"), ParquetError);
}

template <typename U>
void check_pack_unpack(int max_width) {
  std::mt19937_64 rng(42);
  for (int width = 0; width <= max_width; ++width) {
    U in[32];
    for (auto& v : in) v = static_cast<U>(rng() & low_bits_mask(width));
    std::vector<uint8_t> packed(static_cast<size_t>(width) * 4 + 1, 0xAB);
    pack32(in, packed.data(), width);
    EXPECT_EQ(packed.back(), 0xAB) << "pack32 wrote past 4 * width bytes, width " << width;
    U out[32];
    unpack32(packed.data(), out, width);
    for (int i = 0; i < 32; ++i) ASSERT_EQ(out[i], in[i]) << "width " << width << " value " << i;

    // Same bits through the scalar BitWriter / BitReader.
    std::vector<uint8_t> written;
    BitWriter writer(written);
    for (U v : in) writer.put_value(v, width);
    writer.flush();
    ASSERT_EQ(written.size(), static_cast<size_t>(width) * 4);
    EXPECT_TRUE(std::equal(written.begin(), written.end(), packed.begin()));
    BitReader reader(written.data(), written.size());
    for (U v : in) {
      uint64_t got = 0;
      ASSERT_TRUE(reader.get_value(width, &got));
      ASSERT_EQ(got, static_cast<uint64_t>(v));
    }
    uint64_t extra = 0;
    if (width > 0) {
      EXPECT_FALSE(reader.get_value(width, &extra));
    }
  }
}

TEST(EncodingBitUtil, PackUnpack32AllWidths) {
  check_pack_unpack<uint32_t>(32);
  check_pack_unpack<uint64_t>(64);
}

TEST(EncodingBitUtil, UnpackArbitraryCount) {
  std::mt19937_64 rng(7);
  for (int width : {0, 1, 3, 13, 31, 32, 33, 63, 64}) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{31}, size_t{32}, size_t{33}, size_t{100}}) {
      std::vector<uint64_t> in(n);
      for (auto& v : in) v = rng() & low_bits_mask(width);
      std::vector<uint8_t> bytes;
      BitWriter writer(bytes);
      for (uint64_t v : in) writer.put_value(v, width);
      writer.flush();
      ASSERT_EQ(bytes.size(), bytes_for_bits(n * static_cast<size_t>(width)));
      std::vector<uint64_t> out(n);
      unpack(bytes.data(), out.data(), n, width);
      EXPECT_EQ(out, in) << "width " << width << " n " << n;
    }
  }
}

}  // namespace
}  // namespace crv::parquet::encoding
