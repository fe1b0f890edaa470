// `crv-io append` of JSONL through the simdjson reader: standard input (`-`), the errors
// of a wrong type as they were (validation's, exit 3; a column of mixed kinds, exit 5 with
// its line), and a file read in several frames (--chunk-bytes) as one all-or-nothing append.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"

namespace {

using ::testing::HasSubstr;
using Output = crv::cli::testing::CliResult;

class AppendJsonl : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    root_ = std::filesystem::temp_directory_path() /
            ("crv_append_jsonl_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  Output run(const std::string& arguments) const {
    return crv::cli::testing::run_crv_io(arguments + " --root '" + (root_ / "data").string() + "'");
  }
  std::string write(const std::string& name, const std::string& text) const {
    const std::filesystem::path path = root_ / name;
    std::ofstream(path) << text;
    return "'" + path.string() + "'";
  }

  std::filesystem::path root_;
};

/// The lines of `text`, sorted (a read orders buckets, not the parts within one).
std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream input(text);
  for (std::string line; std::getline(input, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

/// The table's files but its locks (which an append may create), with their contents.
std::map<std::string, std::string> table_files(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name == ".lock" || name == ".writers") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    files[entry.path().lexically_relative(dir).generic_string()] = content.str();
  }
  return files;
}

const std::string kEdge = R"("observer_agent_id":"A0","edge_kind":"self_to_object")";

TEST_F(AppendJsonl, StandardInputIsReadAsAFileIs) {
  const std::string rows = "{\"tick\":0," + kEdge + ",\"edge_weight\":0}\n{\"tick\":101," + kEdge +
                           ",\"edge_weight\":0.5,\"subject_id\":\"A1\"}\n";
  const std::string file = write("edges.jsonl", rows);
  const Output piped = run("append --run r1 --table identity_edges - < " + file);
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(nlohmann::json::parse(piped.out)["rows"], 2);
  ASSERT_EQ(run("append --run r2 --table identity_edges " + file).exit_code, 0);
  const std::string read = "read --table identity_edges --format jsonl --columns tick,edge_weight,subject_id --run ";
  EXPECT_EQ(run(read + "r1").out, run(read + "r2").out);
  EXPECT_EQ(
      run(read + "r1").out,
      "{\"tick\":0,\"edge_weight\":0,\"subject_id\":null}\n{\"tick\":101,\"edge_weight\":0.5,\"subject_id\":\"A1\"}\n");
}

TEST_F(AppendJsonl, AWrongTypeIsTheErrorItWas) {
  const Output strings = run("append --run r1 --table identity_edges " +
                             write("s.jsonl", "{\"tick\":\"x\"," + kEdge + ",\"edge_weight\":0.5}\n"));
  EXPECT_EQ(strings.exit_code, 3) << strings.err;
  EXPECT_THAT(strings.err, HasSubstr("column 'tick': expected i64, got str"));

  const Output mixed = run("append --run r1 --table identity_edges " +
                           write("m.jsonl", "{\"tick\":0," + kEdge + ",\"edge_weight\":0.5}\n{\"tick\":\"x\"," + kEdge +
                                                ",\"edge_weight\":0.5}\n"));
  EXPECT_EQ(mixed.exit_code, 5) << mixed.err;
  EXPECT_THAT(mixed.err, HasSubstr("JSONL column 'tick': line 2: cannot unify JSON integer with string"));

  const Output lossy = run("append --run r1 --table identity_edges " +
                           write("l.jsonl", "{\"tick\":1.5," + kEdge + ",\"edge_weight\":0.5}\n"));
  EXPECT_EQ(lossy.exit_code, 3) << lossy.err;
  EXPECT_THAT(lossy.err, HasSubstr("cannot cast f64 to i64 without loss"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "data" / "runs" / "r1" / "tables" / "identity_edges" / "manifest.json"));
}

/// `rows` edges at ticks 0.. (buckets of 100), one a line.
std::string edge_lines(int rows) {
  std::string text;
  for (int tick = 0; tick < rows; ++tick) {
    text += "{\"tick\":" + std::to_string(tick) + "," + kEdge + ",\"edge_weight\":" + std::to_string(tick) + ".25}\n";
  }
  return text;
}

TEST_F(AppendJsonl, AFileReadInManyFramesIsOneAppendOfItsRows) {
  const std::string file = write("edges.jsonl", edge_lines(450));
  const Output streamed = run("append --run r1 --table identity_edges --chunk-bytes 1000 " + file);
  ASSERT_EQ(streamed.exit_code, 0) << streamed.err;
  const nlohmann::json summary = nlohmann::json::parse(streamed.out);
  EXPECT_EQ(summary["rows"], 450);
  EXPECT_EQ(summary["buckets"], nlohmann::json::parse("[0,1,2,3,4]"));
  EXPECT_GT(summary["parts"].size(), 5u);  // several frames' parts in one bucket
  const Output whole = run("append --run r2 --table identity_edges " + file);
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  EXPECT_EQ(nlohmann::json::parse(whole.out)["parts"].size(), 5u);
  const std::string read = "read --table identity_edges --format jsonl --run ";
  const std::vector<std::string> lines = sorted_lines(run(read + "r1").out);
  EXPECT_EQ(lines.size(), 450u);
  EXPECT_EQ(lines, sorted_lines(run(read + "r2").out));
}

TEST_F(AppendJsonl, ABadLineInTheLastFrameLeavesTheTableUnchanged) {
  ASSERT_EQ(run("append --run r1 --table identity_edges " + write("first.jsonl", edge_lines(20))).exit_code, 0);
  const std::filesystem::path table = root_ / "data" / "runs" / "r1" / "tables" / "identity_edges";
  const auto before = table_files(table);
  ASSERT_FALSE(before.empty());
  const std::string bad = write("bad.jsonl", edge_lines(450) + "{\"tick\": 7, oops}\n");
  const Output failed = run("append --run r1 --table identity_edges --chunk-bytes 1000 " + bad);
  EXPECT_EQ(failed.exit_code, 5) << failed.err;
  EXPECT_THAT(failed.err, HasSubstr("line 451"));
  EXPECT_EQ(table_files(table), before);
  EXPECT_EQ(sorted_lines(run("read --table identity_edges --format jsonl --run r1").out).size(), 20u);

  // A validation error in a later frame names a row of the frame, and the frame's lines.
  const Output invalid = run("append --run r1 --table identity_edges --chunk-bytes 1000 " +
                             write("null.jsonl", edge_lines(450) + "{\"tick\":null," + kEdge + "}\n"));
  EXPECT_EQ(invalid.exit_code, 3) << invalid.err;
  EXPECT_THAT(invalid.err, HasSubstr("column 'tick': required column holds 1 null(s)"));
  EXPECT_THAT(invalid.err, HasSubstr("-451 read as one frame"));
  EXPECT_EQ(table_files(table), before);
}

}  // namespace
