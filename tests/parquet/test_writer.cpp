// The Parquet writer, checked structurally: the footer, pages, levels, values, statistics
// and page index of the files it writes are parsed back with the metadata and encoding
// decoders.
#include <gtest/gtest.h>

#include <crv/frame/builder.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/parquet/error.hpp>
#include <crv/parquet/writer.hpp>
#include <crv/version.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "parquet/encoding/plain.hpp"
#include "parquet/encoding/rle_bit_packed_decoder.hpp"
#include "parquet/writer_test_support.hpp"

namespace crv::parquet {
namespace {

namespace fr = crv::frame;
using test::read_footer;
using test::read_pages;
using test::write_to_memory;

template <typename T>
std::string encoded(T v) {
  std::string s(sizeof(T), '\0');
  std::memcpy(s.data(), &v, sizeof(T));
  return s;
}

fr::Frame int_frame(int64_t n, int64_t start = 0) {
  std::vector<int64_t> v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[static_cast<size_t>(i)] = start + i;
  return fr::Frame({{"x", fr::Column::from<int64_t>(v)}});
}

TEST(ParquetWriter, FooterDescribesTheFile) {
  const fr::Frame f({{"id", fr::Column::from<int64_t>({1, 2, 3})},
                     {"name", fr::Column::from<std::string>({"a", std::nullopt, "c"})}});
  WriterOptions o;
  o.key_value_metadata = {{"k1", "v1"}, {"k0", "v0"}};
  const auto file = write_to_memory(f, o);
  const FileMetaData md = read_footer(file);
  EXPECT_EQ(md.version, 2);
  EXPECT_EQ(md.num_rows, 3);
  EXPECT_EQ(md.created_by, std::string(kCreatedBy));
  ASSERT_EQ(md.schema.size(), 3U);
  EXPECT_EQ(md.schema[0].num_children, 2);
  EXPECT_EQ(md.schema[1].name, "id");
  EXPECT_EQ(md.schema[1].type, Type::INT64);
  EXPECT_EQ(md.schema[1].repetition_type, FieldRepetitionType::OPTIONAL);
  EXPECT_EQ(md.schema[2].type, Type::BYTE_ARRAY);
  EXPECT_EQ(md.schema[2].converted_type, ConvertedType::UTF8);
  EXPECT_TRUE(std::holds_alternative<StringType>(*md.schema[2].logicalType));
  ASSERT_TRUE(md.key_value_metadata);
  ASSERT_EQ(md.key_value_metadata->size(), 2U);
  EXPECT_EQ((*md.key_value_metadata)[0].key, "k1");
  EXPECT_EQ((*md.key_value_metadata)[1].value, "v0");
  ASSERT_TRUE(md.column_orders);
  EXPECT_EQ(md.column_orders->size(), 2U);
  ASSERT_EQ(md.row_groups.size(), 1U);
  const auto& rg = md.row_groups[0];
  EXPECT_EQ(rg.num_rows, 3);
  EXPECT_EQ(rg.ordinal, 0);
  EXPECT_EQ(rg.file_offset, 4);
  ASSERT_EQ(rg.columns.size(), 2U);
  const auto& c0 = *rg.columns[0].meta_data;
  EXPECT_EQ(c0.path_in_schema, std::vector<std::string>{"id"});
  EXPECT_EQ(c0.num_values, 3);
  EXPECT_EQ(c0.codec, CompressionCodec::ZSTD);
  EXPECT_EQ(c0.dictionary_page_offset, 4);
  int64_t total = 0;
  for (const auto& c : rg.columns) total += c.meta_data->total_compressed_size;
  EXPECT_EQ(rg.total_compressed_size, total);
  // The second chunk follows the first.
  EXPECT_EQ(rg.columns[1].meta_data->dictionary_page_offset, 4 + c0.total_compressed_size);
  EXPECT_TRUE(rg.columns[0].offset_index_offset.has_value());
  EXPECT_TRUE(rg.columns[0].column_index_offset.has_value());
}

TEST(ParquetWriter, CreatedByCanBeSet) {
  WriterOptions o;
  o.created_by = "me";
  EXPECT_EQ(read_footer(write_to_memory(int_frame(2), o)).created_by, "me");
}

TEST(ParquetWriter, ZeroRowsGiveAFileWithoutRowGroups) {
  const auto file = write_to_memory(int_frame(0));
  const auto md = read_footer(file);
  EXPECT_EQ(md.num_rows, 0);
  EXPECT_TRUE(md.row_groups.empty());
  ASSERT_EQ(md.schema.size(), 2U);
  EXPECT_EQ(md.schema[1].name, "x");
}

TEST(ParquetWriter, RowGroupsHoldRowGroupSizeRowsAcrossWrites) {
  MemorySink sink;
  WriterOptions o;
  o.row_group_size = 100;
  FileWriter w(sink, int_frame(0).schema(), o);
  w.write(int_frame(70, 0));
  w.write(int_frame(150, 70));
  w.write(int_frame(30, 220));
  EXPECT_EQ(w.rows_written(), 250);
  const FileMetaData& md = detail::thrift_of(w.close());
  ASSERT_EQ(md.row_groups.size(), 3U);
  EXPECT_EQ(md.row_groups[0].num_rows, 100);
  EXPECT_EQ(md.row_groups[1].num_rows, 100);
  EXPECT_EQ(md.row_groups[2].num_rows, 50);
  EXPECT_EQ(md.row_groups[2].ordinal, 2);
  EXPECT_EQ(md.num_rows, 250);
  const auto file = sink.take();
  // Values of row group 1 are 100..199 in order.
  const auto& cm = *md.row_groups[1].columns[0].meta_data;
  EXPECT_EQ(cm.statistics->min_value, encoded<int64_t>(100));
  EXPECT_EQ(cm.statistics->max_value, encoded<int64_t>(199));
  EXPECT_EQ(md.row_groups[1].file_offset, cm.dictionary_page_offset.value_or(cm.data_page_offset));
}

TEST(ParquetWriter, RejectsFramesOfAnotherSchema) {
  MemorySink sink;
  FileWriter w(sink, int_frame(0).schema());
  const fr::Frame other({{"y", fr::Column::from<int64_t>({1})}});
  EXPECT_THROW(w.write(other), ParquetError);
  const fr::Frame other_type({{"x", fr::Column::from<int32_t>({1})}});
  EXPECT_THROW(w.write(other_type), ParquetError);
}

TEST(ParquetWriter, EmptyStructIsAnErrorNamingTheColumn) {
  MemorySink sink;
  try {
    FileWriter w(sink, {{"s", fr::struct_({}), true}});
    FAIL() << "no error";
  } catch (const ParquetError& e) {
    EXPECT_NE(std::string(e.what()).find("'s'"), std::string::npos) << e.what();
  }
}

TEST(ParquetWriter, PlainPagesV1HoldLevelsAndValues) {
  const fr::Frame f({{"x", fr::Column::from<int32_t>({5, std::nullopt, -7, 9})}});
  WriterOptions o;
  o.dictionary = false;
  o.compression = CompressionCodec::UNCOMPRESSED;
  const auto file = write_to_memory(f, o);
  const auto md = read_footer(file);
  const auto& cm = *md.row_groups[0].columns[0].meta_data;
  EXPECT_FALSE(cm.dictionary_page_offset.has_value());
  const auto pages = read_pages(file, cm);
  ASSERT_EQ(pages.size(), 1U);
  const auto& h = *pages[0].header.data_page_header;
  EXPECT_EQ(h.num_values, 4);
  EXPECT_EQ(h.encoding, Encoding::PLAIN);
  const auto& body = pages[0].uncompressed;
  uint32_t def_len = 0;
  std::memcpy(&def_len, body.data(), 4);
  std::vector<int16_t> def(4);
  encoding::RleBitPackedDecoder(body.data() + 4, def_len, 1).decode(def.data(), 4);
  EXPECT_EQ(def, (std::vector<int16_t>{1, 0, 1, 1}));
  std::vector<int32_t> values(3);
  encoding::plain_decode(body.data() + 4 + def_len, body.size() - 4 - def_len, values.data(), 3);
  EXPECT_EQ(values, (std::vector<int32_t>{5, -7, 9}));
  EXPECT_EQ(h.statistics->null_count, 1);
}

TEST(ParquetWriter, RequiredColumnsHaveNoDefinitionLevels) {
  const auto f = fr::Frame::make({{"x", fr::int64(), false}}, {fr::Column::from<int64_t>({1, 2, 3})});
  WriterOptions o;
  o.dictionary = false;
  o.compression = CompressionCodec::UNCOMPRESSED;
  const auto file = write_to_memory(f, o);
  const auto md = read_footer(file);
  EXPECT_EQ(md.schema[1].repetition_type, FieldRepetitionType::REQUIRED);
  const auto pages = read_pages(file, *md.row_groups[0].columns[0].meta_data);
  ASSERT_EQ(pages.size(), 1U);
  ASSERT_EQ(pages[0].uncompressed.size(), 24U);  // values only
  std::vector<int64_t> values(3);
  encoding::plain_decode(pages[0].uncompressed.data(), 24, values.data(), 3);
  EXPECT_EQ(values, (std::vector<int64_t>{1, 2, 3}));
}

TEST(ParquetWriter, DataPageV2KeepsLevelsUncompressedBeforeTheValues) {
  const fr::Frame f({{"s", fr::Column::from<std::string>({"a", std::nullopt, "bb", "a"})}});
  WriterOptions o;
  o.data_page_version = DataPageVersion::V2;
  o.compression = CompressionCodec::ZSTD;
  const auto file = write_to_memory(f, o);
  const auto md = read_footer(file);
  const auto& cm = *md.row_groups[0].columns[0].meta_data;
  const auto pages = read_pages(file, cm);
  ASSERT_EQ(pages.size(), 2U);
  EXPECT_EQ(pages[0].header.type, PageType::DICTIONARY_PAGE);
  EXPECT_EQ(pages[0].header.dictionary_page_header->num_values, 2);
  ASSERT_EQ(pages[1].header.type, PageType::DATA_PAGE_V2);
  const auto& v2 = *pages[1].header.data_page_header_v2;
  EXPECT_EQ(v2.num_values, 4);
  EXPECT_EQ(v2.num_nulls, 1);
  EXPECT_EQ(v2.num_rows, 4);
  EXPECT_EQ(v2.encoding, Encoding::RLE_DICTIONARY);
  EXPECT_EQ(v2.repetition_levels_byte_length, 0);
  EXPECT_TRUE(v2.is_compressed);
  std::vector<int16_t> def(4);
  encoding::RleBitPackedDecoder(pages[1].raw.data(), static_cast<size_t>(v2.definition_levels_byte_length), 1)
      .decode(def.data(), 4);
  EXPECT_EQ(def, (std::vector<int16_t>{1, 0, 1, 1}));
  // Dictionary indices: bit width byte then the RLE hybrid.
  const uint8_t* indices = pages[1].uncompressed.data() + v2.definition_levels_byte_length;
  std::vector<uint32_t> idx(3);
  encoding::RleBitPackedDecoder(
      indices + 1, pages[1].uncompressed.size() - static_cast<size_t>(v2.definition_levels_byte_length) - 1, indices[0])
      .decode(idx.data(), 3);
  EXPECT_EQ(idx, (std::vector<uint32_t>{0, 1, 0}));
  ASSERT_TRUE(cm.encoding_stats);
  EXPECT_EQ((*cm.encoding_stats)[0].page_type, PageType::DICTIONARY_PAGE);
  EXPECT_EQ((*cm.encoding_stats)[1].page_type, PageType::DATA_PAGE_V2);
  EXPECT_EQ((*cm.encoding_stats)[1].encoding, Encoding::RLE_DICTIONARY);
}

TEST(ParquetWriter, EveryCodecCompressesPagesThatDecompress) {
  for (const auto codec : {CompressionCodec::UNCOMPRESSED, CompressionCodec::SNAPPY, CompressionCodec::GZIP,
                           CompressionCodec::LZ4_RAW, CompressionCodec::ZSTD, CompressionCodec::BROTLI}) {
    for (const auto version : {DataPageVersion::V1, DataPageVersion::V2}) {
      WriterOptions o;
      o.compression = codec;
      o.data_page_version = version;
      o.dictionary = false;
      o.data_page_size = 1000;
      const auto file = write_to_memory(int_frame(1000), o);
      const auto md = read_footer(file);
      const auto& cm = *md.row_groups[0].columns[0].meta_data;
      EXPECT_EQ(cm.codec, codec);
      const auto pages = read_pages(file, cm);
      ASSERT_GT(pages.size(), 1U) << to_string(codec);
      std::vector<int64_t> all;
      for (const auto& p : pages) {
        size_t skip = version == DataPageVersion::V1 ? 4 : 0;  // def levels length prefix
        uint32_t len = 0;
        if (version == DataPageVersion::V1) std::memcpy(&len, p.uncompressed.data(), 4);
        if (version == DataPageVersion::V2)
          len = static_cast<uint32_t>(p.header.data_page_header_v2->definition_levels_byte_length);
        skip += len;
        const size_t n = (p.uncompressed.size() - skip) / 8;
        std::vector<int64_t> v(n);
        encoding::plain_decode(p.uncompressed.data() + skip, p.uncompressed.size() - skip, v.data(), n);
        all.insert(all.end(), v.begin(), v.end());
      }
      ASSERT_EQ(all.size(), 1000U) << to_string(codec);
      for (int64_t i = 0; i < 1000; ++i) ASSERT_EQ(all[static_cast<size_t>(i)], i);
    }
  }
}

TEST(ParquetWriter, StatisticsFollowTheSortOrderOfTheType) {
  auto stats_of = [](const fr::Column& c) {
    const auto md = read_footer(write_to_memory(fr::Frame({{"c", c}})));
    return *md.row_groups[0].columns[0].meta_data->statistics;
  };
  const auto i = stats_of(fr::Column::from<int32_t>({3, -5, std::nullopt, 10}));
  EXPECT_EQ(i.null_count, 1);
  EXPECT_EQ(i.min_value, encoded<int32_t>(-5));
  EXPECT_EQ(i.max_value, encoded<int32_t>(10));
  EXPECT_EQ(i.min, encoded<int32_t>(-5));  // deprecated fields for signed orders
  const auto u = stats_of(fr::Column::from<uint32_t>({1, 4000000000U, 7}));
  EXPECT_EQ(u.min_value, encoded<uint32_t>(1));
  EXPECT_EQ(u.max_value, encoded<uint32_t>(4000000000U));
  EXPECT_FALSE(u.min.has_value());
  const auto u64 = stats_of(fr::Column::from<uint64_t>({5, std::numeric_limits<uint64_t>::max()}));
  EXPECT_EQ(u64.max_value, encoded<uint64_t>(std::numeric_limits<uint64_t>::max()));
  const auto d = stats_of(fr::Column::from<double>({std::nan(""), 0.5, -1.5, 2.5}));
  EXPECT_EQ(d.min_value, encoded<double>(-1.5));
  EXPECT_EQ(d.max_value, encoded<double>(2.5));
  const auto z = stats_of(fr::Column::from<double>({0.0, 0.0}));
  EXPECT_EQ(z.min_value, encoded<double>(-0.0));
  EXPECT_EQ(z.max_value, encoded<double>(0.0));
  const auto s = stats_of(fr::Column::from<std::string>({"b", "\xc3\xa9", "a", std::nullopt, ""}));
  EXPECT_EQ(s.min_value, "");
  EXPECT_EQ(s.max_value, "\xc3\xa9");  // unsigned bytes: 0xc3 > 'b'
  EXPECT_FALSE(s.min.has_value());
  EXPECT_EQ(s.null_count, 1);
  const auto n = stats_of(fr::Column::from<int64_t>({std::nullopt, std::nullopt}));
  EXPECT_EQ(n.null_count, 2);
  EXPECT_FALSE(n.min_value.has_value());
  EXPECT_FALSE(n.max_value.has_value());
  const auto nan = stats_of(fr::Column::from<float>({std::nanf(""), std::nanf("")}));
  EXPECT_FALSE(nan.min_value.has_value());
  const auto b = stats_of(fr::Column::from<bool>({true, true}));
  EXPECT_EQ(b.min_value, std::string(1, '\1'));
  EXPECT_EQ(b.max_value, std::string(1, '\1'));
}

TEST(ParquetWriter, StatisticsCanBeTurnedOff) {
  WriterOptions o;
  o.write_statistics = false;
  o.write_page_index = false;
  const auto file = write_to_memory(int_frame(10), o);
  const auto md = read_footer(file);
  const auto& chunk = md.row_groups[0].columns[0];
  EXPECT_FALSE(chunk.meta_data->statistics.has_value());
  EXPECT_FALSE(chunk.offset_index_offset.has_value());
  EXPECT_FALSE(chunk.column_index_offset.has_value());
  for (const auto& p : read_pages(file, *chunk.meta_data)) {
    if (p.header.data_page_header) {
      EXPECT_FALSE(p.header.data_page_header->statistics.has_value());
    }
  }
}

TEST(ParquetWriter, PageIndexLocatesEveryPage) {
  // Sorted values, then a run of nulls that fills whole pages.
  std::vector<std::optional<int64_t>> v;
  for (int64_t i = 0; i < 2000; ++i) v.push_back(i);
  for (int64_t i = 0; i < 100000; ++i) v.push_back(std::nullopt);  // ~12 KB of levels
  WriterOptions o;
  o.data_page_size = 1024;
  o.dictionary = false;
  const auto file = write_to_memory(fr::Frame({{"x", fr::Column::from<int64_t>(v)}}), o);
  const auto md = read_footer(file);
  const auto& chunk = md.row_groups[0].columns[0];
  const auto oi = deserialize_offset_index(file.data() + *chunk.offset_index_offset,
                                           static_cast<size_t>(*chunk.offset_index_length));
  const auto ci = deserialize_column_index(file.data() + *chunk.column_index_offset,
                                           static_cast<size_t>(*chunk.column_index_length));
  const auto pages = read_pages(file, *chunk.meta_data);
  ASSERT_GT(pages.size(), 3U);
  ASSERT_EQ(oi.page_locations.size(), pages.size());
  ASSERT_EQ(ci.null_pages.size(), pages.size());
  EXPECT_EQ(oi.page_locations[0].first_row_index, 0);
  int64_t row = 0;
  for (size_t i = 0; i < pages.size(); ++i) {
    EXPECT_EQ(oi.page_locations[i].offset, pages[i].offset);
    EXPECT_EQ(oi.page_locations[i].compressed_page_size,
              static_cast<int32_t>(pages[i].header_size) + pages[i].header.compressed_page_size);
    EXPECT_EQ(oi.page_locations[i].first_row_index, row);
    row += pages[i].header.data_page_header->num_values;
  }
  EXPECT_EQ(row, 102000);
  EXPECT_EQ(ci.boundary_order, BoundaryOrder::ASCENDING);
  EXPECT_EQ(ci.min_values[0], encoded<int64_t>(0));
  EXPECT_EQ(ci.null_pages.back(), 1);
  EXPECT_EQ(ci.null_counts->back(), pages.back().header.data_page_header->num_values);
  EXPECT_EQ(ci.null_pages[0], 0);
  // The page index follows the row groups: column indexes first, then offset indexes.
  EXPECT_LT(*chunk.column_index_offset, *chunk.offset_index_offset);
  EXPECT_GE(*chunk.column_index_offset, chunk.meta_data->data_page_offset + chunk.meta_data->total_compressed_size);
}

TEST(ParquetWriter, DescendingAndUnorderedBoundaryOrders) {
  auto order_of = [](std::vector<int64_t> v) {
    WriterOptions o;
    o.data_page_size = 256;
    const auto file = write_to_memory(fr::Frame({{"x", fr::Column::from<int64_t>(v)}}), o);
    // The footer by value: a reference into read_footer()'s temporary would dangle.
    const FileMetaData footer = read_footer(file);
    const auto& chunk = footer.row_groups[0].columns[0];
    return deserialize_column_index(file.data() + *chunk.column_index_offset,
                                    static_cast<size_t>(*chunk.column_index_length))
        .boundary_order;
  };
  std::vector<int64_t> down;
  std::vector<int64_t> zigzag;
  for (int64_t i = 0; i < 500; ++i) {
    down.push_back(1000 - i);
    zigzag.push_back((i / 40) % 2 == 0 ? i : -i);
  }
  EXPECT_EQ(order_of(down), BoundaryOrder::DESCENDING);
  EXPECT_EQ(order_of(zigzag), BoundaryOrder::UNORDERED);
}

TEST(ParquetWriter, DictionaryFallsBackToPlainPastTheLimit) {
  std::vector<std::string> v;
  for (int i = 0; i < 3000; ++i) v.push_back("value-" + std::to_string(i));
  WriterOptions o;
  o.dictionary_page_size_limit = 4096;
  o.data_page_size = 2048;
  const auto file = write_to_memory(fr::Frame({{"s", fr::Column::from<std::string>(v)}}), o);
  const auto md = read_footer(file);
  const auto& cm = *md.row_groups[0].columns[0].meta_data;
  ASSERT_TRUE(cm.dictionary_page_offset.has_value());
  ASSERT_TRUE(cm.encoding_stats);
  int dict_pages = 0;
  int rle_dict = 0;
  int plain = 0;
  for (const auto& s : *cm.encoding_stats) {
    if (s.page_type == PageType::DICTIONARY_PAGE) dict_pages += s.count;
    if (s.page_type == PageType::DATA_PAGE && s.encoding == Encoding::RLE_DICTIONARY) rle_dict += s.count;
    if (s.page_type == PageType::DATA_PAGE && s.encoding == Encoding::PLAIN) plain += s.count;
  }
  EXPECT_EQ(dict_pages, 1);
  EXPECT_GT(rle_dict, 0);
  EXPECT_GT(plain, 0);
  EXPECT_EQ(cm.encodings, (std::vector<Encoding>{Encoding::PLAIN, Encoding::RLE, Encoding::RLE_DICTIONARY}));
  // Pages in order: dictionary, dictionary-encoded pages, then PLAIN pages only.
  const auto pages = read_pages(file, cm);
  ASSERT_EQ(pages[0].header.type, PageType::DICTIONARY_PAGE);
  bool seen_plain = false;
  size_t values = 0;
  for (size_t i = 1; i < pages.size(); ++i) {
    const auto enc = pages[i].header.data_page_header->encoding;
    if (enc == Encoding::PLAIN) seen_plain = true;
    if (seen_plain) {
      EXPECT_EQ(enc, Encoding::PLAIN);
    }
    values += static_cast<size_t>(pages[i].header.data_page_header->num_values);
  }
  EXPECT_EQ(values, 3000U);
  // The last page's PLAIN values end with the last strings.
  const auto& last = pages.back().uncompressed;
  const std::string tail(last.end() - 10, last.end());
  EXPECT_EQ(tail, "value-2999");
}

TEST(ParquetWriter, NestedPagesStartAtRowBoundaries) {
  // Rows of 0..9 items: a page never splits a row, so each page starts with repetition 0.
  std::vector<int32_t> offsets{0};
  std::vector<int64_t> items;
  for (int64_t r = 0; r < 2000; ++r) {
    for (int64_t k = 0; k < r % 10; ++k) items.push_back(r);
    offsets.push_back(static_cast<int32_t>(items.size()));
  }
  const auto list = fr::Column::list_of(offsets, fr::Column::from<int64_t>(items));
  WriterOptions o;
  o.data_page_size = 512;
  o.dictionary = false;
  o.compression = CompressionCodec::UNCOMPRESSED;
  const auto file = write_to_memory(fr::Frame({{"l", list}}), o);
  const auto md = read_footer(file);
  const auto& chunk = md.row_groups[0].columns[0];
  EXPECT_EQ(chunk.meta_data->path_in_schema, (std::vector<std::string>{"l", "list", "element"}));
  const auto pages = read_pages(file, *chunk.meta_data);
  const auto oi = deserialize_offset_index(file.data() + *chunk.offset_index_offset,
                                           static_cast<size_t>(*chunk.offset_index_length));
  ASSERT_GT(pages.size(), 5U);
  int64_t rows = 0;
  for (size_t i = 0; i < pages.size(); ++i) {
    const auto& body = pages[i].uncompressed;
    const auto n = static_cast<size_t>(pages[i].header.data_page_header->num_values);
    uint32_t rep_len = 0;
    std::memcpy(&rep_len, body.data(), 4);
    std::vector<int16_t> rep(n);
    encoding::RleBitPackedDecoder(body.data() + 4, rep_len, 1).decode(rep.data(), n);
    EXPECT_EQ(rep[0], 0) << "page " << i;
    EXPECT_EQ(oi.page_locations[i].first_row_index, rows);
    for (auto r : rep) rows += r == 0 ? 1 : 0;
  }
  EXPECT_EQ(rows, 2000);
}

}  // namespace
}  // namespace crv::parquet
