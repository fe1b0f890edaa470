// The Parquet reader and the limits it shares with crv-io's writer (crv/frame/limits.hpp):
// a column at the nesting limit reads back however Parquet stores it (a list is two more
// schema levels, so such a column can be 129 levels deep), one level more is refused with a
// ParquetError naming the file and the column.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/frame/json.hpp>
#include <crv/frame/limits.hpp>
#include <crv/parquet/error.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/source.hpp>
#include <crv/parquet/writer.hpp>

#include <memory>
#include <vector>

namespace crv::parquet {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

/// A column `levels` deep, one row: lists of one item, the outermost level a struct.
frame::Column deep_lists(int levels) {
  frame::TypePtr type = frame::int64();
  json value = 7;
  for (int i = 0; i < levels; ++i) {
    const bool outermost = i + 1 == levels;
    type = outermost ? frame::struct_({{"a", type}}) : frame::list(type);
    value = outermost ? json{{"a", value}} : json::array({value});
  }
  return frame::column_from_json({value}, type);
}

std::unique_ptr<FileReader> write_and_open(const frame::Frame& frame) {
  MemorySink sink;
  write_frame(frame, sink, {});
  return FileReader::open(std::make_shared<MemorySource>(sink.take(), "deep.parquet"));
}

TEST(ParquetReaderLimits, AColumnAtTheNestingLimitReadsBack) {
  const frame::Frame frame{{"payload", deep_lists(frame::kMaxNestingDepth)}};
  const frame::Frame back = write_and_open(frame)->read();
  EXPECT_TRUE(back.column("payload").equals(frame.column("payload")));
}

/// A struct column `levels` deep, one row.
frame::Column deep_structs(int levels) {
  frame::TypePtr type = frame::int64();
  json value = 7;
  for (int i = 0; i < levels; ++i) {
    type = frame::struct_({{"a", type}});
    value = json{{"a", value}};
  }
  return frame::column_from_json({value}, type);
}

TEST(ParquetReaderLimits, AColumnDeeperThanTheLimitIsRefusedNamingIt) {
  // The Parquet writer is a general one and writes them; crv-io's append refuses them first.
  // Structs: 66 schema levels, refused once mapped; lists: 130, refused by the tree's bound.
  for (const frame::Column& column :
       {deep_structs(frame::kMaxNestingDepth + 1), deep_lists(frame::kMaxNestingDepth + 1)}) {
    const frame::Frame frame{{"tick", frame::Column::from<int64_t>({1})}, {"payload", column}};
    try {
      write_and_open(frame)->read();
      FAIL() << "read a column 65 levels deep";
    } catch (const ParquetError& e) {
      EXPECT_THAT(e.what(), HasSubstr("deep.parquet"));
      EXPECT_THAT(e.what(), HasSubstr("column 'payload' is nested"));
      EXPECT_THAT(e.what(), HasSubstr("limit of 64"));
    }
  }
}

}  // namespace
}  // namespace crv::parquet
