// The reader's column-parallel, straight-into-the-frame path: the same rows for any thread
// count, across row groups and files, for flat columns (the fast path) mixed with columns
// that go through record assembly.

#include <gtest/gtest.h>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/frame/kernels.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/writer.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace crv::parquet {
namespace {

using frame::Column;
using frame::Frame;

std::vector<uint8_t> write(const Frame& frame, const WriterOptions& options) {
  MemorySink sink;
  write_frame(frame, sink, options);
  return sink.take();
}

std::unique_ptr<FileReader> open_bytes(std::vector<uint8_t> bytes, const std::string& name = "test.parquet") {
  return FileReader::open(std::make_shared<MemorySource>(std::move(bytes), name));
}

// Flat columns of every kind the fast path takes (required and optional fixed-width,
// strings short and long, empty strings, all-null runs), plus columns it leaves to record
// assembly (bool, i8 from INT32, a list).
Frame mixed_frame(int64_t first, int64_t rows) {
  std::vector<int64_t> tick;
  std::vector<std::optional<std::string>> name;
  std::vector<std::optional<std::string>> text;
  std::vector<std::optional<double>> weight;
  std::vector<std::optional<int32_t>> count;
  std::vector<std::optional<bool>> flag;
  std::vector<std::optional<int8_t>> sign;
  std::vector<int32_t> offsets{0};
  std::vector<std::optional<int64_t>> items;
  for (int64_t i = first; i < first + rows; ++i) {
    tick.push_back(i / 10);
    name.push_back(i % 3 == 0 ? std::nullopt : std::optional<std::string>("agent_" + std::to_string(i * 7919 % 1000)));
    // Long values (past 16 bytes), empty values, and a stretch of nulls.
    text.push_back((i / 500) % 4 == 1
                       ? std::nullopt
                       : std::optional<std::string>(
                             i % 5 == 0 ? std::string()
                                        : std::string(static_cast<size_t>(i % 37), 'a' + static_cast<char>(i % 26))));
    weight.push_back(i % 4 == 0 ? std::nullopt : std::optional<double>(static_cast<double>(i) * 0.25));
    count.emplace_back(static_cast<int32_t>(i * 31));
    flag.push_back(i % 7 == 0 ? std::nullopt : std::optional<bool>(i % 2 == 0));
    sign.push_back(i % 2 == 0 ? std::optional<int8_t>(i % 3 == 0 ? 1 : -1) : std::nullopt);
    for (int64_t k = 0; k < i % 3; ++k) items.emplace_back(i + k);
    offsets.push_back(static_cast<int32_t>(items.size()));
  }
  return Frame({{"tick", Column::from<int64_t>(tick)},
                {"name", Column::from<std::string>(name)},
                {"text", Column::from<std::string>(text)},
                {"weight", Column::from<double>(weight)},
                {"count", Column::from<int32_t>(count)},
                {"flag", Column::from<bool>(flag)},
                {"sign", Column::from<int8_t>(sign)},
                {"items", Column::list_of(offsets, Column::from<int64_t>(items))}});
}

std::vector<WriterOptions> writer_variants() {
  std::vector<WriterOptions> variants;
  for (bool dictionary : {true, false}) {
    for (auto version : {DataPageVersion::V1, DataPageVersion::V2}) {
      WriterOptions options;
      options.dictionary = dictionary;
      options.data_page_version = version;
      options.row_group_size = 1500;
      options.data_page_size = 1024;
      // Small enough that long-string chunks fall back from dictionary to PLAIN pages.
      options.dictionary_page_size_limit = 600;
      variants.push_back(options);
    }
  }
  return variants;
}

TEST(ParquetReaderParallel, EveryThreadCountReadsTheSameRows) {
  const Frame frame = mixed_frame(0, 5000);
  for (const WriterOptions& options : writer_variants()) {
    const auto reader = open_bytes(write(frame, options));
    for (int threads : {1, 2, 3, 8}) {
      ReadOptions read;
      read.threads = threads;
      EXPECT_TRUE(reader->read(read).equals(frame)) << "threads=" << threads << " dictionary=" << options.dictionary;
      EXPECT_TRUE(reader->read_row_group(2, read).equals(frame.slice(3000, 1500))) << "threads=" << threads;
    }
  }
}

TEST(ParquetReaderParallel, PageIndexRowsMixWithWholeGroups) {
  const Frame frame = mixed_frame(0, 5000);
  WriterOptions options = writer_variants().front();
  const auto reader = open_bytes(write(frame, options));
  ReadOptions read;
  read.filter = IntRangeFilter{"tick", 120, 320};  // inside row groups 0 and 1, some pages only
  Frame one_thread;
  for (int threads : {1, 2}) {
    read.threads = threads;
    const Frame back = reader->read(read);
    ASSERT_GT(back.num_rows(), 0);
    // The kept pages form one run of rows around ticks [120, 320]; `count` is 31 * row.
    const int64_t first_row = back.column("count").value<int32_t>(0) / 31;
    EXPECT_LE(back.column("tick").value<int64_t>(0), 120);
    EXPECT_GE(back.column("tick").value<int64_t>(back.num_rows() - 1), 320);
    EXPECT_LT(back.num_rows(), frame.num_rows());
    EXPECT_TRUE(back.equals(frame.slice(first_row, back.num_rows())));
    if (threads == 1) {
      one_thread = back;
    } else {
      EXPECT_TRUE(back.equals(one_thread));
    }
  }
}

TEST(ParquetReaderParallel, ConcatenatedReadEqualsConcatenatedFrames) {
  const Frame a = mixed_frame(0, 2200);
  const Frame b = mixed_frame(2200, 3100);
  const Frame c = mixed_frame(5300, 10);
  WriterOptions options = writer_variants()[1];
  const auto ra = open_bytes(write(a, options), "a.parquet");
  const auto rb = open_bytes(write(b, options), "b.parquet");
  const auto rc = open_bytes(write(c, options), "c.parquet");
  ReadOptions second_group;
  second_group.row_groups = {1};
  for (int threads : {1, 2}) {
    const Frame all = FileReader::read_concatenated({{ra.get(), {}}, {rb.get(), {}}, {rc.get(), {}}}, threads);
    EXPECT_TRUE(all.equals(frame::concat(std::vector<Frame>{a, b, c}))) << "threads=" << threads;
    const Frame parts = FileReader::read_concatenated({{rb.get(), second_group}, {ra.get(), second_group}}, threads);
    EXPECT_TRUE(parts.equals(frame::concat(std::vector<Frame>{b.slice(1500, 1500), a.slice(1500, 700)})));
  }
  ReadOptions projected;
  projected.columns = {"name", "tick"};
  const Frame names = FileReader::read_concatenated({{rc.get(), projected}, {ra.get(), projected}});
  EXPECT_EQ(names.names(), (std::vector<std::string>{"name", "tick"}));
  EXPECT_EQ(names.num_rows(), 2210);
}

TEST(ParquetReaderParallel, ConcatenatedReadRejectsDifferentColumns) {
  const Frame a = mixed_frame(0, 100);
  const auto ra = open_bytes(write(a, {}), "a.parquet");
  const auto rb = open_bytes(write(a.select({"tick", "name"}), {}), "b.parquet");
  EXPECT_THROW((void)FileReader::read_concatenated({{ra.get(), {}}, {rb.get(), {}}}), ParquetError);
  EXPECT_THROW((void)FileReader::read_concatenated({}), ParquetError);
}

TEST(ParquetReaderParallel, DamagedFilesFailTheSameWayForAnyThreadCount) {
  const Frame frame = mixed_frame(0, 3000);
  const std::vector<uint8_t> bytes = write(frame, writer_variants().front());
  const auto outcome = [](const std::vector<uint8_t>& file, int threads) -> std::string {
    try {
      ReadOptions read;
      read.threads = threads;
      const Frame back = open_bytes(file)->read(read);
      return "rows " + std::to_string(back.num_rows());
    } catch (const ParquetError& e) {
      return std::string("error: ") + e.what();
    }
  };
  int errors = 0;
  for (size_t at = 64; at + 64 < bytes.size(); at += bytes.size() / 97) {
    std::vector<uint8_t> damaged = bytes;
    damaged[at] = static_cast<uint8_t>(damaged[at] ^ 0x5A);
    damaged[at + 1] = static_cast<uint8_t>(damaged[at + 1] + 77);
    const std::string single = outcome(damaged, 1);
    EXPECT_EQ(outcome(damaged, 2), single) << "byte " << at;
    errors += single.rfind("error", 0) == 0 ? 1 : 0;
  }
  EXPECT_GT(errors, 0);
}

}  // namespace
}  // namespace crv::parquet
