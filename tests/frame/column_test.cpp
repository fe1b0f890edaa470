#include <crv/frame/column.hpp>
#include <crv/frame/kernels.hpp>

#include <gtest/gtest.h>

#include <cstdint>

namespace crv::frame {
namespace {

TEST(Column, FromVectorsAndOptionals) {
  Column ints = Column::from<int64_t>({0, 1, 2});
  EXPECT_EQ(ints.type()->to_string(), "i64");
  EXPECT_EQ(ints.length(), 3);
  EXPECT_EQ(ints.null_count(), 0);
  EXPECT_EQ(ints.value<int64_t>(2), 2);

  Column names = Column::from<std::string>({"a", std::nullopt, "c"});
  EXPECT_EQ(names.null_count(), 1);
  EXPECT_TRUE(names.is_null(1));
  EXPECT_EQ(names.string_value(2), "c");

  Column flags = Column::from(std::vector<bool>{true, false, true});
  EXPECT_TRUE(flags.bool_value(0));
  EXPECT_FALSE(flags.bool_value(1));

  Column doubles = Column::from(std::vector<std::optional<double>>{1.5, std::nullopt});
  EXPECT_EQ(doubles.type()->to_string(), "f64");
  EXPECT_DOUBLE_EQ(doubles.value<double>(0), 1.5);
  EXPECT_TRUE(doubles.is_null(1));
  EXPECT_EQ(Column::from<float>({1.0f}).type()->to_string(), "f32");
  EXPECT_EQ(Column::from<int32_t>({7}).type()->to_string(), "i32");
}

TEST(Column, BuffersAreAligned) {
  Column c = Column::from<int64_t>({1, 2, 3});
  EXPECT_EQ(reinterpret_cast<uintptr_t>(c.data().values->data()) % 64, 0u);
}

TEST(Column, SliceAppliesOffsetEverywhere) {
  Column c = Column::from<int32_t>({10, std::nullopt, 30, 40, std::nullopt});
  Column s = c.slice(1, 3);
  EXPECT_EQ(s.length(), 3);
  EXPECT_EQ(s.offset(), 1);
  EXPECT_EQ(s.null_count(), 1);
  EXPECT_TRUE(s.is_null(0));
  EXPECT_EQ(s.value<int32_t>(1), 30);
  EXPECT_EQ(s.values<int32_t>()[2], 40);
  EXPECT_THROW(c.slice(3, 3), FrameError);

  Column strs = Column::from<std::string>({"x", "yy", "zzz"}).slice(1, 2);
  EXPECT_EQ(strs.string_value(0), "yy");
  EXPECT_EQ(strs.list_offsets()[0], 1);
  EXPECT_EQ(strs.list_offsets()[2], 6);
}

TEST(Column, StructChildrenAreSlicedWithTheStruct) {
  Column s =
      Column::struct_of({{"a", Column::from<int64_t>({1, 2, 3})}, {"b", Column::from<std::string>({"x", "y", "z"})}},
                        {true, false, true});
  EXPECT_EQ(s.type()->to_string(), "struct{a: i64, b: str}");
  EXPECT_EQ(s.null_count(), 1);
  Column tail = s.slice(1, 2);
  EXPECT_EQ(tail.child(0).length(), 2);
  EXPECT_EQ(tail.child(0).value<int64_t>(0), 2);
  EXPECT_EQ(tail.field("b").string_value(1), "z");
  EXPECT_THROW(tail.field("missing"), FrameError);
}

TEST(Column, ListOfStruct) {
  Column items = Column::struct_of({{"k", Column::from<int64_t>({1, 2, 3})}});
  Column lists = Column::list_of({0, 2, 2, 3}, items, {true, true, false});
  EXPECT_EQ(lists.type()->to_string(), "list[struct{k: i64}]");
  EXPECT_EQ(lists.list_offsets()[1], 2);
  EXPECT_TRUE(lists.is_null(2));
  EXPECT_EQ(lists.list_items().length(), 3);
  EXPECT_THROW(Column::list_of({0, 5}, items), FrameError);  // offset past the items
}

TEST(Column, NullsOfAnyType) {
  for (const TypePtr& type : {boolean(), int64(), utf8(), decimal128(5, 2), fixed_size_binary(4),
                              struct_({{"a", list(int32())}}), list(struct_({{"x", utf8()}}))}) {
    Column c = Column::nulls(type, 5);
    EXPECT_EQ(c.length(), 5);
    EXPECT_EQ(c.null_count(), 5);
    EXPECT_NO_THROW(c.validate()) << type->to_string();
  }
}

TEST(Column, ValidateRejectsBrokenLayouts) {
  ArrayData d;
  d.type = int64();
  d.length = 4;
  d.values = Buffer::allocate(3 * 8);
  EXPECT_THROW(Column::make(d), FrameError);

  ArrayData s;
  s.type = utf8();
  s.length = 2;
  s.values = Buffer::allocate(12);
  auto* offsets = s.values->mutable_data_as<int32_t>();
  offsets[0] = 0;
  offsets[1] = 3;
  offsets[2] = 1;  // decreasing
  s.data = Buffer::allocate(3);
  EXPECT_THROW(Column::make(s), FrameError);

  ArrayData n;
  n.type = int32();
  n.length = 8;
  n.null_count = kUnknownNullCount;
  n.values = Buffer::allocate(32, true);
  n.validity = Buffer::allocate(1, true);
  n.validity->mutable_data()[0] = 0x0F;
  Column computed = Column::make(n);
  EXPECT_EQ(computed.null_count(), 4);
}

TEST(BufferBuilder, GrowsAndFinishesWithoutCopy) {
  BufferBuilder b;
  for (int64_t i = 0; i < 1000; ++i) b.append_value(i);
  EXPECT_EQ(b.size(), 8000);
  const uint8_t* before = b.data();
  auto buffer = b.finish();
  EXPECT_EQ(buffer->data(), before);
  EXPECT_EQ(buffer->size(), 8000);
  EXPECT_EQ(buffer->data_as<int64_t>()[999], 999);
  EXPECT_EQ(b.size(), 0);
}

}  // namespace
}  // namespace crv::frame
