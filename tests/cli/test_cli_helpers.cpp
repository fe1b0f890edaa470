// The CLI's pure helpers, called directly (the rest of tests/cli runs the binary): what a
// progress line says mid-way (rate, ETA), which no real command is slow enough to show in a
// test, and the edit distance behind "did you mean".

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/progress.hpp"
#include "cli/suggest.hpp"

namespace {

using crv::cli::progress_line;
using crv::cli::ProgressState;

TEST(ProgressLine, MidWayShowsCountPercentRateAndEta) {
  ProgressState state{"verify", "identity_edges", "tables", 2, 8, 1.0, false};
  // 2 tables in 1 s: 2/s, 6 left: 3 s.
  EXPECT_EQ(progress_line(state), "verify identity_edges  2/8 tables  25%  2.0 tables/s  ETA 3.0 s");
  state.done = 8;
  state.elapsed_seconds = 4.0;
  state.final = true;
  EXPECT_EQ(progress_line(state), "verify  8/8 tables  100%  2.0 tables/s  done in 4.0 s");
}

TEST(ProgressLine, BytesAreHumanAndAnUnknownTotalShowsElapsedTime) {
  ProgressState bytes{"append identity_edges", "reading", "bytes", 3 << 20, 12 << 20, 2.0, false};
  EXPECT_EQ(progress_line(bytes), "append identity_edges reading  3.0 MiB/12.0 MiB  25%  1.5 MiB/s  ETA 6.0 s");
  ProgressState unknown{"repair", "", "tables", 0, 0, 75.0, false};
  EXPECT_EQ(progress_line(unknown), "repair  1 min 15 s");
}

TEST(Suggest, ClosestNameCountsASwapAsOneEdit) {
  EXPECT_EQ(crv::cli::edit_distance("alpah", "alpha"), 1u);
  EXPECT_EQ(crv::cli::edit_distance("edge_wieght", "edge_weight"), 1u);
  EXPECT_EQ(crv::cli::edit_distance("", "abc"), 3u);
  EXPECT_EQ(crv::cli::closest_name("holding", {"holdings", "holdings_valuation"}), "holdings");
  EXPECT_EQ(crv::cli::closest_name("zzzz", {"alpha", "beta"}), std::nullopt);
  EXPECT_EQ(crv::cli::did_you_mean("r2", {"r1"}), "; did you mean 'r1'?");
}

}  // namespace
