#include <crv/frame/builder.hpp>
#include <crv/frame/frame.hpp>
#include <crv/frame/json.hpp>
#include <crv/frame/kernels.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace crv::frame {
namespace {

using nlohmann::json;

Column nested_column() {
  // list<struct{a: i64, tags: list<str>}>
  auto type = list(struct_({{"a", int64()}, {"tags", list(utf8())}}));
  std::vector<json> values = {json::parse(R"([{"a":1,"tags":["x","y"]},{"a":2,"tags":[]}])"), nullptr,
                              json::parse(R"([])"), json::parse(R"([{"a":null,"tags":null},{"a":4,"tags":["z"]}])"),
                              json::parse(R"([{"a":5,"tags":["w"]}])")};
  return column_from_json(values, type);
}

TEST(Kernels, FilterTakeSliceFlat) {
  Column c = Column::from<std::string>({"a", std::nullopt, "c", "d"});
  EXPECT_TRUE(filter(c, std::vector<bool>{true, true, false, true})
                  .equals(Column::from<std::string>({"a", std::nullopt, "d"})));
  EXPECT_TRUE(
      filter(c, Column::from<bool>({false, std::nullopt, true, false})).equals(Column::from<std::string>({"c"})));
  EXPECT_TRUE(take(c, {3, 0, 0}).equals(Column::from<std::string>({"d", "a", "a"})));
  EXPECT_THROW(take(c, {4}), FrameError);
  EXPECT_THROW(filter(c, std::vector<bool>{true}), FrameError);

  Column bools = Column::from<bool>({true, false, std::nullopt, true, true, false, false, true, true, false});
  EXPECT_TRUE(take(bools.slice(3, 7), {0, 4, 6}).equals(Column::from<bool>({true, true, false})));
}

TEST(Kernels, ConcatWithOffsetsAndNulls) {
  Column a = Column::from<int32_t>({1, std::nullopt, 3}).slice(1, 2);
  Column b = Column::from<int32_t>({4, 5});
  EXPECT_TRUE(concat({a, b}).equals(Column::from<int32_t>({std::nullopt, 3, 4, 5})));
  Column s1 = Column::from<std::string>({"ab", "cd", "ef"}).slice(1, 2);
  Column s2 = Column::from<std::string>({std::nullopt, "g"});
  EXPECT_TRUE(concat({s1, s2}).equals(Column::from<std::string>({"cd", "ef", std::nullopt, "g"})));
  EXPECT_THROW(concat({a, s1}), FrameError);
}

TEST(Kernels, NestedSliceTakeFilterConcatAgree) {
  Column c = nested_column();
  ASSERT_NO_THROW(c.validate());
  Column sliced = c.slice(2, 3);
  Column taken = take(c, {2, 3, 4});
  EXPECT_TRUE(sliced.equals(taken));
  EXPECT_TRUE(filter(c, std::vector<uint8_t>{0, 0, 1, 1, 1}).equals(sliced));
  Column joined = concat({c.slice(0, 2), c.slice(2, 3)});
  EXPECT_TRUE(joined.equals(c));
  EXPECT_NO_THROW(joined.validate());
  EXPECT_EQ(value_to_json(taken, 1), json::parse(R"([{"a":null,"tags":null},{"a":4,"tags":["z"]}])"));
  EXPECT_FALSE(take(c, {0}).equals(take(c, {4})));
}

TEST(Kernels, EqualsTreatsNanAsEqualAndIgnoresValuesUnderNulls) {
  const double nan = std::nan("");
  EXPECT_TRUE(equals(Column::from<double>({nan, 1.0}), Column::from<double>({nan, 1.0})));
  EXPECT_FALSE(equals(Column::from<double>({nan}), Column::from<double>({1.0})));
  Float64Builder b;
  b.append_null();
  Column x = b.finish();
  EXPECT_TRUE(equals(x, Column::from<double>({std::nullopt})));
  EXPECT_FALSE(equals(Column::from<int64_t>({1}), Column::from<int32_t>({1})));
}

TEST(FrameKernels, FrameOperations) {
  Frame f{{"tick", Column::from<int64_t>({0, 1, 2, 3})},
          {"name", Column::from<std::string>({"a", std::nullopt, "c", "d"})}};
  EXPECT_EQ(f.num_rows(), 4);
  Frame even = f.filter(std::vector<bool>{true, false, true, false});
  EXPECT_TRUE(even.column("tick").equals(Column::from<int64_t>({0, 2})));
  EXPECT_TRUE(f.slice(1, 2).equals(f.take({1, 2})));
  Frame both = concat({f.slice(0, 2), f.slice(2, 2)});
  EXPECT_TRUE(both.equals(f));
  EXPECT_FALSE(f.equals(f.select({"name", "tick"})));
  EXPECT_THROW(f.column("nope"), FrameError);
  try {
    (void)f.column("nope");
  } catch (const FrameError& e) {
    EXPECT_NE(std::string(e.what()).find("tick, name"), std::string::npos);
  }
  Frame more = f.with_column("score", Column::from<double>({1, 2, 3, 4}));
  EXPECT_EQ(more.num_columns(), 3u);
  EXPECT_EQ(more.drop("tick").names(), (std::vector<std::string>{"name", "score"}));
  Frame replaced = f.with_column("tick", Column::from<int64_t>({9, 9, 9, 9}));
  EXPECT_EQ(replaced.index_of("tick"), 0u);
  EXPECT_THROW(f.with_column("x", Column::from<int64_t>({1})), FrameError);
  EXPECT_THROW((Frame{{"a", Column::from<int64_t>({1})}, {"a", Column::from<int64_t>({2})}}), FrameError);
  EXPECT_THROW(Frame::make({Field{"a", int64(), false}}, {Column::from<int64_t>({std::nullopt})}), FrameError);
}

}  // namespace
}  // namespace crv::frame
