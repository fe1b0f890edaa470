// PageReader: the pages of a column chunk, checked (CRC included) and decompressed; index
// pages skipped. Pages are built by hand from PageHeaders.
#include <gtest/gtest.h>
#include <zlib.h>
#include <crv/parquet/compression.hpp>
#include <crv/parquet/error.hpp>
#include "parquet/metadata/thrift_types.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "parquet/reader/page_reader.hpp"

namespace crv::parquet::reader {
namespace {

int32_t crc_of(const std::vector<uint8_t>& body) {
  return static_cast<int32_t>(crc32(crc32(0L, Z_NULL, 0), body.data(), static_cast<uInt>(body.size())));
}

void append_page(PageHeader header, const std::vector<uint8_t>& body, std::vector<uint8_t>& out) {
  header.compressed_page_size = static_cast<int32_t>(body.size());
  if (header.uncompressed_page_size == 0) header.uncompressed_page_size = header.compressed_page_size;
  serialize_page_header(header, out);
  out.insert(out.end(), body.begin(), body.end());
}

PageHeader data_page_v1(int32_t num_values, std::optional<int32_t> crc = std::nullopt) {
  PageHeader header;
  header.type = PageType::DATA_PAGE;
  header.crc = crc;
  header.data_page_header = DataPageHeader{num_values, Encoding::PLAIN, Encoding::RLE, Encoding::RLE, std::nullopt};
  return header;
}

ColumnMetaData metadata(CompressionCodec codec = CompressionCodec::UNCOMPRESSED) {
  ColumnMetaData meta;
  meta.type = Type::INT32;
  meta.codec = codec;
  return meta;
}

const ErrorContext kWhere{.file = "pages.parquet", .row_group = 0, .column_path = "x"};

TEST(PageReader, HandsOutDictionaryAndDataPagesAndSkipsIndexPages) {
  const std::vector<uint8_t> dictionary{1, 0, 0, 0};
  const std::vector<uint8_t> values{7, 0, 0, 0, 8, 0, 0, 0};
  std::vector<uint8_t> chunk;
  PageHeader dict;
  dict.type = PageType::DICTIONARY_PAGE;
  dict.dictionary_page_header = DictionaryPageHeader{1, Encoding::PLAIN, std::nullopt};
  append_page(dict, dictionary, chunk);
  PageHeader index;
  index.type = PageType::INDEX_PAGE;
  append_page(index, {9, 9}, chunk);
  append_page(data_page_v1(2, crc_of(values)), values, chunk);

  const ColumnMetaData meta = metadata();
  PageReader pages(meta, kWhere);
  pages.reset(chunk.data(), chunk.size(), 0);
  const Page* page = pages.next();
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(page->type, PageType::DICTIONARY_PAGE);
  EXPECT_EQ(page->num_values, 1);
  EXPECT_EQ(std::vector<uint8_t>(page->data, page->data + page->size), dictionary);
  page = pages.next();
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(page->type, PageType::DATA_PAGE);
  EXPECT_EQ(page->num_values, 2);
  EXPECT_EQ(std::vector<uint8_t>(page->data, page->data + page->size), values);
  EXPECT_EQ(pages.context().page, 2);  // the index page counts
  EXPECT_EQ(pages.next(), nullptr);
}

TEST(PageReader, RefusesAPageWhoseCrcDoesNotMatch) {
  const std::vector<uint8_t> values{7, 0, 0, 0};
  std::vector<uint8_t> chunk;
  append_page(data_page_v1(1, crc_of(values)), values, chunk);
  append_page(data_page_v1(1, crc_of(values) ^ 1), values, chunk);
  const ColumnMetaData meta = metadata();
  PageReader pages(meta, kWhere);
  pages.reset(chunk.data(), chunk.size(), 0);
  ASSERT_NE(pages.next(), nullptr);
  try {
    pages.next();
    FAIL() << "read a page whose CRC does not match";
  } catch (const ParquetError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("page 1"), std::string::npos) << message;
    EXPECT_NE(message.find("column 'x'"), std::string::npos) << message;
    EXPECT_NE(message.find("page CRC mismatch"), std::string::npos) << message;
  }
}

// The CRC covers the page as stored (compressed), and a v2 page's levels stay uncompressed.
TEST(PageReader, DecompressesTheValuesOfAVersion2Page) {
  const std::vector<uint8_t> levels{2, 1, 3};  // repetition 1 byte, definition 2 bytes
  const std::vector<uint8_t> values(64, 5);
  std::vector<uint8_t> compressed;
  make_codec(CompressionCodec::SNAPPY)->compress({values.data(), values.size()}, compressed);
  std::vector<uint8_t> body = levels;
  body.insert(body.end(), compressed.begin(), compressed.end());
  PageHeader header;
  header.type = PageType::DATA_PAGE_V2;
  header.uncompressed_page_size = static_cast<int32_t>(levels.size() + values.size());
  header.crc = crc_of(body);
  header.data_page_header_v2 = DataPageHeaderV2{.num_values = 4,
                                                .num_nulls = 0,
                                                .num_rows = 4,
                                                .encoding = Encoding::PLAIN,
                                                .definition_levels_byte_length = 2,
                                                .repetition_levels_byte_length = 1};
  std::vector<uint8_t> chunk;
  append_page(header, body, chunk);
  const ColumnMetaData meta = metadata(CompressionCodec::SNAPPY);
  PageReader pages(meta, kWhere);
  pages.reset(chunk.data(), chunk.size(), 0);
  const Page* page = pages.next();
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(page->rep_levels_size, 1u);
  EXPECT_EQ(page->rep_levels[0], 2);
  EXPECT_EQ(page->def_levels_size, 2u);
  EXPECT_EQ(page->def_levels[1], 3);
  EXPECT_EQ(std::vector<uint8_t>(page->data, page->data + page->size), values);
}

}  // namespace
}  // namespace crv::parquet::reader
