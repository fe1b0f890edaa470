// Hostile input for the metadata deserializers: random bytes, every truncation and byte
// flips of a valid footer. Each must give a value or ParquetError, never crash or hang.

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet {
namespace {

using Bytes = std::vector<uint8_t>;

template <class F>
void expect_value_or_parquet_error(const Bytes& bytes, F&& deserialize) {
  try {
    size_t consumed = 0;
    (void)deserialize(bytes.data(), bytes.size(), &consumed);
    EXPECT_LE(consumed, bytes.size());
  } catch (const ParquetError&) {
    // expected for most inputs
  }
}

void expect_all_deserializers_safe(const Bytes& bytes) {
  expect_value_or_parquet_error(bytes, deserialize_file_metadata);
  expect_value_or_parquet_error(bytes, deserialize_page_header);
  expect_value_or_parquet_error(bytes, deserialize_column_index);
  expect_value_or_parquet_error(bytes, deserialize_offset_index);
}

FileMetaData valid_footer() {
  FileMetaData file;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  SchemaElement column;
  column.name = "t";
  column.type = Type::INT64;
  column.repetition_type = FieldRepetitionType::OPTIONAL;
  column.logicalType = TimestampType{true, TimeUnit::MICROS};
  file.schema = {root, column};
  file.num_rows = 10;
  RowGroup row_group;
  row_group.num_rows = 10;
  ColumnChunk chunk;
  ColumnMetaData meta;
  meta.type = Type::INT64;
  meta.encodings = {Encoding::PLAIN, Encoding::RLE};
  meta.path_in_schema = {"t"};
  meta.codec = CompressionCodec::SNAPPY;
  meta.statistics = Statistics{};
  meta.statistics->min_value = "12345678";
  meta.statistics->null_count = 1;
  chunk.meta_data = meta;
  row_group.columns = {chunk};
  file.row_groups = {row_group};
  file.created_by = "fuzz";
  file.column_orders = std::vector<ColumnOrder>{TypeDefinedOrder{}};
  return file;
}

TEST(ParquetMetadataFuzz, RandomBytes) {
  std::mt19937_64 rng(12345);
  Bytes bytes;
  for (int i = 0; i < 4000; ++i) {
    bytes.resize(rng() % 200);
    for (auto& b : bytes) b = static_cast<uint8_t>(rng());
    // Bias towards valid-looking struct field headers half of the time.
    if (i % 2 == 0) {
      for (size_t j = 0; j < bytes.size(); j += 3) {
        bytes[j] = static_cast<uint8_t>((1 + rng() % 3) << 4 | (1 + rng() % 12));
      }
    }
    expect_all_deserializers_safe(bytes);
  }
}

TEST(ParquetMetadataFuzz, EveryTruncationOfAValidFooterThrows) {
  Bytes bytes;
  serialize_file_metadata(valid_footer(), bytes);
  ASSERT_EQ(deserialize_file_metadata(bytes.data(), bytes.size()), valid_footer());
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW((void)deserialize_file_metadata(bytes.data(), n), ParquetError) << n;
  }
}

TEST(ParquetMetadataFuzz, ByteFlipsOfAValidFooter) {
  Bytes original;
  serialize_file_metadata(valid_footer(), original);
  std::mt19937_64 rng(777);
  for (int i = 0; i < 4000; ++i) {
    Bytes bytes = original;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) {
      bytes[rng() % bytes.size()] = static_cast<uint8_t>(rng());
    }
    expect_all_deserializers_safe(bytes);
  }
}

}  // namespace
}  // namespace crv::parquet
