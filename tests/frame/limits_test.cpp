// The limits the writer and the Parquet reader share (crv/frame/limits.hpp), as the frame
// layer finds them: nesting depth, leaf columns, the length of one string or binary value;
// and the Arrow C Data Interface import, which refuses a column over them.

#include <crv/frame/arrow_c_data.hpp>
#include <crv/frame/json.hpp>
#include <crv/frame/limits.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crv::frame {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

/// A struct column `levels` deep ({"a": {"a": ... 7}}), one row.
Column deep_struct(int levels) {
  TypePtr type = int64();
  json value = 7;
  for (int i = 0; i < levels; ++i) {
    type = struct_({{"a", type}});
    value = json{{"a", value}};
  }
  return column_from_json({value}, type);
}

TEST(Limits, NestingDepthCountsStructAndListLevels) {
  EXPECT_EQ(nesting_depth(*int64()), 0);
  EXPECT_EQ(nesting_depth(*struct_({{"a", int64()}})), 1);
  EXPECT_EQ(nesting_depth(*list(struct_({{"a", int64()}, {"b", list(utf8())}}))), 3);
  EXPECT_EQ(nesting_depth(*deep_struct(kMaxNestingDepth).type()), kMaxNestingDepth);
  EXPECT_EQ(leaf_columns(*int64()), 1);
  EXPECT_EQ(leaf_columns(*list(struct_({{"a", int64()}, {"b", list(utf8())}, {"c", struct_({{"d", int64()}})}}))), 3);
}

TEST(Limits, ADeeperColumnIsNamedWithTheLimit) {
  const Frame at_limit{{"tick", Column::from<int64_t>({1})}, {"payload", deep_struct(kMaxNestingDepth)}};
  EXPECT_FALSE(find_limit_violation(at_limit).has_value());

  const Frame over{{"tick", Column::from<int64_t>({1})}, {"payload", deep_struct(kMaxNestingDepth + 1)}};
  const auto violation = find_limit_violation(over);
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->column, "payload");
  EXPECT_THAT(violation->problem, HasSubstr("column 'payload' is nested 65 levels deep, more than the limit of 64"));
  EXPECT_FALSE(violation->advice.empty());
}

TEST(Limits, TooManyLeafColumns) {
  std::vector<Field> fields;
  for (int64_t i = 0; i < kMaxLeafColumns; ++i) fields.push_back({"c" + std::to_string(i), int64()});
  EXPECT_FALSE(find_schema_limit_violation(fields).has_value());
  // One struct more with two leaves: over the limit although the columns are not.
  fields.push_back({"s", struct_({{"x", int64()}, {"y", utf8()}})});
  const auto violation = find_schema_limit_violation(fields);
  ASSERT_TRUE(violation.has_value());
  EXPECT_THAT(violation->problem, HasSubstr("10002 leaf columns"));
  EXPECT_THAT(violation->problem, HasSubstr("limit of 10000"));
}

TEST(Limits, AStringValueLongerThanTheLimitIsNamedWithItsRow) {
  const std::string at_limit(static_cast<size_t>(kMaxValueBytes), 'x');
  const std::string over(static_cast<size_t>(kMaxValueBytes) + 1, 'y');
  EXPECT_FALSE(find_limit_violation(Frame{{"s", Column::from<std::string>({"a", at_limit, "b"})}}).has_value());

  const auto flat = find_limit_violation(Frame{{"s", Column::from<std::string>({"a", at_limit, over})}});
  ASSERT_TRUE(flat.has_value());
  EXPECT_EQ(flat->column, "s");
  EXPECT_THAT(flat->problem,
              HasSubstr("column 's', row 2: a value of 67108865 bytes, more than the limit of 67108864"));

  // Nested in a list of structs: the row is the list's row, not the item's.
  const Column items = Column::struct_of({{"text", Column::from<std::string>({"a", "b", "c", over})}});
  const Column lists = Column::list_of({0, 2, 2, 4}, items);
  const auto nested = find_limit_violation(Frame{{"legs", lists}});
  ASSERT_TRUE(nested.has_value());
  EXPECT_THAT(nested->problem, HasSubstr("column 'legs', row 2:"));
}

TEST(Limits, ArrowImportRefusesAColumnOverTheLimitAndTakesOneAtIt) {
  const Frame at_limit{{"payload", deep_struct(kMaxNestingDepth)}};
  ArrowArray array;
  ArrowSchema schema;
  export_frame(at_limit, &array, &schema);
  const Frame back = import_frame(&array, &schema);
  EXPECT_TRUE(back.column("payload").equals(at_limit.column("payload")));

  export_frame(Frame{{"payload", deep_struct(kMaxNestingDepth + 1)}}, &array, &schema);
  try {
    import_frame(&array, &schema);
    FAIL() << "a column 65 levels deep was imported";
  } catch (const FrameError& e) {
    EXPECT_THAT(e.what(), HasSubstr("column 'payload' is nested 65 levels deep, more than the limit of 64"));
  }
  EXPECT_EQ(array.release, nullptr);  // released by the failed import, not leaked

  export_column(deep_struct(kMaxNestingDepth + 1), "payload", &array, &schema);
  EXPECT_THROW(import_column(&array, &schema), FrameError);
}

}  // namespace
}  // namespace crv::frame
