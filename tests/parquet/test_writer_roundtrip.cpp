// Frames written by the writer and read back by the reader are equal to the originals.
#include <gtest/gtest.h>

#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/source.hpp>
#include <crv/parquet/writer.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parquet/writer_test_support.hpp"

namespace crv::parquet {
namespace {

namespace fr = crv::frame;

fr::Frame read_back(const fr::Frame& frame, const WriterOptions& options) {
  auto bytes = test::write_to_memory(frame, options);
  auto reader = FileReader::open(std::make_shared<MemorySource>(std::move(bytes)));
  return reader->read();
}

fr::Frame sample_frame() {
  const auto items = fr::Column::from<int64_t>({1, 2, std::nullopt, 3, 4, 5});
  const auto list = fr::Column::list_of({0, 2, 2, 2, 4, 6}, items, {true, false, true, true, true});
  const auto names = fr::Column::from<std::string>({"a", "", std::nullopt, "日本", "z"});
  const auto st =
      fr::Column::struct_of({{"x", fr::Column::from<double>({1.5, std::nullopt, -0.0, 4, 5})}, {"name", names}},
                            {true, true, false, true, true});
  return fr::Frame({{"id", fr::Column::from<int64_t>({10, 11, 12, 13, 14})},
                    {"flag", fr::Column::from<bool>({true, std::nullopt, false, true, false})},
                    {"u", fr::Column::from<uint32_t>({1, 4000000000U, std::nullopt, 0, 7})},
                    {"l", list},
                    {"s", st}});
}

TEST(ParquetWriterRoundTrip, EveryPageLayoutReadsBackEqual) {
  const auto frame = sample_frame();
  for (const bool dictionary : {true, false}) {
    for (const auto version : {DataPageVersion::V1, DataPageVersion::V2}) {
      WriterOptions o;
      o.dictionary = dictionary;
      o.data_page_version = version;
      o.row_group_size = 2;
      o.data_page_size = 8;
      const auto back = read_back(frame, o);
      EXPECT_TRUE(back.equals(frame)) << "dictionary " << dictionary << "\n" << back.to_string();
    }
  }
}

TEST(ParquetWriterRoundTrip, SlicedFramesInManyWrites) {
  std::vector<int64_t> v(1000);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(i * 7 % 13);
  const fr::Frame frame({{"v", fr::Column::from<int64_t>(v)}});
  MemorySink sink;
  WriterOptions o;
  o.row_group_size = 300;
  FileWriter w(sink, frame.schema(), o);
  for (int64_t at = 0; at < 1000; at += 90) w.write(frame.slice(at, std::min<int64_t>(90, 1000 - at)));
  w.close();
  auto reader = FileReader::open(std::make_shared<MemorySource>(sink.take()));
  EXPECT_EQ(reader->num_row_groups(), 4);
  EXPECT_TRUE(reader->read().equals(frame));
}

}  // namespace
}  // namespace crv::parquet
