#include <crv/frame/data_type.hpp>
#include <crv/frame/error.hpp>

#include <gtest/gtest.h>

namespace crv::frame {
namespace {

TEST(DataType, PolarsLikeNames) {
  EXPECT_EQ(boolean()->to_string(), "bool");
  EXPECT_EQ(int8()->to_string(), "i8");
  EXPECT_EQ(uint64()->to_string(), "u64");
  EXPECT_EQ(float32()->to_string(), "f32");
  EXPECT_EQ(decimal128(10, 2)->to_string(), "decimal(10,2)");
  EXPECT_EQ(date32()->to_string(), "date");
  EXPECT_EQ(time32(TimeUnit::Milli)->to_string(), "time32[ms]");
  EXPECT_EQ(time64(TimeUnit::Micro)->to_string(), "time64[us]");
  EXPECT_EQ(timestamp(TimeUnit::Micro, "UTC")->to_string(), "datetime[us, UTC]");
  EXPECT_EQ(timestamp(TimeUnit::Nano)->to_string(), "datetime[ns]");
  EXPECT_EQ(binary()->to_string(), "binary");
  EXPECT_EQ(utf8()->to_string(), "str");
  EXPECT_EQ(fixed_size_binary(16)->to_string(), "fixed_size_binary[16]");
  EXPECT_EQ(struct_({{"a", int64()}, {"b", utf8()}})->to_string(), "struct{a: i64, b: str}");
  EXPECT_EQ(list(struct_({{"a", int64()}}))->to_string(), "list[struct{a: i64}]");
}

TEST(DataType, ArrowFormats) {
  EXPECT_EQ(boolean()->arrow_format(), "b");
  EXPECT_EQ(int8()->arrow_format(), "c");
  EXPECT_EQ(int64()->arrow_format(), "l");
  EXPECT_EQ(uint32()->arrow_format(), "I");
  EXPECT_EQ(float64()->arrow_format(), "g");
  EXPECT_EQ(decimal128(38, 9)->arrow_format(), "d:38,9");
  EXPECT_EQ(date32()->arrow_format(), "tdD");
  EXPECT_EQ(time32(TimeUnit::Second)->arrow_format(), "tts");
  EXPECT_EQ(time64(TimeUnit::Nano)->arrow_format(), "ttn");
  EXPECT_EQ(timestamp(TimeUnit::Second, "UTC")->arrow_format(), "tss:UTC");
  EXPECT_EQ(timestamp(TimeUnit::Micro)->arrow_format(), "tsu:");
  EXPECT_EQ(utf8()->arrow_format(), "u");
  EXPECT_EQ(binary()->arrow_format(), "z");
  EXPECT_EQ(fixed_size_binary(16)->arrow_format(), "w:16");
  EXPECT_EQ(struct_({{"a", int64()}})->arrow_format(), "+s");
  EXPECT_EQ(list(int64())->arrow_format(), "+l");
}

TEST(DataType, WidthsAndPredicates) {
  EXPECT_EQ(boolean()->bit_width(), 1);
  EXPECT_EQ(int16()->bit_width(), 16);
  EXPECT_EQ(decimal128(5, 1)->bit_width(), 128);
  EXPECT_EQ(decimal128(5, 1)->byte_width(), 16);
  EXPECT_EQ(fixed_size_binary(3)->bit_width(), 24);
  EXPECT_EQ(utf8()->bit_width(), 0);
  EXPECT_TRUE(uint8()->is_integer());
  EXPECT_FALSE(uint8()->is_signed_integer());
  EXPECT_TRUE(float32()->is_floating());
  EXPECT_TRUE(float32()->is_numeric());
  EXPECT_FALSE(decimal128(5, 1)->is_numeric());
  EXPECT_TRUE(utf8()->is_binary_like());
  EXPECT_TRUE(list(int64())->is_nested());
  EXPECT_TRUE(timestamp(TimeUnit::Micro)->is_fixed_width());
}

TEST(DataType, DeepEquality) {
  EXPECT_TRUE(struct_({{"a", int64()}})->equals(*struct_({{"a", int64()}})));
  EXPECT_FALSE(struct_({{"a", int64()}})->equals(*struct_({{"b", int64()}})));
  EXPECT_FALSE(struct_({{"a", int64(), true}})->equals(*struct_({{"a", int64(), false}})));
  EXPECT_FALSE(list(int64())->equals(*list(int64(), false)));
  EXPECT_FALSE(timestamp(TimeUnit::Micro)->equals(*timestamp(TimeUnit::Micro, "UTC")));
  EXPECT_FALSE(decimal128(10, 2)->equals(*decimal128(10, 3)));
  EXPECT_EQ(list(int64())->item_field().name, "item");
  EXPECT_EQ(*struct_({{"x", utf8()}, {"y", int32()}})->field_index("y"), 1u);
}

TEST(DataType, InvalidParametersThrow) {
  EXPECT_THROW(decimal128(0, 0), FrameError);
  EXPECT_THROW(decimal128(10, 11), FrameError);
  EXPECT_THROW(time32(TimeUnit::Micro), FrameError);
  EXPECT_THROW(time64(TimeUnit::Second), FrameError);
  EXPECT_THROW(int64()->item_type(), FrameError);
}

}  // namespace
}  // namespace crv::frame
