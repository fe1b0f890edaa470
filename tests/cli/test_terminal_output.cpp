// What a terminal shows and a pipe gets: tables that fit, the jsonl default on a pipe, colour
// only on a terminal without NO_COLOR, progress on a terminal's stderr only.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_fixture.hpp"

namespace {

using crv::cli::testing::CliResult;
using crv::cli::testing::CliTest;
using crv::cli::testing::have_script;
using ::testing::HasSubstr;
using ::testing::Not;

/// Code points: what a terminal shows of UTF-8 text without escapes.
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class TerminalOutput : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    if (!have_script()) GTEST_SKIP() << "util-linux script is not installed: no pseudo-terminal to test with";
  }
};

TEST_F(TerminalOutput, APipeGetsJsonlATerminalATableAndFormatWins) {
  append_edges("r1", 0, 2);
  const CliResult piped = run("read --run r1 --table identity_edges --columns tick");
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out, "{\"tick\":0}\n{\"tick\":1}\n{\"tick\":2}\n");
  const CliResult terminal = run_in_terminal("read --run r1 --table identity_edges --columns tick");
  ASSERT_EQ(terminal.exit_code, 0) << terminal.out;
  EXPECT_THAT(terminal.out, HasSubstr("shape: (3, 1)"));
  EXPECT_THAT(terminal.out, HasSubstr("┌"));
  EXPECT_EQ(run_in_terminal("read --run r1 --table identity_edges --columns tick --format jsonl").out, piped.out);
  EXPECT_THAT(run("read --run r1 --table identity_edges --format table").out, HasSubstr("shape: (3, 6)"));
}

TEST_F(TerminalOutput, ALargeReadShowsTheFirstAndLastRowsAndSaysHowManyWereHidden) {
  append_edges("r1", 0, 1999);
  const CliResult table = run("read --run r1 --table identity_edges --format table --columns tick,edge_weight");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  const std::vector<std::string> lines = lines_of(table.out);
  EXPECT_LT(lines.size(), 25u) << table.out;
  EXPECT_THAT(table.out, HasSubstr("shape: (2,000, 2)"));
  EXPECT_THAT(table.out, HasSubstr("│ 0    ┆ 0.0         │"));
  EXPECT_THAT(table.out, HasSubstr("│ 1999 ┆ 199.9       │"));
  EXPECT_THAT(table.out, HasSubstr("│ …    ┆ …           │"));
  EXPECT_THAT(table.out, Not(HasSubstr("│ 1000 ")));
  EXPECT_EQ(lines.back(), "1,990 of 2,000 rows hidden; --all shows them, --format csv|jsonl prints the data");
  // --max-rows chooses how many; --all shows every row.
  EXPECT_THAT(run("read --run r1 --table identity_edges --format table --max-rows 4").out,
              HasSubstr("1,996 of 2,000 rows hidden"));
  const CliResult all = run("read --run r1 --table identity_edges --format table --all --columns tick");
  EXPECT_EQ(lines_of(all.out).size(), 2000u + 7u);  // shape, 3 rules, 3 header lines
  EXPECT_THAT(all.out, Not(HasSubstr("hidden")));
  // Data formats print every row.
  EXPECT_EQ(lines_of(run("read --run r1 --table identity_edges --format jsonl").out).size(), 2000u);
}

TEST_F(TerminalOutput, ATableShowsTheColumnsThatFitTheWidth) {
  append_edges("r1", 0, 2);
  const CliResult narrow = run_in_terminal("read --run r1 --table identity_edges", "COLUMNS=50 NO_COLOR=1");
  ASSERT_EQ(narrow.exit_code, 0) << narrow.out;
  for (const std::string& line : lines_of(narrow.out)) {
    if (line.rfind("┌", 0) == 0 || line.rfind("│", 0) == 0) {
      EXPECT_LE(display_width(line), 50u) << line;
    }
  }
  EXPECT_THAT(narrow.out, HasSubstr("┆ … ┆"));
  EXPECT_THAT(narrow.out, HasSubstr("edge_weight"));  // the last column, from the right
  EXPECT_THAT(narrow.out, HasSubstr("2 of 6 columns hidden"));
  const CliResult wide = run_in_terminal("read --run r1 --table identity_edges", "COLUMNS=200 NO_COLOR=1");
  EXPECT_THAT(wide.out, Not(HasSubstr("hidden")));
  EXPECT_THAT(wide.out, HasSubstr("observer_agent_id"));
}

