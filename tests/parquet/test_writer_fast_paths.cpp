// The writer's bulk paths give the same results as the plain definitions they replace:
// batched RLE/bit-packing equals value-by-value encoding, the byte-array dictionary finds
// every distinct string, dictionary pages get the statistics of their values, and mostly
// distinct floating-point columns are written BYTE_STREAM_SPLIT and read back exactly.
#include <gtest/gtest.h>

#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/frame/kernels.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/source.hpp>
#include <crv/parquet/writer.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "parquet/encoding/bit_util.hpp"
#include "parquet/encoding/dictionary_encoder.hpp"
#include "parquet/encoding/rle_bit_packed_encoder.hpp"
#include "parquet/reference_rle_encoder.hpp"
#include "parquet/writer_test_support.hpp"

namespace crv::parquet {
namespace {

namespace fr = crv::frame;

// Runs of random lengths (1..40) of random values below 2^width: literal stretches, short
// repeats and long repeats, starting at every offset of a group of 8.
std::vector<uint32_t> runs_of_values(int width, size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  const uint64_t limit = width >= 32 ? 0xFFFFFFFFULL : (uint64_t{1} << width) - 1;
  std::uniform_int_distribution<uint64_t> value(0, limit);
  std::uniform_int_distribution<size_t> length(1, 40);
  std::vector<uint32_t> out;
  while (out.size() < n) {
    const auto v = static_cast<uint32_t>(value(rng));
    const size_t run = (rng() % 3 == 0) ? length(rng) : 1;
    for (size_t k = 0; k < run && out.size() < n; ++k) out.push_back(v);
  }
  return out;
}

TEST(WriterFastPaths, WholeArrayRleEqualsTheValueByValueReference) {
  for (int width = 0; width <= 64; ++width) {
    for (const size_t n :
         {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{16}, size_t{513}, size_t{1000}, size_t{5003}}) {
      SCOPED_TRACE("width " + std::to_string(width) + ", " + std::to_string(n) + " values");
      const auto runs = runs_of_values(std::min(width, 32), n, static_cast<uint32_t>(width * 131 + n));
      std::vector<uint64_t> values(runs.begin(), runs.end());
      // Wide widths get their high bits exercised too (equal values stay equal).
      if (width > 32) {
        for (uint64_t& v : values) v = (v * 0x9E3779B97F4A7C15ULL) & encoding::low_bits_mask(width);
      }
      testing::ReferenceRleEncoder streaming(width);
      for (const uint64_t v : values) streaming.put(v);
      std::vector<uint8_t> expected = {0xAB};  // bytes already in the output are kept
      streaming.finish(expected);
      std::vector<uint8_t> got = {0xAB};
      encoding::encode_rle_bit_packed(values.data(), values.size(), width, encoding::RleLengthPrefix::kNone, got);
      EXPECT_EQ(got, expected);
      ASSERT_LE(got.size() - 1, encoding::rle_bit_packed_max_size(width, n));
    }
  }
  // Levels (int16) and dictionary indices (uint32) in the writer's types.
  const auto indices = runs_of_values(10, 4000, 5);
  std::vector<int16_t> levels(indices.size());
  for (size_t i = 0; i < levels.size(); ++i) levels[i] = static_cast<int16_t>(indices[i] % 3);
  for (const int width : {2, 10}) {
    testing::ReferenceRleEncoder streaming(width);
    for (size_t i = 0; i < indices.size(); ++i)
      streaming.put(width == 2 ? static_cast<uint64_t>(levels[i]) : indices[i]);
    std::vector<uint8_t> expected;
    streaming.finish(expected);
    std::vector<uint8_t> got;
    if (width == 2) {
      encoding::encode_rle_bit_packed(levels.data(), levels.size(), width, encoding::RleLengthPrefix::kNone, got);
    } else {
      encoding::encode_rle_bit_packed(indices.data(), indices.size(), width, encoding::RleLengthPrefix::kNone, got);
    }
    EXPECT_EQ(got, expected) << "width " << width;
  }
}

TEST(WriterFastPaths, ByteArrayDictionaryFindsEveryDistinctString) {
  std::vector<std::string> strings;
  for (int i = 0; i < 20000; ++i) {
    // Lengths 0..39, many sharing prefixes and suffixes, each string repeated.
    const int id = (i * 7919) % 3001;
    std::string s = std::string(static_cast<size_t>(id % 40), 'x');
    if (!s.empty()) s[s.size() / 2] = static_cast<char>('a' + id % 26);
    s += std::to_string(id / 40);
    strings.push_back(s);
  }
  std::vector<encoding::ByteArrayView> views;
  for (const auto& s : strings)
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  encoding::ByteArrayDictionaryEncoder dictionary;
  dictionary.put(views.data(), views.size());
  std::map<std::string, uint32_t> first_index;
  for (size_t i = 0; i < strings.size(); ++i) {
    const auto [it, inserted] = first_index.emplace(strings[i], static_cast<uint32_t>(first_index.size()));
    ASSERT_EQ(dictionary.indices()[i], it->second) << "value " << i << " '" << strings[i] << "'";
  }
  ASSERT_EQ(dictionary.num_entries(), first_index.size());
  for (const auto& [s, index] : first_index) {
    const auto entry = dictionary.entry(index);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(entry.data), entry.size), s);
  }
}

