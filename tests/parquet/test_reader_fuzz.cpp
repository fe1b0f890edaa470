// Damaged files: random byte mutations of valid files (every writer variant) must read
// successfully or fail with ParquetError, never crash, hang or throw anything else.
#include <gtest/gtest.h>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/writer.hpp>

#include <exception>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <typeinfo>
#include <vector>

namespace crv::parquet {
namespace {

using frame::Column;
using frame::Frame;

Frame fuzz_frame() {
  std::vector<std::optional<int64_t>> a;
  std::vector<std::optional<std::string>> s;
  std::vector<int32_t> offsets{0};
  std::vector<std::optional<double>> items;
  for (int i = 0; i < 300; ++i) {
    a.push_back(i % 7 == 0 ? std::nullopt : std::optional<int64_t>(i * 3));
    s.push_back(i % 5 == 0 ? std::nullopt
                           : std::optional<std::string>(std::string("v").append(std::to_string(i % 17))));
    for (int k = 0; k < i % 3; ++k) items.emplace_back(i + k * 0.25);
    offsets.push_back(static_cast<int32_t>(items.size()));
  }
  Column list = Column::list_of(offsets, Column::from<double>(items));
  return Frame({{"a", Column::from<int64_t>(a)},
                {"s", Column::from<std::string>(s)},
                {"l", list},
                {"st", Column::struct_of({{"a", Column::from<int64_t>(a)}, {"s", Column::from<std::string>(s)}})}});
}

// Reads every way the API offers; returns an empty string or what went wrong.
std::string read_all_ways(std::vector<uint8_t> bytes) {
  try {
    const auto reader = FileReader::open(std::make_shared<MemorySource>(std::move(bytes), "fuzz.parquet"));
    (void)reader->read();
    ReadOptions filtered;
    filtered.filter = IntRangeFilter{"a", 100, 200};
    (void)reader->read(filtered);
    auto batches = reader->batches(
        {.columns = {"s", "l"}, .row_groups = {}, .filter = {}, .use_page_index = true, .batch_size = 64});
    while (batches->next()) {
    }
  } catch (const ParquetError&) {
    return "";
  } catch (const std::exception& e) {
    return std::string(typeid(e).name()) + ": " + e.what();
  }
  return "";
}

TEST(ParquetReaderFuzz, MutatedFilesGiveParquetErrorOrData) {
  const Frame frame = fuzz_frame();
  std::mt19937_64 rng(20250920);
  int files = 0;
  for (auto codec :
       {CompressionCodec::UNCOMPRESSED, CompressionCodec::SNAPPY, CompressionCodec::ZSTD, CompressionCodec::GZIP}) {
    for (auto version : {DataPageVersion::V1, DataPageVersion::V2}) {
      WriterOptions options;
      options.compression = codec;
      options.data_page_version = version;
      options.dictionary = (files % 2) == 0;
      options.row_group_size = 120;
      options.data_page_size = 256;
      MemorySink sink;
      write_frame(frame, sink, options);
      const std::vector<uint8_t> good = sink.take();
      ASSERT_EQ(read_all_ways(good), "");
      for (int round = 0; round < 400; ++round) {
        std::vector<uint8_t> bytes = good;
        const int mutations = 1 + static_cast<int>(rng() % 4);
        for (int m = 0; m < mutations; ++m) {
          const size_t at = rng() % bytes.size();
          switch (rng() % 3) {
            case 0: bytes[at] = static_cast<uint8_t>(rng()); break;
            case 1: bytes[at] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
            default: bytes[at] = (rng() % 2) ? 0xFF : 0x00; break;
          }
        }
        const std::string problem = read_all_ways(std::move(bytes));
        ASSERT_EQ(problem, "") << to_string(codec) << " round " << round;
      }
      // Truncations at random points.
      for (int round = 0; round < 20; ++round) {
        std::vector<uint8_t> bytes(good.begin(), good.begin() + static_cast<long>(rng() % good.size()));
        ASSERT_EQ(read_all_ways(std::move(bytes)), "");
      }
      ++files;
    }
  }
}

}  // namespace
}  // namespace crv::parquet
