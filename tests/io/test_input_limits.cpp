// The limits the writer and the reader share (crv/frame/limits.hpp), checked on append: a
// column over a limit is refused with nothing written, and a column at the limit is stored
// and read back (by a read, and by the rebuild walk, which used to drop such parts).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "crv/frame/json.hpp"
#include "crv/frame/limits.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/env.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/rebuild.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::TempRoot;

constexpr auto kExchange = core::TableName::Exchange;

/// A struct `levels` deep: {"a": {"a": ... 7}}; with `lists`, every level but the outermost
/// a list of one item, which Parquet stores 2 schema levels deep each (1 + 1 + 2 * 63).
frame::Column payload(int levels, bool lists = false) {
  frame::TypePtr type = frame::int64();
  json value = 7;
  for (int i = 0; i < levels; ++i) {
    const bool as_list = lists && i + 1 < levels;  // the outermost level stays a struct
    type = as_list ? frame::list(type) : frame::struct_({{"a", type}});
    value = as_list ? json::array({value}) : json{{"a", value}};
  }
  return frame::column_from_json({value, value}, type);
}

frame::Frame exchange_rows(const frame::Column& additional_payload) {
  return frame::Frame{
      {"tick", frame::Column::from<std::int64_t>({3, 250})},
      {"venue_id", frame::Column::from<std::string>({"v", "v"})},
      {"token_id", frame::Column::from<std::string>({"T", "T"})},
      {"exchange_event_type", frame::Column::from<std::string>({"trade", "gift"})},
      {"additional_payload", additional_payload},
  };
}

void expect_refused(Dataset& dataset, const frame::Frame& rows, const AppendOptions& options, const std::string& what) {
  try {
    dataset.append(kExchange, rows, options);
    FAIL() << "appended " << what;
  } catch (const IoSchemaError& e) {
    EXPECT_THAT(e.what(), HasSubstr("table 'exchange'"));
    EXPECT_THAT(e.what(), HasSubstr("column 'additional_payload'"));
    EXPECT_THAT(e.what(), HasSubstr("more than the limit of"));
    EXPECT_THAT(e.what(), HasSubstr("Nothing was appended"));
  }
}

TEST(InputLimits, AStructDeeperThanTheLimitIsRefusedWithNothingWritten) {
  for (const bool streaming : {false, true}) {
    TempRoot root;
    const IoSettings settings = streaming ? root.streaming_settings() : root.settings();
    Dataset dataset(settings, "run_deep");
    // 99 deep: what used to be acknowledged and then unreadable; and one over the limit.
    for (const int levels : {99, frame::kMaxNestingDepth + 1}) {
      for (const bool validate : {true, false}) {
        expect_refused(dataset, exchange_rows(payload(levels)), {.validate_schema = validate},
                       std::to_string(levels) + " levels deep");
      }
    }
    EXPECT_EQ(dataset.read(kExchange).num_rows(), 0);
    EXPECT_TRUE(testing::files_ending_with(root.path(), ".parquet").empty());
  }
}

TEST(InputLimits, AStructAtTheLimitIsStoredAndReadBack) {
  for (const bool lists : {false, true}) {
    for (const bool streaming : {false, true}) {
      TempRoot root;
      const IoSettings settings = streaming ? root.streaming_settings() : root.settings();
      const frame::Frame rows = exchange_rows(payload(frame::kMaxNestingDepth, lists));
      {
        Dataset dataset(settings, "run_deep");
        dataset.append(kExchange, rows);
        const frame::Frame back = dataset.read(kExchange);
        ASSERT_EQ(back.num_rows(), 2);
        EXPECT_TRUE(back.column("additional_payload").equals(rows.column("additional_payload")))
            << "lists " << lists << ", streaming " << streaming;
      }
      if (streaming) continue;  // the rows are inline in the log; the walk sees parts only
      const RebuildResult rebuilt = scan_table_files(Env::posix(), settings, "run_deep", kExchange);
      EXPECT_TRUE(rebuilt.unreadable.empty()) << rebuilt.unreadable.front().error;
      EXPECT_EQ(rebuilt.manifest.total_rows(), 2);
    }
  }
}

TEST(InputLimits, AStringLongerThanTheLimitIsRefusedNamingItsRow) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_long");
  frame::Frame rows = exchange_rows(payload(1));
  const std::string long_id(static_cast<std::size_t>(frame::kMaxValueBytes) + 1, 'v');
  rows = rows.drop("venue_id").with_column("venue_id", frame::Column::from<std::string>({"v", long_id}));
  try {
    dataset.append(kExchange, rows);
    FAIL() << "appended a value of more than 64 MiB";
  } catch (const IoSchemaError& e) {
    EXPECT_THAT(e.what(), HasSubstr("table 'exchange': column 'venue_id', row 1: a value of 67108865 bytes"));
  }
  EXPECT_TRUE(testing::files_ending_with(root.path(), ".parquet").empty());
}

}  // namespace
}  // namespace crv::io
