#include <crv/frame/conform.hpp>
#include <crv/frame/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace crv::frame {
namespace {

using ::testing::HasSubstr;

Frame sample() {
  return Frame({{"tick", Column::from<int64_t>({1, 2, 3})},
                {"weight", Column::from<double>({0.5, std::nullopt, 2.0})},
                {"name", Column::from<std::string>({"a", "b", "c"})}});
}

std::string conform_error(const Frame& frame, const std::vector<Field>& requested) {
  try {
    conform(frame, requested);
  } catch (const FrameError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Conform, ItsOwnSchemaSharesEveryColumn) {
  const Frame frame = sample();
  const Frame out = conform(frame, frame.schema());
  ASSERT_TRUE(out.equals(frame));
  for (size_t i = 0; i < frame.num_columns(); ++i)
    EXPECT_EQ(out.column(i).data_ptr().get(), frame.column(i).data_ptr().get()) << "column " << i << " was copied";
}

TEST(Conform, CastsTheColumnsWhoseTypeDiffers) {
  const Frame out = conform(sample(), {{"tick", int32(), true}, {"weight", float64(), true}, {"name", utf8(), true}});
  EXPECT_TRUE(out.schema()[0].type->equals(*int32()));
  EXPECT_TRUE(out.column(0).equals(Column::from<int32_t>({1, 2, 3})));
  EXPECT_TRUE(out.column(1).equals(sample().column(1)));
}

TEST(Conform, NumbersAsStrings) {
  const Frame out = conform(sample(), {{"tick", utf8(), true}, {"weight", utf8(), true}, {"name", utf8(), true}});
  EXPECT_TRUE(out.column(0).equals(Column::from<std::string>({"1", "2", "3"})));
  EXPECT_TRUE(out.column(1).equals(Column::from<std::string>({"0.5", std::nullopt, "2.0"}))) << out.to_string();
}

TEST(Conform, AValueThatDoesNotConvertExactlyIsAnErrorNotANull) {
  const Frame frame({{"x", Column::from<int64_t>({1, 300, 2})}});
  EXPECT_THAT(conform_error(frame, {{"x", int8(), true}}),
              AllOf(HasSubstr("column 'x' row 1"), HasSubstr("300"), HasSubstr("to i8")));
}

TEST(Conform, NullsInAColumnRequestedNotNullAreAnError) {
  EXPECT_THAT(conform_error(sample(), {{"tick", int64(), false}, {"weight", float64(), false}, {"name", utf8(), true}}),
              AllOf(HasSubstr("'weight' has 1 nulls"), HasSubstr("not null")));
  const Frame out = conform(sample(), {{"tick", int64(), false}, {"weight", float64(), true}, {"name", utf8(), true}});
  EXPECT_FALSE(out.schema()[0].nullable);
}

TEST(Conform, NamesAndTheirOrderMustMatch) {
  EXPECT_THAT(conform_error(sample(), {{"tick", int64(), true}}), HasSubstr("1 columns [tick], the data 3 columns"));
  EXPECT_THAT(conform_error(sample(), {{"tick", int64(), true}, {"name", utf8(), true}, {"weight", float64(), true}}),
              AllOf(HasSubstr("column 1 is 'name', the data's is 'weight'")));
}

TEST(Conform, NestedColumnsOnlyInTheirOwnType) {
  const TypePtr point = struct_({{"x", int64(), true}});
  const Frame frame({{"p", Column::from<int64_t>({1})}});
  EXPECT_THAT(conform_error(frame, {{"p", point, true}}), HasSubstr("nested columns are given only in their own type"));
  EXPECT_THAT(conform_error(frame, {{"p", timestamp(TimeUnit::Micro), true}}), HasSubstr("no cast between"));
}

}  // namespace
}  // namespace crv::frame
