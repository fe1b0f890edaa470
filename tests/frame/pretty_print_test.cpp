#include <crv/frame/frame.hpp>
#include <crv/frame/pretty_print.hpp>

#include <gtest/gtest.h>

namespace crv::frame {
namespace {

TEST(PrettyPrint, PolarsLikeTable) {
  Frame f{{"tick", Column::from<int64_t>({0, 1, 2, 3})},
          {"name", Column::from<std::string>({"a", std::nullopt, "c", "d"})},
          {"w", Column::from<double>({1.0, 2.5, std::nullopt, -0.125})},
          {"ok", Column::from<bool>({true, false, true, std::nullopt})}};
  const std::string expected =
      "shape: (4, 4)\n"
      "┌──────┬──────┬────────┬───────┐\n"
      "│ tick ┆ name ┆ w      ┆ ok    │\n"
      "│ ---  ┆ ---  ┆ ---    ┆ ---   │\n"
      "│ i64  ┆ str  ┆ f64    ┆ bool  │\n"
      "╞══════╪══════╪════════╪═══════╡\n"
      "│ 0    ┆ \"a\"  ┆ 1.0    ┆ true  │\n"
      "│ 1    ┆ null ┆ 2.5    ┆ false │\n"
      "│ 2    ┆ \"c\"  ┆ null   ┆ true  │\n"
      "│ 3    ┆ \"d\"  ┆ -0.125 ┆ null  │\n"
      "└──────┴──────┴────────┴───────┘\n";
  EXPECT_EQ(to_string(f), expected);
  EXPECT_EQ(f.to_string(), expected);
}

TEST(PrettyPrint, TruncatesRowsAndWideCells) {
  std::vector<int64_t> ticks(30);
  for (int64_t i = 0; i < 30; ++i) ticks[static_cast<size_t>(i)] = i;
  Frame f{{"t", Column::from(ticks)}};
  const std::string text = to_string(f, PrintOptions{4, 32});
  const std::string expected =
      "shape: (30, 1)\n"
      "┌─────┐\n"
      "│ t   │\n"
      "│ --- │\n"
      "│ i64 │\n"
      "╞═════╡\n"
      "│ 0   │\n"
      "│ 1   │\n"
      "│ …   │\n"
      "│ 28  │\n"
      "│ 29  │\n"
      "└─────┘\n";
  EXPECT_EQ(text, expected);

  Frame wide{{"s", Column::from<std::string>({"abcdefghijkl"})}};
  EXPECT_NE(to_string(wide, PrintOptions{20, 6}).find("\"abcd…"), std::string::npos);
}

TEST(PrettyPrint, NestedCells) {
  Column s = Column::struct_of({{"a", Column::from<int64_t>({1})}, {"b", Column::from<std::string>({"x"})}});
  EXPECT_EQ(format_cell(s, 0), "{1,\"x\"}");
  Column l = Column::list_of({0, 2}, Column::from<int64_t>({5, std::nullopt}));
  EXPECT_EQ(format_cell(l, 0), "[5, null]");
}

}  // namespace
}  // namespace crv::frame
