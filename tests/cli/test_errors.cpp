// Errors name what is wrong, what exists and what to type instead; usage errors exit 2.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/cli_fixture.hpp"

namespace {

using crv::cli::testing::CliResult;
using crv::cli::testing::CliTest;
using ::testing::HasSubstr;
using ::testing::Not;

class CliErrors : public CliTest {};

TEST_F(CliErrors, AMissingRunListsTheRunsAndTheClosest) {
  append_edges("alpha", 0, 2);
  append_edges("beta", 0, 2);
  const CliResult result = run("read --run alpah --table identity_edges");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr("no run 'alpah' under "));
  EXPECT_THAT(result.err, HasSubstr("runs: alpha, beta; did you mean 'alpha'?"));
  // Far from every name: the list, and no guess.
  const CliResult far = run("tables --run zzzzzzzz");
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_THAT(far.err, HasSubstr("runs: alpha, beta"));
  EXPECT_THAT(far.err, Not(HasSubstr("did you mean")));
  // Every command that reads a run says the same.
  for (const char* command : {"stats --run nope", "log --run nope --table identity_edges", "verify --run nope",
                              "tail --run nope --table identity_edges", "manifest --run nope --table identity_edges"}) {
    const CliResult missing = run(command);
    EXPECT_EQ(missing.exit_code, 2) << command;
    EXPECT_THAT(missing.err, HasSubstr("no run 'nope'")) << command;
  }
}

TEST_F(CliErrors, AnEmptyRootSaysHowToMakeARun) {
  const CliResult result = run("read --run r1 --table identity_edges");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("runs: none (check --root, or append to create a run)"));
}

TEST_F(CliErrors, ATableNeverWrittenNamesTheTablesThatHoldData) {
  append_edges("r1", 0, 2);
  const CliResult result = run("read --run r1 --table messages");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err,
              HasSubstr("table 'messages' of run 'r1' was never written; tables with data: identity_edges"));
  EXPECT_EQ(run("stats --run r1 --table messages").exit_code, 2);
  EXPECT_EQ(run("log --run r1 --table messages").exit_code, 2);
}

TEST_F(CliErrors, AnUnknownTableNameSuggestsTheClosest) {
  append_edges("r1", 0, 2);
  const CliResult result = run("read --run r1 --table identity_edge");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("unknown table 'identity_edge'; did you mean 'identity_edges'?"));
  EXPECT_THAT(run("stats --run r1 --table holding").err, HasSubstr("did you mean 'holdings'?"));
}

TEST_F(CliErrors, AnUnknownColumnSuggestsTheClosestAndListsTheColumns) {
  append_edges("r1", 0, 2);
  const CliResult result = run("read --run r1 --table identity_edges --columns tick,edge_wieght");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr("table 'identity_edges' has no column 'edge_wieght'; did you mean 'edge_weight'?"));
  EXPECT_THAT(result.err, HasSubstr("(columns: bucket, tick, observer_agent_id"));
}

TEST_F(CliErrors, AnInvertedTickRangeIsAUsageError) {
  append_edges("r1", 0, 2);
  const CliResult result = run("read --run r1 --table identity_edges --tick-min 9 --tick-max 3");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("--tick-min 9 is greater than --tick-max 3"));
}

TEST_F(CliErrors, CommandLineMistakesExitTwoAndPointToHelp) {
  const CliResult unknown = run("read --run r1 --table identity_edges --frobnicate");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("crv-io: error: "));
  EXPECT_THAT(unknown.err, HasSubstr("--help"));
  EXPECT_EQ(run("read --table identity_edges").exit_code, 2);  // --run missing
  EXPECT_EQ(run("nosuchcommand").exit_code, 2);
  EXPECT_EQ(run("read --run r1 --table identity_edges --format xml").exit_code, 2);
}

}  // namespace
