#include <crv/frame/cast.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace crv::frame {
namespace {

TEST(Cast, FloatToIntFailsOnFractions) {
  CastResult r = cast(Column::from<double>({1.0, 1.5, std::nullopt, -3.0, std::nan("")}), int64());
  EXPECT_EQ(r.failed, 2);
  EXPECT_EQ(r.first_failed_row, 1);
  EXPECT_EQ(r.first_failed_value, "1.5");
  EXPECT_TRUE(r.column.equals(Column::from<int64_t>({1, std::nullopt, std::nullopt, -3, std::nullopt})));
}

TEST(Cast, IntToFloatMustBeExact) {
  const int64_t big = (int64_t{1} << 60) + 1;
  CastResult r = cast(Column::from<int64_t>({1, big, int64_t{1} << 60}), float64());
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(r.first_failed_row, 1);
  EXPECT_EQ(r.first_failed_value, std::to_string(big));
  EXPECT_DOUBLE_EQ(r.column.value<double>(2), std::ldexp(1.0, 60));
}

TEST(Cast, NarrowingIntegers) {
  CastResult r = cast(Column::from<int64_t>({127, 128, -129, -128}), int8());
  EXPECT_EQ(r.failed, 2);
  EXPECT_EQ(r.column.value<int8_t>(0), 127);
  EXPECT_EQ(r.column.value<int8_t>(3), -128);
  EXPECT_EQ(cast(Column::from<int32_t>({-1}), uint64()).failed, 1);
}

TEST(Cast, StringsParseAndFormat) {
  CastResult r = cast(Column::from<std::string>({"12", "abc", " -7 ", std::nullopt, "1.0"}), int64());
  EXPECT_EQ(r.failed, 2);
  EXPECT_EQ(r.first_failed_value, "abc");
  EXPECT_TRUE(r.column.equals(Column::from<int64_t>({12, std::nullopt, -7, std::nullopt, std::nullopt})));

  CastResult f = cast(Column::from<std::string>({"2.5", "NaN", "-inf", "x"}), float64());
  EXPECT_EQ(f.failed, 1);
  EXPECT_TRUE(std::isnan(f.column.value<double>(1)));
  EXPECT_TRUE(std::isinf(f.column.value<double>(2)));

  CastResult s = cast(Column::from<double>({1.0, 0.1, std::nullopt}), utf8());
  EXPECT_EQ(s.failed, 0);
  EXPECT_TRUE(s.column.equals(Column::from<std::string>({"1.0", "0.1", std::nullopt})));
  EXPECT_TRUE(cast(Column::from<int64_t>({-5}), utf8()).column.equals(Column::from<std::string>({"-5"})));
  EXPECT_TRUE(
      cast(Column::from<std::string>({"true", "False"}), boolean()).column.equals(Column::from<bool>({true, false})));
}

TEST(Cast, BoolAndFloatWidths) {
  EXPECT_TRUE(cast(Column::from<bool>({true, false}), int64()).column.equals(Column::from<int64_t>({1, 0})));
  CastResult b = cast(Column::from<int64_t>({0, 1, 2}), boolean());
  EXPECT_EQ(b.failed, 1);
  CastResult f32 = cast(Column::from<double>({0.5, 0.1, 1e300}), float32());
  EXPECT_EQ(f32.failed, 2);
  EXPECT_EQ(cast(Column::from<float>({0.1f}), float64()).failed, 0);
}

TEST(Cast, SafeCastKind) {
  EXPECT_EQ(safe_cast_kind(*int32(), *int64()), CastKind::Lossless);
  EXPECT_EQ(safe_cast_kind(*float32(), *float64()), CastKind::Lossless);
  EXPECT_EQ(safe_cast_kind(*boolean(), *int64()), CastKind::Lossless);
  EXPECT_EQ(safe_cast_kind(*int64(), *float64()), CastKind::ValueChecked);
  EXPECT_EQ(safe_cast_kind(*int32(), *float64()), CastKind::Lossless);
  EXPECT_EQ(safe_cast_kind(*float64(), *int64()), CastKind::ValueChecked);
  EXPECT_EQ(safe_cast_kind(*uint32(), *int64()), CastKind::Lossless);
  EXPECT_EQ(safe_cast_kind(*int32(), *uint64()), CastKind::ValueChecked);
  EXPECT_EQ(safe_cast_kind(*int64(), *int64()), CastKind::Identity);
  EXPECT_EQ(safe_cast_kind(*int64(), *list(int64())), CastKind::Unsupported);
  EXPECT_THROW(cast(Column::from<int64_t>({1}), date32()), FrameError);
}

}  // namespace
}  // namespace crv::frame
