#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/delta_binary_packed.hpp"
#include "parquet/encoding/delta_byte_array.hpp"
#include "parquet/encoding/delta_length_byte_array.hpp"

namespace crv::parquet::encoding {
namespace {

template <typename T>
std::vector<T> decode_delta(const std::vector<uint8_t>& encoded, size_t batch) {
  DeltaBinaryPackedDecoder<T> decoder(encoded.data(), encoded.size());
  std::vector<T> out(static_cast<size_t>(decoder.total_values()));
  size_t pos = 0;
  while (pos < out.size()) {
    const size_t got = decoder.get_batch(out.data() + pos, std::min(batch, out.size() - pos));
    EXPECT_GT(got, 0u);
    if (got == 0) break;
    pos += got;
  }
  T extra;
  EXPECT_EQ(decoder.get_batch(&extra, 1), 0u);
  return out;
}

TEST(EncodingDelta, SpecExamples) {
  // Encodings.md example 1: 1 2 3 4 5 -> min delta 1, all bit widths 0.
  const std::vector<int32_t> ex1 = {1, 2, 3, 4, 5};
  std::vector<uint8_t> enc1;
  delta_binary_packed_encode(ex1.data(), ex1.size(), enc1);
  EXPECT_EQ(enc1, (std::vector<uint8_t>{0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0}));
  EXPECT_EQ(decode_delta<int32_t>(enc1, 100), ex1);

  // Example 2: 7 5 3 1 2 3 4 5 -> deltas -2 -2 -2 1 1 1 1, min delta -2, bit width 2.
  const std::vector<int32_t> ex2 = {7, 5, 3, 1, 2, 3, 4, 5};
  std::vector<uint8_t> enc2;
  delta_binary_packed_encode(ex2.data(), ex2.size(), enc2);
  std::vector<uint8_t> expected = {0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0, 0, 0, 0xC0, 0x3F};
  expected.resize(10 + 8, 0);
  EXPECT_EQ(enc2, expected);
  EXPECT_EQ(decode_delta<int32_t>(enc2, 3), ex2);
}

template <typename T>
void round_trip_delta(const std::vector<T>& values) {
  std::vector<uint8_t> encoded;
  delta_binary_packed_encode(values.data(), values.size(), encoded);
  for (size_t batch : {size_t{1}, size_t{31}, size_t{128}, size_t{100000}}) {
    ASSERT_EQ(decode_delta<T>(encoded, batch), values) << "n " << values.size() << " batch " << batch;
  }
  DeltaBinaryPackedDecoder<T> walker(encoded.data(), encoded.size());
  EXPECT_EQ(walker.skip_to_end(), encoded.size());
}

TEST(EncodingDelta, RoundTripsIncludingExtremes) {
  std::mt19937_64 rng(17);
  for (size_t n : {size_t{0}, size_t{1}, size_t{2}, size_t{32}, size_t{33}, size_t{128}, size_t{129}, size_t{1000},
                   size_t{4097}}) {
    std::vector<int32_t> small(n);
    std::vector<int64_t> big(n);
    std::vector<int64_t> wild(n);
    int64_t acc = 0;
    for (size_t i = 0; i < n; ++i) {
      acc += static_cast<int64_t>(rng() % 100) - 30;
      small[i] = static_cast<int32_t>(acc);
      big[i] = acc * 1'000'000'000LL;
      wild[i] = static_cast<int64_t>(rng());
    }
    round_trip_delta(small);
    round_trip_delta(big);
    round_trip_delta(wild);
  }
  // Jumps between the extremes need the full 32 / 64 bits with wrapping arithmetic.
  round_trip_delta<int32_t>({INT32_MIN, INT32_MAX, INT32_MIN, 0, INT32_MAX, INT32_MAX, -1});
  round_trip_delta<int64_t>({INT64_MIN, INT64_MAX, INT64_MIN, 0, INT64_MAX, INT64_MAX, -1});
  std::vector<int64_t> alternating(300);
  for (size_t i = 0; i < alternating.size(); ++i) alternating[i] = i % 2 ? INT64_MAX : INT64_MIN;
  round_trip_delta(alternating);
}

TEST(EncodingDelta, CorruptHeadersAndBlocks) {
  // 1 + 2 * 128 + 32 values: the last miniblock is full, so every byte is needed.
  std::vector<int64_t> values(289);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int64_t>(i * i);
  std::vector<uint8_t> encoded;
  delta_binary_packed_encode(values.data(), values.size(), encoded);
  std::vector<int64_t> out(values.size());
  // Every truncation fails cleanly, either at the header or while decoding.
  for (size_t cut = 0; cut + 1 < encoded.size(); ++cut) {
    EXPECT_THROW(
        {
          DeltaBinaryPackedDecoder<int64_t> decoder(encoded.data(), cut);
          decoder.get_batch(out.data(), out.size());
        },
        ParquetError)
        << "cut " << cut;
  }
  // Block size not a multiple of 128; miniblocks not multiples of 32; zero miniblocks.
  const uint8_t bad_block[] = {0x40, 0x04, 0x01, 0x00};
  EXPECT_THROW((DeltaBinaryPackedDecoder<int32_t>(bad_block, sizeof(bad_block))), ParquetError);
  const uint8_t bad_mini[] = {0x80, 0x01, 0x08, 0x01, 0x00};
  EXPECT_THROW((DeltaBinaryPackedDecoder<int32_t>(bad_mini, sizeof(bad_mini))), ParquetError);
  const uint8_t zero_mini[] = {0x80, 0x01, 0x00, 0x01, 0x00};
  EXPECT_THROW((DeltaBinaryPackedDecoder<int32_t>(zero_mini, sizeof(zero_mini))), ParquetError);
  // Bit width 33 for INT32.
  const uint8_t wide[] = {0x80, 0x01, 0x04, 0x03, 0x00, 0x00, 33, 0, 0, 0};
  DeltaBinaryPackedDecoder<int32_t> wide_decoder(wide, sizeof(wide));
  int32_t wide_out[3];
  EXPECT_THROW(wide_decoder.get_batch(wide_out, 3), ParquetError);
  // A header announcing 2^62 values over a few bytes fails without allocating.
  const uint8_t huge[] = {0x80, 0x01, 0x04, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x00};
  DeltaBinaryPackedDecoder<int32_t> huge_decoder(huge, sizeof(huge));
  EXPECT_EQ(huge_decoder.total_values(), uint64_t{1} << 62);
  EXPECT_THROW(huge_decoder.skip_to_end(), ParquetError);
}

std::vector<ByteArrayView> views_of(const std::vector<std::string>& strings) {
  std::vector<ByteArrayView> views;
  for (const auto& s : strings) {
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  }
  return views;
}

std::vector<std::string> strings_of(const ByteArrayOutput& out) {
  std::vector<std::string> strings;
  for (size_t i = 0; i < out.size(); ++i) {
    const ByteArrayView v = out.view(i);
    strings.emplace_back(reinterpret_cast<const char*>(v.data), v.size);
  }
  return strings;
}

std::vector<std::string> sample_strings(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> strings;
  std::string prev;
  for (size_t i = 0; i < n; ++i) {
    std::string s = prev.substr(0, rng() % (prev.size() + 1));
    const size_t extra = rng() % 12;
    for (size_t k = 0; k < extra; ++k) s += static_cast<char>('a' + rng() % 26);
    strings.push_back(s);
    prev = s;
  }
  return strings;
}

TEST(EncodingDelta, LengthByteArrayRoundTrip) {
  // Encodings.md example: "Hello", "World", "Foobar", "ABCDEF".
  const std::vector<std::string> spec = {"Hello", "World", "Foobar", "ABCDEF"};
  for (const auto& strings :
       {spec, sample_strings(1000, 3), std::vector<std::string>{}, std::vector<std::string>{""}}) {
    const auto views = views_of(strings);
    std::vector<uint8_t> encoded;
    delta_length_byte_array_encode(views.data(), views.size(), encoded);
    DeltaLengthByteArrayDecoder decoder(encoded.data(), encoded.size());
    EXPECT_EQ(decoder.total_values(), strings.size());
    ByteArrayOutput out;
    size_t got = 0;
    while (decoder.get_batch(7, out) == 7) got += 7;
    EXPECT_EQ(strings_of(out), strings);
    EXPECT_EQ(decoder.bytes_consumed(), encoded.size());

    std::vector<int32_t> offsets = {0};
    std::string joined;
    for (const auto& s : strings) {
      joined += s;
      offsets.push_back(static_cast<int32_t>(joined.size()));
    }
    std::vector<uint8_t> encoded2;
    delta_length_byte_array_encode(offsets.data(), reinterpret_cast<const uint8_t*>(joined.data()), strings.size(),
                                   encoded2);
    EXPECT_EQ(encoded2, encoded);
  }
  const auto spec_views = views_of(spec);
  std::vector<uint8_t> encoded;
  delta_length_byte_array_encode(spec_views.data(), spec_views.size(), encoded);
  EXPECT_EQ(std::string(encoded.end() - 22, encoded.end()), "HelloWorldFoobarABCDEF");
  // Lengths pointing past the data.
  ByteArrayOutput out;
  DeltaLengthByteArrayDecoder short_decoder(encoded.data(), encoded.size() - 1);
  EXPECT_THROW(short_decoder.get_batch(4, out), ParquetError);
}

TEST(EncodingDelta, ByteArrayRoundTrip) {
  // Encodings.md example: "axis", "axle", "babble", "babyhood" -> prefixes 0 2 0 3.
  const std::vector<std::string> spec = {"axis", "axle", "babble", "babyhood"};
  for (const auto& strings : {spec, sample_strings(3000, 9), std::vector<std::string>{}}) {
    const auto views = views_of(strings);
    std::vector<uint8_t> encoded;
    delta_byte_array_encode(views.data(), views.size(), encoded);
    DeltaByteArrayDecoder decoder(encoded.data(), encoded.size());
    ByteArrayOutput out;
    while (decoder.get_batch(100, out) == 100) {
    }
    EXPECT_EQ(strings_of(out), strings);

    std::vector<int32_t> offsets = {0};
    std::string joined;
    for (const auto& s : strings) {
      joined += s;
      offsets.push_back(static_cast<int32_t>(joined.size()));
    }
    std::vector<uint8_t> encoded2;
    delta_byte_array_encode(offsets.data(), reinterpret_cast<const uint8_t*>(joined.data()), strings.size(), encoded2);
    EXPECT_EQ(encoded2, encoded);
  }
  const auto spec_views = views_of(spec);
  std::vector<uint8_t> encoded;
  delta_byte_array_encode(spec_views.data(), spec_views.size(), encoded);
  std::vector<int32_t> prefixes(4);
  DeltaBinaryPackedDecoder<int32_t> prefix_decoder(encoded.data(), encoded.size());
  prefix_decoder.get_batch(prefixes.data(), 4);
  EXPECT_EQ(prefixes, (std::vector<int32_t>{0, 2, 0, 3}));
  EXPECT_EQ(std::string(encoded.end() - 17, encoded.end()), "axislebabbleyhood");
}

TEST(EncodingDelta, ByteArrayFixedAndCorrupt) {
  std::vector<uint8_t> fixed(4 * 50);
  for (size_t i = 0; i < fixed.size(); ++i) fixed[i] = static_cast<uint8_t>(i / 16);
  std::vector<uint8_t> encoded;
  delta_byte_array_encode_fixed(fixed.data(), 50, 4, encoded);
  DeltaByteArrayDecoder decoder(encoded.data(), encoded.size());
  std::vector<uint8_t> out(fixed.size());
  EXPECT_EQ(decoder.get_batch_fixed(out.data(), 4, 50), 50u);
  EXPECT_EQ(out, fixed);
  DeltaByteArrayDecoder wrong_width(encoded.data(), encoded.size());
  EXPECT_THROW(wrong_width.get_batch_fixed(out.data(), 3, 50), ParquetError);

  // Prefix longer than the previous value: prefixes {3}, suffix {"ab"}.
  std::vector<uint8_t> bad;
  const int32_t prefix = 3;
  delta_binary_packed_encode(&prefix, 1, bad);
  const std::vector<std::string> suffix = {"ab"};
  const auto suffix_views = views_of(suffix);
  delta_length_byte_array_encode(suffix_views.data(), 1, bad);
  DeltaByteArrayDecoder bad_decoder(bad.data(), bad.size());
  ByteArrayOutput bad_out;
  EXPECT_THROW(bad_decoder.get_batch(1, bad_out), ParquetError);

  // Prefix and suffix counts that differ.
  std::vector<uint8_t> mismatch;
  const std::vector<int32_t> two_prefixes = {0, 0};
  delta_binary_packed_encode(two_prefixes.data(), 2, mismatch);
  delta_length_byte_array_encode(suffix_views.data(), 1, mismatch);
  EXPECT_THROW(DeltaByteArrayDecoder(mismatch.data(), mismatch.size()), ParquetError);
}

}  // namespace
}  // namespace crv::parquet::encoding