fr::Frame read_back(std::vector<uint8_t> bytes) {
  return FileReader::open(std::make_shared<MemorySource>(std::move(bytes)))->read();
}

TEST(WriterFastPaths, DictionaryPagesCarryTheStatisticsOfTheirValues) {
  std::vector<std::optional<std::string>> values;
  for (int i = 0; i < 5000; ++i) {
    if (i % 3 == 0) {
      values.emplace_back(std::nullopt);
    } else {
      values.emplace_back("agent_" + std::to_string((i * 31) % 997));
    }
  }
  const fr::Frame frame({{"s", fr::Column::from<std::string>(values)}});
  WriterOptions dictionary;
  dictionary.data_page_size = 4096;  // several pages, each with its own min and max
  WriterOptions plain = dictionary;
  plain.dictionary = false;
  const auto with_dictionary = test::write_to_memory(frame, dictionary);
  const auto without = test::write_to_memory(frame, plain);
  const auto md_dictionary = test::read_footer(with_dictionary);
  const auto md_plain = test::read_footer(without);
  const auto& cm_dictionary = *md_dictionary.row_groups[0].columns[0].meta_data;
  const auto& cm_plain = *md_plain.row_groups[0].columns[0].meta_data;
  ASSERT_TRUE(cm_dictionary.dictionary_page_offset.has_value());
  EXPECT_EQ(cm_dictionary.statistics->min_value, cm_plain.statistics->min_value);
  EXPECT_EQ(cm_dictionary.statistics->max_value, cm_plain.statistics->max_value);
  const auto pages_dictionary = test::read_pages(with_dictionary, cm_dictionary);
  const auto pages_plain = test::read_pages(without, cm_plain);
  ASSERT_EQ(pages_dictionary.size(), pages_plain.size() + 1);  // plus the dictionary page
  ASSERT_GT(pages_plain.size(), 2U);
  for (size_t p = 0; p < pages_plain.size(); ++p) {
    const auto& a = *pages_dictionary[p + 1].header.data_page_header;
    const auto& b = *pages_plain[p].header.data_page_header;
    EXPECT_EQ(a.encoding, Encoding::RLE_DICTIONARY);
    EXPECT_EQ(a.statistics->min_value, b.statistics->min_value) << "page " << p;
    EXPECT_EQ(a.statistics->max_value, b.statistics->max_value) << "page " << p;
    EXPECT_EQ(a.statistics->null_count, b.statistics->null_count) << "page " << p;
  }
  EXPECT_TRUE(fr::equals(read_back(with_dictionary), frame));
}

TEST(WriterFastPaths, MostlyDistinctFloatsAreByteStreamSplit) {
  std::vector<std::optional<double>> weights;
  std::vector<std::optional<float>> ratios;
  std::vector<std::optional<double>> levels;
  for (uint64_t i = 0; i < 20000; ++i) {
    weights.emplace_back(
        i % 7 == 3 ? std::nullopt
                   : std::optional<double>(static_cast<double>((i * 2654435761ULL) % 4294967296ULL) / 4294967296.0));
    ratios.emplace_back(static_cast<float>(i) / 3.0F);
    levels.emplace_back(static_cast<double>(i % 10));  // repeats: keeps the dictionary
  }
  const fr::Frame frame({{"weight", fr::Column::from<double>(weights)},
                         {"ratio", fr::Column::from<float>(ratios)},
                         {"level", fr::Column::from<double>(levels)}});
  const auto bytes = test::write_to_memory(frame);
  const auto md = test::read_footer(bytes);
  for (size_t c = 0; c < 2; ++c) {
    const auto& cm = *md.row_groups[0].columns[c].meta_data;
    EXPECT_FALSE(cm.dictionary_page_offset.has_value()) << "column " << c;
    EXPECT_EQ(cm.encodings, (std::vector<Encoding>{Encoding::RLE, Encoding::BYTE_STREAM_SPLIT})) << "column " << c;
    for (const auto& page : test::read_pages(bytes, cm)) {
      EXPECT_EQ(page.header.data_page_header->encoding, Encoding::BYTE_STREAM_SPLIT);
    }
  }
  const auto& level = *md.row_groups[0].columns[2].meta_data;
  EXPECT_TRUE(level.dictionary_page_offset.has_value());
  EXPECT_TRUE(fr::equals(read_back(bytes), frame));

  // Turned off: PLAIN.
  WriterOptions plain;
  plain.byte_stream_split_floating = false;
  const auto plain_bytes = test::write_to_memory(frame, plain);
  const auto plain_md = test::read_footer(plain_bytes);
  EXPECT_EQ(plain_md.row_groups[0].columns[0].meta_data->encodings,
            (std::vector<Encoding>{Encoding::PLAIN, Encoding::RLE}));
  EXPECT_TRUE(fr::equals(read_back(plain_bytes), frame));
}

}  // namespace
}  // namespace crv::parquet
