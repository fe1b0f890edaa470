// The public metadata views (crv/parquet/metadata.hpp): each accessor reads what the footer
// holds (compared with the Thrift struct behind the view), bad indexes are ParquetErrors, and
// the public schema tree mirrors the file's schema.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/parquet/metadata.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/writer.hpp>

#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet {
namespace {

using frame::Column;
using frame::Frame;

std::string le64(int64_t v) {
  std::string out(8, '\0');
  std::memcpy(out.data(), &v, 8);
  return out;
}

// 300 rows in row groups of 100: tick 0..299, a nullable string, a struct.
std::unique_ptr<FileReader> sample_file() {
  std::vector<std::optional<int64_t>> tick;
  std::vector<std::optional<std::string>> name;
  std::vector<std::optional<int32_t>> inner;
  for (int64_t i = 0; i < 300; ++i) {
    tick.emplace_back(i);
    name.push_back(i % 10 == 0 ? std::nullopt : std::optional<std::string>("n" + std::to_string(i % 7)));
    inner.emplace_back(static_cast<int32_t>(i));
  }
  const Frame frame({{"tick", Column::from<int64_t>(tick)},
                     {"name", Column::from<std::string>(name)},
                     {"st", Column::struct_of({{"inner", Column::from<int32_t>(inner)}})}});
  WriterOptions options;
  options.row_group_size = 100;
  options.compression = CompressionCodec::SNAPPY;
  options.key_value_metadata = {{"b", "2"}, {"a", "1"}};
  MemorySink sink;
  write_frame(frame, sink, options);
  return FileReader::open(std::make_shared<MemorySource>(sink.take(), "views.parquet"));
}

TEST(MetadataViews, FileAndRowGroupsReadTheFooter) {
  const auto reader = sample_file();
  const FileMetadataView file = reader->metadata();
  const FileMetaData& thrift = detail::thrift_of(file);
  EXPECT_EQ(file.num_rows(), 300);
  EXPECT_EQ(file.version(), thrift.version);
  EXPECT_EQ(file.created_by(), thrift.created_by.value_or(""));
  EXPECT_NE(file.created_by().find("crv-io"), std::string::npos);
  ASSERT_EQ(file.num_row_groups(), 3);
  // File order, not sorted (key_value_metadata() of the reader is a map).
  const std::vector<std::pair<std::string, std::string>> kv = file.key_value_metadata();
  ASSERT_GE(kv.size(), 2u);
  EXPECT_EQ(kv[0], (std::pair<std::string, std::string>{"b", "2"}));
  EXPECT_EQ(kv[1], (std::pair<std::string, std::string>{"a", "1"}));
  for (int g = 0; g < 3; ++g) {
    const RowGroupView group = file.row_group(g);
    EXPECT_EQ(group.num_rows(), 100);
    EXPECT_EQ(group.total_byte_size(), thrift.row_groups[static_cast<size_t>(g)].total_byte_size);
    EXPECT_EQ(group.total_compressed_size(), thrift.row_groups[static_cast<size_t>(g)].total_compressed_size);
    EXPECT_EQ(group.num_columns(), 3);  // tick, name, st.inner
  }
}

TEST(MetadataViews, ColumnChunksAndStatistics) {
  const auto reader = sample_file();
  const RowGroupView group = reader->metadata().row_group(1);
  const ColumnChunkView tick = group.column(0);
  EXPECT_EQ(tick.path(), "tick");
  EXPECT_EQ(tick.physical_type(), Type::INT64);
  EXPECT_EQ(tick.codec(), CompressionCodec::SNAPPY);
  EXPECT_EQ(tick.num_values(), 100);
  EXPECT_GT(tick.total_compressed_size(), 0);
  EXPECT_GT(tick.total_uncompressed_size(), 0);
  EXPECT_GT(tick.data_page_offset(), 0);
  EXPECT_TRUE(tick.has_page_index());
  ASSERT_FALSE(tick.encodings().empty());
  const std::optional<ColumnStatistics> stats = tick.statistics();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->null_count, 0);
  EXPECT_EQ(stats->min_value, le64(100));
  EXPECT_EQ(stats->max_value, le64(199));

  const ColumnChunkView name = group.column(1);
  EXPECT_EQ(name.physical_type(), Type::BYTE_ARRAY);
  ASSERT_TRUE(name.statistics().has_value());
  EXPECT_EQ(name.statistics()->null_count, 10);  // 100, 110, ..., 190
  EXPECT_EQ(name.statistics()->min_value, "n0");
  EXPECT_EQ(name.statistics()->max_value, "n6");

  const ColumnChunkView inner = group.column(2);
  EXPECT_EQ(inner.path_in_schema(), (std::vector<std::string>{"st", "inner"}));
  EXPECT_EQ(inner.path(), "st.inner");
  EXPECT_EQ(inner.physical_type(), Type::INT32);
}

TEST(MetadataViews, AnIndexOutOfRangeIsAParquetErrorNamingIt) {
  const auto reader = sample_file();
  try {
    (void)reader->metadata().row_group(3);
    FAIL() << "row group 3 of 3 was returned";
  } catch (const ParquetError& e) {
    EXPECT_EQ(std::string(e.what()), "row group 3 does not exist: the file has 3");
  }
  EXPECT_THROW((void)reader->metadata().row_group(-1), ParquetError);
  try {
    (void)reader->metadata().row_group(0).column(3);
    FAIL() << "column 3 of 3 was returned";
  } catch (const ParquetError& e) {
    EXPECT_EQ(std::string(e.what()), "column chunk 3 does not exist: the row group has 3");
  }
}

TEST(MetadataViews, TheSchemaTreeMirrorsTheFileSchema) {
  const auto reader = sample_file();
  const SchemaNode& root = reader->schema_tree();
  EXPECT_FALSE(root.repetition.has_value());
  ASSERT_EQ(root.children.size(), 3u);
  const SchemaNode& tick = root.children[0];
  EXPECT_EQ(tick.name, "tick");
  EXPECT_EQ(tick.physical_type, Type::INT64);
  EXPECT_EQ(tick.repetition, FieldRepetitionType::OPTIONAL);
  const SchemaNode& name = root.children[1];
  ASSERT_TRUE(name.logical_type.has_value());
  EXPECT_TRUE(std::holds_alternative<StringType>(*name.logical_type));
  const SchemaNode& st = root.children[2];
  EXPECT_FALSE(st.physical_type.has_value());
  ASSERT_EQ(st.children.size(), 1u);
  EXPECT_EQ(reader->node_of({"st", "inner"}), &st.children[0]);
  EXPECT_EQ(reader->node_of({"st"}), &st);
  EXPECT_EQ(reader->node_of({"st", "nope"}), nullptr);
  // The same tree on every call (built once).
  EXPECT_EQ(&reader->schema_tree(), &root);
}

TEST(MetadataViews, TheWritersCloseReturnsTheFooterItWrote) {
  MemorySink sink;
  const Frame frame({{"x", Column::from<int64_t>({1, 2, 3})}});
  FileWriter writer(sink, frame.schema());
  writer.write(frame);
  const FileMetadataView written = writer.close();
  EXPECT_EQ(written.num_rows(), 3);
  ASSERT_EQ(written.num_row_groups(), 1);
  EXPECT_EQ(written.row_group(0).column(0).path(), "x");
  const auto reader = FileReader::open(std::make_shared<MemorySource>(sink.take(), "w.parquet"));
  EXPECT_EQ(detail::thrift_of(reader->metadata()), detail::thrift_of(written));
}

}  // namespace
}  // namespace crv::parquet
