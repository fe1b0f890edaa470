#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_packed_levels.hpp"
#include "parquet/encoding/bit_util.hpp"
#include "parquet/encoding/rle_bit_packed_decoder.hpp"
#include "parquet/encoding/rle_bit_packed_encoder.hpp"

namespace crv::parquet::encoding {
namespace {

std::vector<uint64_t> decode_all(const std::vector<uint8_t>& bytes, int width, size_t n) {
  RleBitPackedDecoder decoder(bytes.data(), bytes.size(), width);
  std::vector<uint64_t> out(n);
  decoder.decode(out.data(), n);
  return out;
}

// Values with long runs and noisy stretches, so both run kinds appear.
std::vector<uint64_t> mixed_values(size_t n, int width, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> values;
  values.reserve(n);
  while (values.size() < n) {
    const size_t run = 1 + rng() % 40;
    const bool repeat = rng() % 2 == 0;
    const uint64_t v = rng() & low_bits_mask(width);
    for (size_t i = 0; i < run && values.size() < n; ++i) {
      values.push_back(repeat ? v : rng() & low_bits_mask(width));
    }
  }
  return values;
}

TEST(EncodingRle, SpecBitPackedExample) {
  // Encodings.md: 0..7 with bit width 3 bit-packed -> 10001000 11000110 11111010.
  const std::vector<uint8_t> bytes = {0x03, 0x88, 0xC6, 0xFA};
  EXPECT_EQ(decode_all(bytes, 3, 8), (std::vector<uint64_t>{0, 1, 2, 3, 4, 5, 6, 7}));

  std::vector<uint8_t> encoded;
  const std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  encode_rle_bit_packed(values.data(), values.size(), 3, RleLengthPrefix::kNone, encoded);
  EXPECT_EQ(encoded, bytes);
}

TEST(EncodingRle, RepeatedRunBytes) {
  // 100 times the value 5 at width 3: header uleb128(100 << 1) = 0xC8 0x01, value byte 0x05.
  std::vector<uint32_t> values(100, 5);
  std::vector<uint8_t> encoded;
  encode_rle_bit_packed(values.data(), values.size(), 3, RleLengthPrefix::kFourBytes, encoded);
  EXPECT_EQ(encoded, (std::vector<uint8_t>{3, 0, 0, 0, 0xC8, 0x01, 0x05}));
  const LengthPrefixedRuns runs = read_length_prefixed_runs(encoded.data(), encoded.size());
  EXPECT_EQ(runs.size, 3u);
  EXPECT_EQ(runs.consumed, 7u);
  RleBitPackedDecoder decoder(runs.data, runs.size, 3);
  std::vector<int16_t> out(100);
  decoder.decode(out.data(), out.size());
  EXPECT_EQ(out, std::vector<int16_t>(100, 5));
}

TEST(EncodingRle, RoundTripAllWidthsAndSizes) {
  for (int width = 0; width <= 64; ++width) {
    for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{63}, size_t{500}, size_t{3000}}) {
      const std::vector<uint64_t> values = mixed_values(n, width, static_cast<uint64_t>(width) * 1000 + n);
      std::vector<uint8_t> encoded;
      encode_rle_bit_packed(values.data(), n, width, RleLengthPrefix::kNone, encoded);
      ASSERT_LE(encoded.size(), rle_bit_packed_max_size(width, n));
      ASSERT_EQ(decode_all(encoded, width, n), values) << "width " << width << " n " << n;
      // The stream holds no more than the padding of the last group.
      RleBitPackedDecoder decoder(encoded.data(), encoded.size(), width);
      std::vector<uint64_t> all(n + 16);
      const size_t got = decoder.get_batch(all.data(), all.size());
      EXPECT_GE(got, n);
      EXPECT_LT(got, n + 8);
      EXPECT_EQ(decoder.bytes_consumed(), encoded.size());
    }
  }
}

TEST(EncodingRle, BatchedDecodeAndSkipMatch) {
  const std::vector<uint64_t> values = mixed_values(5000, 5, 99);
  std::vector<uint8_t> encoded;
  encode_rle_bit_packed(values.data(), values.size(), 5, RleLengthPrefix::kNone, encoded);
  std::vector<uint8_t> out(values.size());
  RleBitPackedDecoder decoder(encoded.data(), encoded.size(), 5);
  std::mt19937 rng(3);
  size_t pos = 0;
  while (pos < values.size()) {
    const size_t step = std::min<size_t>(1 + rng() % 77, values.size() - pos);
    if (rng() % 4 == 0) {
      ASSERT_EQ(decoder.skip(step), step);
      for (size_t i = 0; i < step; ++i) out[pos + i] = static_cast<uint8_t>(values[pos + i]);
    } else {
      ASSERT_EQ(decoder.get_batch(out.data() + pos, step), step);
    }
    pos += step;
  }
  for (size_t i = 0; i < values.size(); ++i) ASSERT_EQ(out[i], values[i]) << i;
}

TEST(EncodingRle, BooleansAndLevelTypes) {
  std::vector<uint8_t> bools(1000);
  for (size_t i = 0; i < bools.size(); ++i) bools[i] = (i % 3 == 0 || (i > 400 && i < 600)) ? 1 : 0;
  std::vector<uint8_t> encoded;
  encode_rle_bit_packed(bools.data(), bools.size(), 1, RleLengthPrefix::kFourBytes, encoded);
  const LengthPrefixedRuns runs = read_length_prefixed_runs(encoded.data(), encoded.size());
  RleBitPackedDecoder decoder(runs.data, runs.size, 1);
  std::vector<uint8_t> out(bools.size());
  decoder.decode(out.data(), out.size());
  EXPECT_EQ(out, bools);

  // A bit width wider than the output type is rejected.
  RleBitPackedDecoder wide(runs.data, runs.size, 9);
  EXPECT_THROW((void)wide.get_batch(out.data(), 1), ParquetError);
}

