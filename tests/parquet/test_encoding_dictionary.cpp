#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/dictionary_decoder.hpp"
#include "parquet/encoding/dictionary_encoder.hpp"
#include "parquet/encoding/plain.hpp"
#include "parquet/encoding/rle_bit_packed_decoder.hpp"

namespace crv::parquet::encoding {
namespace {

std::vector<uint32_t> decode_indices(const std::vector<uint8_t>& page, size_t n) {
  RleBitPackedDecoder decoder = make_dictionary_index_decoder(page.data(), page.size());
  std::vector<uint32_t> indices(n);
  decoder.decode(indices.data(), n);
  return indices;
}

template <typename T>
void round_trip_numeric(const std::vector<T>& values, size_t expected_entries) {
  DictionaryEncoder<T> encoder;
  // Two pages sharing one dictionary.
  const size_t half = values.size() / 2;
  encoder.put(values.data(), half);
  std::vector<uint8_t> page1;
  encoder.write_indices(page1);
  EXPECT_TRUE(encoder.indices().empty());
  encoder.put(values.data() + half, values.size() - half);
  std::vector<uint8_t> page2;
  encoder.write_indices(page2);

  ASSERT_EQ(encoder.num_entries(), expected_entries);
  EXPECT_EQ(encoder.dictionary_byte_size(), expected_entries * sizeof(T));
  std::vector<uint8_t> dictionary_page;
  encoder.write_dictionary(dictionary_page);
  ASSERT_EQ(dictionary_page.size(), encoder.dictionary_byte_size());
  std::vector<T> dictionary(encoder.num_entries());
  plain_decode(dictionary_page.data(), dictionary_page.size(), dictionary.data(), dictionary.size());

  std::vector<T> decoded(values.size());
  const std::vector<uint32_t> i1 = decode_indices(page1, half);
  const std::vector<uint32_t> i2 = decode_indices(page2, values.size() - half);
  dictionary_gather(dictionary.data(), dictionary.size(), i1.data(), i1.size(), decoded.data());
  dictionary_gather(dictionary.data(), dictionary.size(), i2.data(), i2.size(), decoded.data() + half);
  EXPECT_EQ(std::memcmp(decoded.data(), values.data(), values.size() * sizeof(T)), 0);
}

TEST(EncodingDictionary, NumericRoundTrips) {
  std::mt19937_64 rng(11);
  std::vector<int32_t> ints(10000);
  for (auto& v : ints) v = static_cast<int32_t>(rng() % 1000) - 500;
  round_trip_numeric(ints, 1000);

  std::vector<int64_t> longs(20000);
  for (size_t i = 0; i < longs.size(); ++i) longs[i] = static_cast<int64_t>(i % 3000) * 1'000'000'007LL;
  round_trip_numeric(longs, 3000);

  // Floating point is keyed by bit pattern: 0.0 and -0.0 and two NaNs are four entries.
  const float nan1 = std::numeric_limits<float>::quiet_NaN();
  float nan2;
  const uint32_t nan2_bits = 0x7FC00001;
  std::memcpy(&nan2, &nan2_bits, 4);
  round_trip_numeric<float>({0.0f, -0.0f, nan1, nan2, 0.0f, nan1, -0.0f, nan2}, 4);
  round_trip_numeric<double>({1.5, 2.5, 1.5, 1.5, 2.5, 3.5}, 3);
}

TEST(EncodingDictionary, SingleEntryUsesBitWidthOne) {
  DictionaryEncoder<int32_t> encoder;
  const std::vector<int32_t> values(50, 7);
  encoder.put(values.data(), values.size());
  std::vector<uint8_t> page;
  encoder.write_indices(page);
  EXPECT_EQ(page[0], 1);
  EXPECT_EQ(decode_indices(page, 50), std::vector<uint32_t>(50, 0));
}

TEST(EncodingDictionary, ByteArrays) {
  std::vector<std::string> strings;
  for (int i = 0; i < 5000; ++i) strings.push_back("agent-" + std::to_string(i % 777) + (i % 2 ? "" : "-suffix"));
  strings.push_back("");
  strings.push_back("");
  // Views and Arrow-layout input must produce the same dictionary and indices.
  std::vector<ByteArrayView> views;
  std::vector<int32_t> offsets = {0};
  std::string joined;
  for (const auto& s : strings) {
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
    joined += s;
    offsets.push_back(static_cast<int32_t>(joined.size()));
  }
  ByteArrayDictionaryEncoder by_views;
  by_views.put(views.data(), views.size());
  ByteArrayDictionaryEncoder by_offsets;
  by_offsets.put(offsets.data(), reinterpret_cast<const uint8_t*>(joined.data()), strings.size());
  EXPECT_EQ(by_views.indices(), by_offsets.indices());

  // 777 ids, alternately with and without the suffix: odd/even i map to distinct strings.
  const size_t distinct = by_views.num_entries();
  EXPECT_EQ(distinct, 1554u + 1u);
  size_t plain_size = 0;
  for (size_t e = 0; e < distinct; ++e) plain_size += 4 + by_views.entry(e).size;
  EXPECT_EQ(by_views.dictionary_byte_size(), plain_size);

  std::vector<uint8_t> dictionary_page;
  by_views.write_dictionary(dictionary_page);
  ASSERT_EQ(dictionary_page.size(), by_views.dictionary_byte_size());
  std::vector<ByteArrayView> dictionary(distinct);
  plain_decode_byte_array_views(dictionary_page.data(), dictionary_page.size(), distinct, dictionary.data());

  std::vector<uint8_t> page;
  by_views.write_indices(page);
  const std::vector<uint32_t> indices = decode_indices(page, strings.size());
  ByteArrayOutput out;
  dictionary_gather_byte_arrays(dictionary.data(), dictionary.size(), indices.data(), indices.size(), out);
  ASSERT_EQ(out.size(), strings.size());
  for (size_t i = 0; i < strings.size(); ++i) {
    const ByteArrayView v = out.view(i);
    ASSERT_EQ(std::string(reinterpret_cast<const char*>(v.data), v.size), strings[i]) << i;
  }
}

TEST(EncodingDictionary, GatherChecksIndices) {
  const std::vector<int64_t> dictionary = {10, 20, 30};
  const std::vector<uint32_t> indices = {0, 2, 3};
  std::vector<int64_t> out(3);
  EXPECT_THROW(dictionary_gather(dictionary.data(), dictionary.size(), indices.data(), indices.size(), out.data()),
               ParquetError);
  dictionary_gather(dictionary.data(), dictionary.size(), indices.data(), 2, out.data());
  EXPECT_EQ(out[1], 30);

  const std::vector<uint8_t> fixed = {1, 2, 3, 4, 5, 6};
  std::vector<uint8_t> fixed_out(6);
  const std::vector<uint32_t> fixed_indices = {2, 0};
  dictionary_gather_fixed(fixed.data(), 3, 2, fixed_indices.data(), 2, fixed_out.data());
  EXPECT_EQ(fixed_out[0], 5);
  EXPECT_EQ(fixed_out[3], 2);
  EXPECT_THROW(dictionary_gather_fixed(fixed.data(), 3, 2, indices.data(), 3, fixed_out.data()), ParquetError);

  const std::vector<ByteArrayView> views = {{nullptr, 0}};
  ByteArrayOutput bytes_out;
  EXPECT_THROW(dictionary_gather_byte_arrays(views.data(), views.size(), indices.data(), 2, bytes_out), ParquetError);
}

}  // namespace
}  // namespace crv::parquet::encoding
