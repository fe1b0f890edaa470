#include <gtest/gtest.h>

#include "crv/core/dtype.hpp"
#include "crv/core/error.hpp"

namespace crv::core {
namespace {

TEST(DType, Names) {
  EXPECT_EQ(to_string(DType::I64), "i64");
  EXPECT_EQ(to_string(DType::F64), "f64");
  EXPECT_EQ(to_string(DType::Str), "str");
  EXPECT_EQ(to_string(DType::Struct), "struct");
  EXPECT_EQ(to_string(DType::ListStruct), "list[struct]");
}

TEST(DType, ParsesItsNames) {
  for (DType dtype : {DType::I64, DType::F64, DType::Str, DType::Struct, DType::ListStruct}) {
    EXPECT_EQ(parse_dtype(to_string(dtype)), dtype);
  }
  EXPECT_EQ(try_parse_dtype("list"), std::nullopt);
  EXPECT_EQ(try_parse_dtype("I64"), std::nullopt);
  EXPECT_THROW(parse_dtype("int64"), CoreError);
}

}  // namespace
}  // namespace crv::core
