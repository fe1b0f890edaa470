// `crv-io stats` and `crv-io log`: the numbers equal what was appended.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli_fixture.hpp"

namespace {

using crv::cli::testing::CliResult;
using crv::cli::testing::CliTest;
using crv::cli::testing::read_file_text;
using nlohmann::json;
using ::testing::HasSubstr;

class StatsAndLog : public CliTest {
 protected:
  /// Ticks 0..249 (buckets of 100: 100, 100 and 50 rows), in one append.
  void SetUp() override {
    CliTest::SetUp();
    append_edges("r1", 0, 249);
  }

  const json* column(const json& table, const std::string& name) {
    for (const json& c : table["columns"]) {
      if (c["column"] == name) return &c;
    }
    return nullptr;
  }
};

TEST_F(StatsAndLog, StatsJsonEqualsWhatWasAppended) {
  const CliResult result = run("stats --run r1 --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json stats = json::parse(result.out);
  ASSERT_EQ(stats["tables"].size(), 1u);
  const json& table = stats["tables"][0];
  EXPECT_EQ(table["table"], "identity_edges");
  EXPECT_EQ(table["rows"], 250);
  EXPECT_EQ(table["inline_rows"], 0);
  EXPECT_EQ(table["tick_min"], 0);
  EXPECT_EQ(table["tick_max"], 249);
  EXPECT_EQ(table["parts"], 3);
  std::vector<std::int64_t> rows_per_bucket;
  for (const json& bucket : table["buckets"]) rows_per_bucket.push_back(bucket["rows"]);
  EXPECT_EQ(rows_per_bucket, (std::vector<std::int64_t>{100, 100, 50}));
  // Bytes as the manifest lists them.
  const json index = json::parse(run("tables --run r1 --json").out);
  EXPECT_EQ(table["bytes"], index["identity_edges"]["bytes"]);

  const json* tick = column(table, "tick");
  ASSERT_NE(tick, nullptr);
  EXPECT_EQ((*tick)["min"], 0);
  EXPECT_EQ((*tick)["max"], 249);
  EXPECT_EQ((*tick)["null_count"], 0);
  const json* weight = column(table, "edge_weight");
  ASSERT_NE(weight, nullptr);
  EXPECT_DOUBLE_EQ((*weight)["min"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ((*weight)["max"].get<double>(), 24.9);
  const json* subject = column(table, "subject_id");
  ASSERT_NE(subject, nullptr);
  EXPECT_EQ((*subject)["null_count"], 84);  // ticks 0, 3, ..., 249: 84 multiples of 3
  const json* observer = column(table, "observer_agent_id");
  ASSERT_NE(observer, nullptr);
  EXPECT_EQ((*observer)["min"], "A0");
  EXPECT_EQ((*observer)["max"], "A6");
}

// Nested columns' leaves have statistics of their own, named by their Parquet paths.
TEST_F(StatsAndLog, StatsGivesTheBoundsOfNestedLeaves) {
  const std::filesystem::path file = write_file(
      "decisions.jsonl",
      "{\"tick\":0,\"agent_id\":\"a\",\"chosen_action\":{\"kind\":\"buy\",\"qty\":2},"
      "\"action_candidates\":[{\"kind\":\"buy\",\"score\":0.5}],\"token_value_estimates\":{\"T1\":1.5}}\n"
      "{\"tick\":1,\"agent_id\":\"b\",\"chosen_action\":{\"kind\":\"hold\",\"qty\":7},"
      "\"action_candidates\":[{\"kind\":\"sell\",\"score\":-2.0}],\"token_value_estimates\":{\"T1\":3.0}}\n");
  const CliResult appended = run("append --run r2 --table decisions '" + file.string() + "'");
  ASSERT_EQ(appended.exit_code, 0) << appended.err;
  const CliResult result = run("stats --run r2 --table decisions --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json table = json::parse(result.out)["tables"][0];
  const json* kind = column(table, "chosen_action.kind");
  ASSERT_NE(kind, nullptr) << table.dump(2);
  EXPECT_EQ((*kind)["min"], "buy");
  EXPECT_EQ((*kind)["max"], "hold");
  const json* qty = column(table, "chosen_action.qty");
  ASSERT_NE(qty, nullptr);
  EXPECT_EQ((*qty)["min"], 2);
  EXPECT_EQ((*qty)["max"], 7);
  const json* score = column(table, "action_candidates.list.element.score");
  ASSERT_NE(score, nullptr) << table.dump(2);
  EXPECT_DOUBLE_EQ((*score)["min"].get<double>(), -2.0);
  EXPECT_DOUBLE_EQ((*score)["max"].get<double>(), 0.5);
}

TEST_F(StatsAndLog, StatsTextShowsTheBucketHistogram) {
  const CliResult result = run("stats --run r1 --table identity_edges");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("rows     250 in parts"));
  EXPECT_THAT(result.out, HasSubstr("ticks    0 .. 249"));
  EXPECT_THAT(result.out, HasSubstr("parts    3 in 3 bucket(s)"));
  std::string full_bar;
  std::string half_bar;
  for (int i = 0; i < 40; ++i) full_bar += "█";
  for (int i = 0; i < 20; ++i) half_bar += "█";
  EXPECT_THAT(result.out, HasSubstr("000000   100  " + full_bar + "\n"));
  EXPECT_THAT(result.out, HasSubstr("000001   100  " + full_bar + "\n"));
  EXPECT_THAT(result.out, HasSubstr("000002    50  " + half_bar + "\n"));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("subject_id +BYTE_ARRAY +84 +S1 +S98\n"));
}

TEST_F(StatsAndLog, StatsReadsFootersOnly) {
  // Zero every byte between the leading magic and the footer of every part: no data page is
  // readable any more, the footer is intact. stats still answers; read cannot.
  const std::string before = run("stats --run r1 --json").out;
  int parts = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root_ / "data")) {
    if (entry.path().extension() != ".parquet") continue;
    std::string bytes = read_file_text(entry.path());
    const auto footer = static_cast<std::size_t>(static_cast<unsigned char>(bytes[bytes.size() - 8])) |
                        static_cast<std::size_t>(static_cast<unsigned char>(bytes[bytes.size() - 7])) << 8 |
                        static_cast<std::size_t>(static_cast<unsigned char>(bytes[bytes.size() - 6])) << 16;
    std::fill(bytes.begin() + 4, bytes.end() - 8 - static_cast<std::ptrdiff_t>(footer), '\0');
    std::ofstream(entry.path(), std::ios::binary) << bytes;
    ++parts;
  }
  ASSERT_EQ(parts, 3);
  EXPECT_NE(run("read --run r1 --table identity_edges --format jsonl").exit_code, 0);
  const CliResult after = run("stats --run r1 --json");
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.out, before);
}

