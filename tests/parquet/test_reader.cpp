// FileReader: round trips through the writer, projection, row groups, pruning by statistics
// and the page index, batches, and errors on damaged files.
#include <gtest/gtest.h>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/writer.hpp>

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crv::parquet {
namespace {

using frame::Column;
using frame::Frame;

std::vector<uint8_t> write(const Frame& frame, const WriterOptions& options = {}) {
  MemorySink sink;
  write_frame(frame, sink, options);
  return sink.take();
}

std::unique_ptr<FileReader> open_bytes(std::vector<uint8_t> bytes) {
  return FileReader::open(std::make_shared<MemorySource>(std::move(bytes), "test.parquet"));
}

Frame sample_frame(int64_t rows) {
  std::vector<std::optional<int64_t>> tick;
  std::vector<std::optional<std::string>> name;
  std::vector<std::optional<double>> x;
  std::vector<std::optional<bool>> flag;
  std::vector<int32_t> offsets{0};
  std::vector<std::optional<int32_t>> items;
  std::vector<bool> list_valid;
  std::vector<std::optional<int32_t>> sx;
  std::vector<std::optional<std::string>> sy;
  std::vector<bool> struct_valid;
  for (int64_t i = 0; i < rows; ++i) {
    tick.emplace_back(i);
    name.push_back(i % 7 == 3 ? std::nullopt : std::optional<std::string>("name_" + std::to_string(i % 13)));
    x.push_back(i % 5 == 0 ? std::nullopt : std::optional<double>(static_cast<double>(i) * 0.5));
    flag.push_back(i % 11 == 0 ? std::nullopt : std::optional<bool>(i % 3 == 0));
    list_valid.push_back(i % 9 != 4);
    for (int64_t k = 0; list_valid.back() && k < i % 4; ++k) {
      items.push_back(k == 1 ? std::nullopt : std::optional<int32_t>(static_cast<int32_t>(i * 10 + k)));
    }
    offsets.push_back(static_cast<int32_t>(items.size()));
    struct_valid.push_back(i % 6 != 2);
    sx.push_back(i % 4 == 1 ? std::nullopt : std::optional<int32_t>(static_cast<int32_t>(-i)));
    sy.emplace_back(i % 2 == 0 ? "" : "שלום");
  }
  Column list = Column::list_of(offsets, Column::from<int32_t>(items), list_valid);
  Column st =
      Column::struct_of({{"sx", Column::from<int32_t>(sx)}, {"sy", Column::from<std::string>(sy)}}, struct_valid);
  return Frame({{"tick", Column::from<int64_t>(tick)},
                {"name", Column::from<std::string>(name)},
                {"x", Column::from<double>(x)},
                {"flag", Column::from<bool>(flag)},
                {"items", list},
                {"st", st}});
}

TEST(ParquetReader, RoundTripsEveryWriterVariant) {
  const Frame frame = sample_frame(3000);
  for (auto codec : {CompressionCodec::UNCOMPRESSED, CompressionCodec::SNAPPY, CompressionCodec::GZIP,
                     CompressionCodec::ZSTD, CompressionCodec::LZ4_RAW}) {
    for (bool dictionary : {true, false}) {
      for (auto version : {DataPageVersion::V1, DataPageVersion::V2}) {
        WriterOptions options;
        options.compression = codec;
        options.dictionary = dictionary;
        options.data_page_version = version;
        options.row_group_size = 1000;
        options.data_page_size = 2048;
        const auto reader = open_bytes(write(frame, options));
        EXPECT_EQ(reader->num_row_groups(), 3);
        EXPECT_EQ(reader->num_rows(), 3000);
        const Frame back = reader->read();
        EXPECT_TRUE(back.equals(frame)) << to_string(codec) << " dictionary=" << dictionary;
      }
    }
  }
}

TEST(ParquetReader, ZeroRowsAndSchema) {
  const Frame empty = sample_frame(0);
  const auto reader = open_bytes(write(empty));
  const Frame back = reader->read();
  EXPECT_EQ(back.num_rows(), 0);
  ASSERT_EQ(back.num_columns(), empty.num_columns());
  for (size_t i = 0; i < back.num_columns(); ++i) {
    EXPECT_TRUE(back.schema()[i].type->equals(*empty.schema()[i].type)) << back.schema()[i].to_string();
  }
}

TEST(ParquetReader, ProjectionAndRowGroups) {
  const Frame frame = sample_frame(250);
  WriterOptions options;
  options.row_group_size = 100;
  const auto reader = open_bytes(write(frame, options));
  ReadOptions read;
  read.columns = {"st", "tick"};
  read.row_groups = {2, 0};
  const Frame back = reader->read(read);
  EXPECT_EQ(back.names(), (std::vector<std::string>{"st", "tick"}));
  ASSERT_EQ(back.num_rows(), 150);
  EXPECT_EQ(back.column("tick").value<int64_t>(0), 200);
  EXPECT_EQ(back.column("tick").value<int64_t>(50), 0);
  EXPECT_TRUE(reader->read_row_group(1).equals(frame.slice(100, 100)));
  ReadOptions unknown;
  unknown.columns = {"nope"};
  EXPECT_THROW((void)reader->read(unknown), ParquetError);
  EXPECT_THROW((void)reader->read_row_group(3), ParquetError);
}

TEST(ParquetReader, PrunesRowGroupsByStatistics) {
  const Frame frame = sample_frame(1000);
  WriterOptions options;
  options.row_group_size = 250;
  const auto reader = open_bytes(write(frame, options));
  const auto range = reader->int_column_range(1, "tick");
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(*range, (std::pair<int64_t, int64_t>{250, 499}));
  const auto decisions = reader->prune_row_groups({"tick", 300, 520});
  ASSERT_EQ(decisions.size(), 4u);
  EXPECT_FALSE(decisions[0].kept);
  EXPECT_TRUE(decisions[1].kept);
  EXPECT_TRUE(decisions[2].kept);
  EXPECT_FALSE(decisions[3].kept);
  EXPECT_NE(decisions[0].reason.find("[0, 249]"), std::string::npos) << decisions[0].reason;
  ReadOptions read;
  read.filter = IntRangeFilter{"tick", 300, 520};
  read.use_page_index = false;
  EXPECT_EQ(reader->read(read).num_rows(), 500);
  EXPECT_THROW((void)reader->prune_row_groups({"name", 1, 2}), ParquetError);
}

TEST(ParquetReader, PageIndexReturnsExactlyTheKeptPagesRows) {
  const Frame frame = sample_frame(4000);
  WriterOptions options;
  options.row_group_size = 4000;
  options.data_page_size = 512;  // many pages
  options.dictionary = false;
  const auto reader = open_bytes(write(frame, options));
  ReadOptions read;
  read.filter = IntRangeFilter{"tick", 1500, 1510};
  const Frame back = reader->read(read);
  ASSERT_GT(back.num_rows(), 0);
  EXPECT_LT(back.num_rows(), 4000);
  // The result is a contiguous run of rows (the kept pages) that covers the filter range,
  // and every column holds exactly those rows.
  const int64_t first = back.column("tick").value<int64_t>(0);
  EXPECT_LE(first, 1500);
  EXPECT_GE(first + back.num_rows() - 1, 1510);
  EXPECT_TRUE(back.equals(frame.slice(first, back.num_rows())));
  // Without the page index: the whole row group.
  read.use_page_index = false;
  EXPECT_EQ(reader->read(read).num_rows(), 4000);
  // A range no page holds.
  read.use_page_index = true;
  read.filter = IntRangeFilter{"tick", 10000, std::nullopt};
  EXPECT_EQ(reader->read(read).num_rows(), 0);

  // decide_pages reports the pages the read above kept: as many rows as it returned.
  const std::optional<PageDecision> pages = reader->decide_pages(0, IntRangeFilter{"tick", 1500, 1510});
  ASSERT_TRUE(pages.has_value());
  EXPECT_GT(pages->pages, 2);
  EXPECT_GE(pages->pages_kept, 1);
  EXPECT_LT(pages->pages_kept, pages->pages);
  EXPECT_EQ(pages->rows_kept, back.num_rows());
  const std::optional<PageDecision> none = reader->decide_pages(0, IntRangeFilter{"tick", 10000, std::nullopt});
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->pages_kept, 0);
  EXPECT_EQ(none->rows_kept, 0);
  EXPECT_THROW((void)reader->decide_pages(1, IntRangeFilter{"tick", 0, 1}), ParquetError);
}

TEST(ParquetReader, DecidePagesIsNulloptWithoutAPageIndex) {
  WriterOptions options;
  options.write_page_index = false;
  const auto reader = open_bytes(write(sample_frame(100), options));
  EXPECT_FALSE(reader->decide_pages(0, IntRangeFilter{"tick", 0, 10}).has_value());
}

TEST(ParquetReader, BatchesAreBoundedAndComplete) {
  const Frame frame = sample_frame(1234);
  WriterOptions options;
  options.row_group_size = 500;
  const auto reader = open_bytes(write(frame, options));
  auto batches =
      reader->batches({.columns = {}, .row_groups = {}, .filter = {}, .use_page_index = true, .batch_size = 200});
  int64_t offset = 0;
  while (auto batch = batches->next()) {
    EXPECT_LE(batch->num_rows(), 200);
    EXPECT_TRUE(batch->equals(frame.slice(offset, batch->num_rows())));
    offset += batch->num_rows();
  }
  EXPECT_EQ(offset, 1234);
}

TEST(ParquetReader, KeyValueMetadataAndSchemaTree) {
  WriterOptions options;
  options.key_value_metadata = {{"crv_table_name", "agents"}};
  const auto reader = open_bytes(write(sample_frame(10), options));
  EXPECT_EQ(reader->key_value_metadata().at("crv_table_name"), "agents");
  EXPECT_EQ(reader->schema_tree().children.size(), 6u);
  EXPECT_EQ(reader->frame_schema().size(), 6u);
  ASSERT_NE(reader->node_of({"st", "sx"}), nullptr);
  EXPECT_EQ(reader->node_of({"st", "sx"})->name, "sx");
  EXPECT_EQ(reader->node_of({"st", "sx"}), &reader->schema_tree().children[5].children[0]);
  EXPECT_EQ(reader->node_of({"missing"}), nullptr);
}

TEST(ParquetReader, RejectsDamagedFiles) {
  const std::vector<uint8_t> good = write(sample_frame(50));
  auto expect_error = [](std::vector<uint8_t> bytes, const std::string& needle) {
    try {
      (void)open_bytes(std::move(bytes))->read();
      ADD_FAILURE() << "no error, expected " << needle;
    } catch (const ParquetError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("test.parquet"), std::string::npos) << e.what();
    }
  };
  expect_error({'P', 'A', 'R', '1'}, "too small");
  auto bad_tail = good;
  bad_tail.at(bad_tail.size() - 1) = 'X';
  expect_error(bad_tail, "PAR1");
  auto encrypted = good;
  encrypted[encrypted.size() - 1] = 'E';
  expect_error(encrypted, "encrypted");
  auto bad_length = good;
  bad_length[bad_length.size() - 5] = 0x7F;
  expect_error(bad_length, "footer length");
  auto truncated = std::vector<uint8_t>(good.begin() + 100, good.end());
  truncated[0] = 'P', truncated[1] = 'A', truncated[2] = 'R', truncated[3] = '1';
  expect_error(truncated, "column");
}

TEST(ParquetReader, FileSourceReadsFromDisk) {
  const auto bytes = write(sample_frame(20));
  const std::string path = ::testing::TempDir() + "crv_reader_file_source.parquet";
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  const auto reader = FileReader::open(path);
  EXPECT_EQ(reader->name(), path);
  EXPECT_TRUE(reader->read().equals(sample_frame(20)));
  EXPECT_THROW((void)FileReader::open(path + ".missing"), ParquetError);
}

}  // namespace
}  // namespace crv::parquet