TEST(EncodingRle, DictionaryIndices) {
  std::vector<uint32_t> indices = {0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 0};
  std::vector<uint8_t> encoded;
  encode_dictionary_indices(indices.data(), indices.size(), 3, encoded);
  EXPECT_EQ(encoded[0], 2);  // bit width of 2
  RleBitPackedDecoder decoder = make_dictionary_index_decoder(encoded.data(), encoded.size());
  std::vector<uint32_t> out(indices.size());
  decoder.decode(out.data(), out.size());
  EXPECT_EQ(out, indices);

  EXPECT_EQ(dictionary_index_bit_width(0), 0);
  EXPECT_EQ(dictionary_index_bit_width(1), 1);
  EXPECT_EQ(dictionary_index_bit_width(2), 1);
  EXPECT_EQ(dictionary_index_bit_width(3), 2);
  EXPECT_EQ(dictionary_index_bit_width(256), 8);
  EXPECT_EQ(dictionary_index_bit_width(257), 9);

  const uint8_t bad_width[] = {33, 0};
  EXPECT_THROW((void)make_dictionary_index_decoder(bad_width, sizeof(bad_width)), ParquetError);
  EXPECT_THROW((void)make_dictionary_index_decoder(bad_width, 0), ParquetError);
}

TEST(EncodingRle, CorruptInputs) {
  std::vector<uint8_t> out8(64);
  // Truncated length prefix and a prefix larger than the data.
  const uint8_t short_prefix[] = {1, 0};
  EXPECT_THROW((void)read_length_prefixed_runs(short_prefix, sizeof(short_prefix)), ParquetError);
  const uint8_t long_prefix[] = {9, 0, 0, 0, 1, 2};
  EXPECT_THROW((void)read_length_prefixed_runs(long_prefix, sizeof(long_prefix)), ParquetError);
  // RLE run whose value is missing.
  const uint8_t missing_value[] = {0x10};
  RleBitPackedDecoder d1(missing_value, sizeof(missing_value), 8);
  EXPECT_THROW((void)d1.get_batch(out8.data(), 8), ParquetError);
  // RLE run value wider than the bit width.
  const uint8_t wide_value[] = {0x10, 0x09};
  RleBitPackedDecoder d2(wide_value, sizeof(wide_value), 3);
  EXPECT_THROW((void)d2.get_batch(out8.data(), 8), ParquetError);
  // Zero-length run.
  const uint8_t empty_run[] = {0x00, 0x01};
  RleBitPackedDecoder d3(empty_run, sizeof(empty_run), 1);
  EXPECT_THROW((void)d3.get_batch(out8.data(), 8), ParquetError);
  // Bit-packed run announcing 10 groups with 2 bytes present: yields the values present.
  const uint8_t short_packed[] = {0x15, 0xFF, 0x0F};
  RleBitPackedDecoder d4(short_packed, sizeof(short_packed), 4);
  EXPECT_EQ(d4.get_batch(out8.data(), 64), 4u);
  EXPECT_EQ(out8[0], 15);
  EXPECT_EQ(out8[3], 0);
  RleBitPackedDecoder d5(short_packed, sizeof(short_packed), 4);
  EXPECT_THROW(d5.decode(out8.data(), 5), ParquetError);
  // Huge run counts do not allocate or overflow.
  const uint8_t huge_rle[] = {0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x01};
  RleBitPackedDecoder d6(huge_rle, sizeof(huge_rle), 1);
  EXPECT_EQ(d6.get_batch(out8.data(), 64), 64u);
  EXPECT_EQ(out8[63], 1);
  EXPECT_THROW(RleBitPackedDecoder(huge_rle, sizeof(huge_rle), 65), ParquetError);
}

TEST(EncodingBitPackedLevels, SpecExampleAndRoundTrip) {
  // Encodings.md: 0..7 with bit width 3 in the deprecated encoding -> 00000101 00111001 01110111.
  const std::vector<uint8_t> bytes = {0x05, 0x39, 0x77};
  std::vector<int16_t> out(8);
  decode_bit_packed_levels(bytes.data(), bytes.size(), 3, out.data(), out.size());
  EXPECT_EQ(out, (std::vector<int16_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  std::vector<uint8_t> encoded;
  const std::vector<int16_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  encode_bit_packed_levels(values.data(), values.size(), 3, encoded);
  EXPECT_EQ(encoded, bytes);
  EXPECT_EQ(bit_packed_levels_size(8, 3), 3u);

  std::mt19937 rng(5);
  for (int width = 0; width <= 16; ++width) {
    std::vector<uint16_t> levels(777);
    for (auto& l : levels) l = static_cast<uint16_t>(rng() & low_bits_mask(width));
    std::vector<uint8_t> enc;
    encode_bit_packed_levels(levels.data(), levels.size(), width, enc);
    ASSERT_EQ(enc.size(), bit_packed_levels_size(levels.size(), width));
    std::vector<uint16_t> dec(levels.size());
    decode_bit_packed_levels(enc.data(), enc.size(), width, dec.data(), dec.size());
    ASSERT_EQ(dec, levels) << "width " << width;
    if (width > 0) {
      EXPECT_THROW(decode_bit_packed_levels(enc.data(), enc.size() - 1, width, dec.data(), dec.size()), ParquetError);
    }
  }
}

}  // namespace
}  // namespace crv::parquet::encoding