TEST_F(StatsAndLog, SvgDrawsOneBarPerBucketWithAxisLabels) {
  const std::filesystem::path svg = root_ / "buckets.svg";
  const CliResult result = run("stats --run r1 --svg '" + svg.string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string text = read_file_text(svg);
  EXPECT_THAT(text, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(text, HasSubstr("</svg>"));
  std::size_t bars = 0;
  for (std::size_t at = text.find("fill=\"#4c78a8\""); at != std::string::npos;
       at = text.find("fill=\"#4c78a8\"", at + 1)) {
    ++bars;
  }
  EXPECT_EQ(bars, 3u);
  EXPECT_THAT(text, HasSubstr("<title>0: 100</title>"));
  EXPECT_THAT(text, HasSubstr("<title>2: 50</title>"));
  EXPECT_THAT(text, HasSubstr(">identity_edges: rows per bucket</text>"));
  EXPECT_THAT(text, HasSubstr(">bucket</text>"));
  EXPECT_THAT(text, HasSubstr(">rows</text>"));
  EXPECT_EQ(run("stats --run r1 --svg /no/such/dir/x.svg").exit_code, 2);
}

TEST_F(StatsAndLog, LogListsTheAppendsInOrder) {
  // Appends that write parts directly (no inline rows): one commit each.
  append_edges("r2", 0, 150, "CRV_IO_INLINE_MAX_ROWS=0");
  append_edges("r2", 300, 304, "CRV_IO_INLINE_MAX_ROWS=0");
  append_edges("r2", 120, 130, "CRV_IO_INLINE_MAX_ROWS=0");
  const CliResult result = run("log --run r2 --table identity_edges --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const json log = json::parse(result.out);
  ASSERT_EQ(log["commits"].size(), 3u) << result.out;
  const json& commits = log["commits"];
  EXPECT_EQ(commits[0]["rows"], 151);
  EXPECT_EQ(commits[0]["parts"], 2);
  EXPECT_EQ(commits[0]["buckets"], json::array({0, 1}));
  EXPECT_EQ(commits[0]["tick_min"], 0);
  EXPECT_EQ(commits[0]["tick_max"], 150);
  EXPECT_EQ(commits[1]["rows"], 5);
  EXPECT_EQ(commits[1]["tick_min"], 300);
  EXPECT_EQ(commits[1]["tick_max"], 304);
  EXPECT_EQ(commits[2]["rows"], 11);
  EXPECT_EQ(commits[2]["buckets"], json::array({1}));
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(commits[i]["version"], i + 1);
  EXPECT_LT(commits[0]["time"].get<std::string>(), commits[1]["time"].get<std::string>());
  EXPECT_LT(commits[1]["time"].get<std::string>(), commits[2]["time"].get<std::string>());

  const CliResult text = run("log --run r2 --table identity_edges");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, ::testing::ContainsRegex("\n +1 +[0-9T:.+-]+ +151 +2 +2 +0 +150\n"));
  EXPECT_THAT(text.out, ::testing::ContainsRegex("\n +3 +[0-9T:.+-]+ +11 +1 +1 +120 +130\n"));
}

}  // namespace