TEST_F(TerminalOutput, RunsAndTablesAreAligned) {
  append_edges("a_long_run_name", 0, 250);
  append_edges("r", 0, 2);
  for (const std::string command : {"runs", "tables --run a_long_run_name"}) {
    const std::vector<std::string> lines = lines_of(run(command).out);
    ASSERT_GE(lines.size(), 3u) << command;
    // A rule of dashes under each header, every line as long as the rule (right-aligned
    // numbers end where the rule ends).
    EXPECT_EQ(lines[1].find_first_not_of(" -"), std::string::npos) << command;
    const std::size_t rows_end = lines[0].find("rows") + 4;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      ASSERT_GT(lines[i].size(), rows_end) << lines[i];
      EXPECT_NE(lines[i][rows_end - 1], ' ') << command << ": " << lines[i];
      EXPECT_EQ(lines[i][rows_end], ' ') << command << ": " << lines[i];
    }
  }
  EXPECT_THAT(run("tables --run a_long_run_name").out, ::testing::ContainsRegex("identity_edges +251 "));
}

TEST_F(TerminalOutput, ColourOnATerminalOnlyAndNeverWithNoColor) {
  append_edges("r1", 0, 2);
  const std::string bold = "\x1b[1m";
  EXPECT_THAT(run_in_terminal("read --run r1 --table identity_edges").out, HasSubstr(bold + "tick"));
  EXPECT_THAT(run_in_terminal("runs").out, HasSubstr(bold + "run_id"));
  EXPECT_THAT(run_in_terminal("read --run r1 --table identity_edges", "NO_COLOR=1").out, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(run_in_terminal("read --run r1 --table identity_edges --color never").out, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(run("read --run r1 --table identity_edges --format table").out, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(run("runs").out, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(run("read --run r1 --table identity_edges --format table --color always").out, HasSubstr(bold));
  // Errors: the prefix red on a terminal, plain on a pipe and with NO_COLOR.
  const CliResult error = run_in_terminal("read --run nope --table identity_edges");
  EXPECT_EQ(error.exit_code, 2);
  EXPECT_THAT(error.out, HasSubstr("\x1b[1;31mcrv-io: error:\x1b[0m no run 'nope'"));
  const CliResult plain = run_in_terminal("read --run nope --table identity_edges", "NO_COLOR=1");
  EXPECT_THAT(plain.out, HasSubstr("crv-io: error: no run 'nope'"));
  EXPECT_THAT(plain.out, Not(HasSubstr("\x1b[")));
  EXPECT_THAT(run("read --run nope --table identity_edges").err, Not(HasSubstr("\x1b[")));
}

TEST_F(TerminalOutput, ProgressOnATerminalsStderrOnlyWithRate) {
  append_edges("r1", 0, 250);
  const std::string out = (root_ / "stdout.txt").string();
  // stdout to a file, stderr the terminal: what the terminal shows is the progress.
  const CliResult verify = run_in_terminal("verify --run r1 > '" + out + "'", "NO_COLOR=1");
  ASSERT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_THAT(verify.out,
              ::testing::ContainsRegex("verify  8/8 tables  100%  [0-9.]+ tables/s  done in [0-9.]+ s\x1b\\[K\n"));
  EXPECT_THAT(crv::cli::testing::read_file_text(out), HasSubstr("clean"));
  const CliResult stats = run_in_terminal("stats --run r1 > '" + out + "'", "NO_COLOR=1");
  EXPECT_THAT(stats.out, ::testing::ContainsRegex("stats  3/3 parts  100%  [0-9.]+ parts/s  done in"));
  const auto input = write_file("more.jsonl", edge_rows(300, 320));
  const CliResult append =
      run_in_terminal("append --run r1 --table identity_edges '" + input.string() + "' > '" + out + "'", "NO_COLOR=1");
  EXPECT_THAT(append.out, ::testing::ContainsRegex("append identity_edges  [0-9.]+ (B|KiB)/[0-9.]+ (B|KiB)  100%  "
                                                   "[0-9.]+ (B|KiB|MiB)/s  done in"));
  // Work that fails erases its progress line ("\r" is dropped from what the terminal showed):
  // the error is the last word.
  const auto broken = write_file("broken.jsonl", "{\"tick\": 1,\n");
  const CliResult failed =
      run_in_terminal("append --run r1 --table identity_edges '" + broken.string() + "' > '" + out + "'", "NO_COLOR=1");
  EXPECT_EQ(failed.exit_code, 5);
  EXPECT_THAT(failed.out, HasSubstr("\x1b[Kcrv-io: error: "));
  EXPECT_THAT(failed.out, Not(HasSubstr("done in")));
  // A pipe gets no progress at all.
  const CliResult piped = run("verify --run r1");
  EXPECT_EQ(piped.err, "");
  EXPECT_EQ(run("stats --run r1").err, "");
  EXPECT_EQ(run("seal --run r1").err, "");
}

}  // namespace
