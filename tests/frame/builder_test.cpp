#include <crv/frame/builder.hpp>
#include <crv/frame/kernels.hpp>

#include <gtest/gtest.h>

namespace crv::frame {
namespace {

TEST(Builder, NumericAndStringWithNulls) {
  Int64Builder ints;
  ints.reserve(3);
  ints.append(1);
  ints.append_null();
  ints.append(3);
  EXPECT_TRUE(ints.finish().equals(Column::from<int64_t>({1, std::nullopt, 3})));

  StringBuilder strs;
  strs.append("alpha");
  strs.append_null();
  strs.append("");
  EXPECT_TRUE(strs.finish().equals(Column::from<std::string>({"alpha", std::nullopt, ""})));

  BoolBuilder bools;
  for (int i = 0; i < 20; ++i) {
    if (i % 7 == 3) {
      bools.append_null();
    } else {
      bools.append(i % 2 == 0);
    }
  }
  Column b = bools.finish();
  EXPECT_EQ(b.length(), 20);
  EXPECT_EQ(b.null_count(), 3);
  EXPECT_TRUE(b.bool_value(18));
  EXPECT_TRUE(b.is_null(10));
  EXPECT_NO_THROW(b.validate());
}

TEST(Builder, AllValidHasNoBitmapAndBuilderIsReusable) {
  Float64Builder f;
  f.append(1.0);
  Column first = f.finish();
  EXPECT_EQ(first.data().validity, nullptr);
  f.append(2.0);
  Column second = f.finish();
  EXPECT_EQ(second.length(), 1);
  EXPECT_DOUBLE_EQ(second.value<double>(0), 2.0);
}

TEST(Builder, ListOfStructRowByRow) {
  auto type = list(struct_({{"id", int64()}, {"tag", utf8()}}));
  ListBuilder lists(type);
  auto& items = lists.items_as<StructBuilder>();
  auto& ids = items.child_as<Int64Builder>("id");
  auto& tags = items.child_as<StringBuilder>(1);

  lists.append();  // [{1,"a"},{2,null}]
  ids.append(1);
  tags.append("a");
  items.append();
  ids.append(2);
  tags.append_null();
  items.append();
  lists.append_empty();  // []
  lists.append_null();   // null
  lists.append();        // [null]
  items.append_null();

  Column c = lists.finish();
  EXPECT_TRUE(type_equals(c.type(), type));
  EXPECT_EQ(c.length(), 4);
  EXPECT_EQ(c.null_count(), 1);
  const int32_t* offsets = c.list_offsets();
  EXPECT_EQ(offsets[0], 0);
  EXPECT_EQ(offsets[1], 2);
  EXPECT_EQ(offsets[2], 2);
  EXPECT_EQ(offsets[3], 2);
  EXPECT_EQ(offsets[4], 3);
  Column inner = c.list_items();
  EXPECT_EQ(inner.null_count(), 1);
  EXPECT_EQ(inner.field("tag").null_count(), 2);
  EXPECT_NO_THROW(c.validate());
}

TEST(Builder, MakeForEveryType) {
  for (const TypePtr& type : {boolean(),
                              int8(),
                              int16(),
                              int32(),
                              int64(),
                              uint8(),
                              uint16(),
                              uint32(),
                              uint64(),
                              float32(),
                              float64(),
                              decimal128(9, 2),
                              date32(),
                              time32(TimeUnit::Milli),
                              time64(TimeUnit::Nano),
                              timestamp(TimeUnit::Micro, "UTC"),
                              binary(),
                              utf8(),
                              fixed_size_binary(2),
                              struct_({{"a", int64()}}),
                              list(list(utf8()))}) {
    auto builder = ArrayBuilder::make(type);
    builder->append_null();
    builder->append_null();
    Column c = builder->finish();
    EXPECT_TRUE(type_equals(c.type(), type)) << type->to_string();
    EXPECT_EQ(c.null_count(), 2);
    EXPECT_NO_THROW(c.validate()) << type->to_string();
  }
  EXPECT_THROW(Int32Builder{int64()}, FrameError);
}

TEST(Builder, FixedSizeBinaryChecksWidth) {
  FixedSizeBinaryBuilder b(fixed_size_binary(3));
  b.append(std::string_view("abc"));
  EXPECT_THROW(b.append(std::string_view("ab")), FrameError);
  EXPECT_EQ(b.finish().string_value(0), "abc");
}

TEST(FrameBuilder, RowByRow) {
  FrameBuilder fb;
  auto& tick = fb.add<Int64Builder>("tick");
  auto& name = fb.add<StringBuilder>("name");
  auto& score = fb.add(Field{"score", float64(), false});
  fb.reserve(3);
  for (int64_t i = 0; i < 3; ++i) {
    tick.append(i);
    name.append(i == 1 ? "b" : "a");
    static_cast<Float64Builder&>(score).append(0.5 * static_cast<double>(i));
  }
  Frame f = fb.finish();
  EXPECT_EQ(f.num_rows(), 3);
  EXPECT_EQ(f.names(), (std::vector<std::string>{"tick", "name", "score"}));
  EXPECT_FALSE(f.schema()[2].nullable);
  EXPECT_EQ(f.column("name").string_value(1), "b");

  FrameBuilder uneven;
  uneven.add<Int64Builder>("a").append(1);
  uneven.add<Int64Builder>("b");
  EXPECT_THROW(uneven.finish(), FrameError);
}

}  // namespace
}  // namespace crv::frame
