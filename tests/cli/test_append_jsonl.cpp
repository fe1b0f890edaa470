// `crv-io append` of JSONL through the simdjson reader: standard input (`-`), and the errors
// of a wrong type as they were (validation's, exit 3; a column of mixed kinds, exit 5 with
// its line).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
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

}  // namespace
