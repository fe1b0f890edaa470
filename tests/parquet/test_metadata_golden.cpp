// Every metadata struct, fully populated, encodes to the bytes the hand-written encoder of
// 549ab08 produced (tests/data/thrift-golden/, see metadata_golden_values.hpp), and those
// bytes decode to the value again.

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_regressions.hpp"
#include "metadata_golden_values.hpp"
#include "parquet/metadata/thrift_codec.hpp"
#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes golden_bytes(const std::string& name) {
  const std::string text =
      crv::testing::read_bytes(std::filesystem::path(CRV_SOURCE_DIR) / "tests" / "data" / "thrift-golden" / name);
  return {text.begin(), text.end()};
}

// Encodes `value`, compares with the golden file and decodes the golden bytes back.
template <class T>
void expect_golden(const T& value, const std::string& name) {
  SCOPED_TRACE(name);
  const Bytes expected = golden_bytes(name);
  ASSERT_FALSE(expected.empty());
  Bytes encoded;
  metadata::serialize_struct(value, encoded);
  EXPECT_EQ(encoded, expected);
  size_t consumed = 0;
  EXPECT_EQ(metadata::deserialize_struct<T>(expected.data(), expected.size(), &consumed), value);
  EXPECT_EQ(consumed, expected.size());
}

TEST(ParquetMetadataGolden, FileMetaData) {
  expect_golden(golden::full_file_metadata(), "file_metadata_full.bin");
  expect_golden(golden::small_file_metadata(), "file_metadata_small.bin");
}

TEST(ParquetMetadataGolden, PageHeaders) {
  expect_golden(golden::full_data_page_header(), "page_header_data.bin");
  expect_golden(golden::full_data_page_v2_header(), "page_header_data_v2.bin");
  expect_golden(golden::full_dictionary_page_header(), "page_header_dictionary.bin");
  expect_golden(golden::index_page_header(), "page_header_index.bin");
}

TEST(ParquetMetadataGolden, PageIndex) {
  expect_golden(golden::full_column_index(), "column_index.bin");
  expect_golden(golden::full_offset_index(), "offset_index.bin");
}

// The public entry points give the same bytes as the private codec.
TEST(ParquetMetadataGolden, PublicSerializersMatch) {
  Bytes bytes;
  serialize_page_header(golden::full_data_page_header(), bytes);
  EXPECT_EQ(bytes, golden_bytes("page_header_data.bin"));
  bytes.clear();
  serialize_file_metadata(golden::full_file_metadata(), bytes);
  EXPECT_EQ(bytes, golden_bytes("file_metadata_full.bin"));
}

}  // namespace
}  // namespace crv::parquet
