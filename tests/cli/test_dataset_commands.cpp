// The dataset commands of crv-io (demo, append, read, manifest, rebuild-manifest, bundle,
// runs, tables), run as a subprocess: output and exit codes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"

namespace {

using nlohmann::json;
using ::testing::HasSubstr;

using Output = crv::cli::testing::CliResult;

class DatasetCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    root_ = std::filesystem::temp_directory_path() /
            ("crv_dataset_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  /// `crv-io <arguments> --root <root>`.
  Output run(const std::string& arguments) const {
    return crv::cli::testing::run_crv_io(arguments + " --root '" + (root_ / "data").string() + "'");
  }

  std::filesystem::path write_jsonl(const std::string& name, const std::string& text) const {
    const std::filesystem::path path = root_ / name;
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path root_;
};

constexpr const char* kRows = R"({"tick":0,"observer_agent_id":"A0","edge_kind":"self_to_object","edge_weight":0})"
                              "\n"
                              R"({"tick":1,"observer_agent_id":"A1","edge_kind":"self_to_object","edge_weight":0.5})"
                              "\n"
                              R"({"tick":101,"observer_agent_id":"A0","edge_kind":"self_to_object","edge_weight":1})"
                              "\n";

TEST_F(DatasetCommands, DemoRunsTheQuickstart) {
  const Output result = run("demo --run 20250101-000000");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("shape: (4, 5)"));
  EXPECT_THAT(result.out, HasSubstr("\"self_to_object\""));
  EXPECT_THAT(result.out, HasSubstr("\"partitions\""));
  EXPECT_TRUE(std::filesystem::exists(root_ / "data/runs/20250101-000000/tables/identity_edges/manifest.json"));
}

TEST_F(DatasetCommands, AppendReadManifestTablesRunsBundle) {
  const auto input = write_jsonl("edges.jsonl", kRows);
  const Output appended = run("append --run r1 --table identity_edges '" + input.string() + "'");
  ASSERT_EQ(appended.exit_code, 0) << appended.err;
  const json summary = json::parse(appended.out);
  EXPECT_EQ(summary["rows"], 3);
  EXPECT_EQ(summary["buckets"], json::array({0, 1}));

  const Output jsonl =
      run("read --run r1 --table identity_edges --tick-min 1 --tick-max 200 --format jsonl "
          "--columns tick,edge_weight");
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(jsonl.out, "{\"tick\":1,\"edge_weight\":0.5}\n{\"tick\":101,\"edge_weight\":1}\n");

  const Output csv =
      run("read --run r1 --table identity_edges --format csv --limit 1 --columns tick,observer_agent_id");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out, "tick,observer_agent_id\n0,A0\n");

  const Output table = run("read --run r1 --table identity_edges --format table");
  EXPECT_THAT(table.out, HasSubstr("shape: (3, 5)"));

  // An inverted range selects nothing through the API; typed on the command line it is a
  // usage error naming both options.
  const Output inverted = run("read --run r1 --table identity_edges --tick-min 200 --tick-max 1");
  EXPECT_EQ(inverted.exit_code, 2);
  EXPECT_THAT(inverted.err, HasSubstr("--tick-min 200 is greater than --tick-max 1"));
  const Output hostile = run("read --run " + std::string(300, 'r') + " --table identity_edges");
  EXPECT_EQ(hostile.exit_code, 2) << hostile.err;
  EXPECT_THAT(hostile.err, HasSubstr("more than a file name may have"));

  const Output count = run("read --run r1 --table identity_edges --tick-max 50 --count");
  EXPECT_EQ(count.out, "2\n");
  const Output explain = run("read --run r1 --table identity_edges --tick-max 50 --explain");
  EXPECT_THAT(explain.out, HasSubstr("partition bucket=000001 pruned"));

  const Output manifest = run("manifest --run r1 --table identity_edges");
  ASSERT_EQ(manifest.exit_code, 0) << manifest.err;
  EXPECT_EQ(json::parse(manifest.out)["partitions"].size(), 2u);

  const Output tables = run("tables --run r1 --json");
  ASSERT_EQ(tables.exit_code, 0) << tables.err;
  EXPECT_EQ(json::parse(tables.out)["identity_edges"]["rows"], 3);
  EXPECT_THAT(run("tables --run r1").out, ::testing::ContainsRegex("identity_edges +3 +3\\.[0-9] KiB +0 +101 +2\n"));

  const Output bundle = run("bundle --run r1 --meta '{\"note\":\"cli\"}'");
  ASSERT_EQ(bundle.exit_code, 0) << bundle.err;
  EXPECT_EQ(json::parse(bundle.out)["meta"]["note"], "cli");
  EXPECT_TRUE(std::filesystem::exists(root_ / "data/runs/r1/bundle.manifest.json"));

  const Output runs = run("runs");
  EXPECT_THAT(runs.out, ::testing::ContainsRegex("r1 +1 +3 +yes\n"));
}

TEST_F(DatasetCommands, RebuildManifestAfterDeletion) {
  const auto input = write_jsonl("edges.jsonl", kRows);
  ASSERT_EQ(run("append --run r2 --table identity_edges '" + input.string() + "'").exit_code, 0);
  std::filesystem::remove(root_ / "data/runs/r2/tables/identity_edges/manifest.json");
  const Output missing = run("manifest --run r2 --table identity_edges");
  EXPECT_EQ(missing.exit_code, 4);
  EXPECT_THAT(missing.err, HasSubstr("rebuild-manifest"));
  const Output rebuilt = run("rebuild-manifest --run r2 --table identity_edges");
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
  EXPECT_EQ(json::parse(rebuilt.out)["rows"], 3);
  EXPECT_EQ(run("manifest --run r2 --table identity_edges").exit_code, 0);
}

TEST_F(DatasetCommands, ExitCodesTellErrorsApart) {
  const auto bad = write_jsonl("bad.jsonl", R"({"tick":0,"observer_agent_id":"A0","edge_weight":0.5})"
                                            "\n");
  const Output schema = run("append --run r3 --table identity_edges '" + bad.string() + "'");
  EXPECT_EQ(schema.exit_code, 3);
  EXPECT_THAT(schema.err, HasSubstr("edge_kind"));

  const auto rows = write_jsonl("edges.jsonl", kRows);
  const Output strict_rows = run("append --validate-rows --run r3 --table identity_edges '" + rows.string() + "'");
  EXPECT_EQ(strict_rows.exit_code, 3);
  EXPECT_THAT(strict_rows.err, HasSubstr("requires non-null"));

  EXPECT_EQ(run("read --run r3 --table no_such_table").exit_code, 2);
  EXPECT_EQ(run("read --table identity_edges").exit_code, 2);
  EXPECT_EQ(run("bundle --run r3 --meta '[1'").exit_code, 2);
  const Output bad_run = run("read --run .. --table identity_edges");
  EXPECT_NE(bad_run.exit_code, 0);
  EXPECT_THAT(bad_run.err, HasSubstr(".."));
}

}  // namespace

namespace {

TEST_F(DatasetCommands, SealCompactVacuumAndTail) {
  const std::filesystem::path rows = write_jsonl("rows.jsonl", kRows);
  for (int k = 0; k < 2; ++k)
    ASSERT_EQ(run("append --run r1 --table identity_edges '" + rows.string() + "'").exit_code, 0);
  // Each append process sealed what it wrote on exit: bucket 0 holds two parts.
  const Output compacted = run("compact --run r1 --table identity_edges --bucket 0");
  ASSERT_EQ(compacted.exit_code, 0) << compacted.err;
  const json compact_summary = json::parse(compacted.out);
  ASSERT_EQ(compact_summary.size(), 1U);
  EXPECT_EQ(compact_summary[0]["rows"], 4);
  EXPECT_EQ(compact_summary[0]["replaced"].size(), 2U);
  EXPECT_EQ(json::parse(run("seal --run r1").out).size(), 0U);  // nothing inline left

  const Output kept = run("vacuum --run r1");
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_EQ(json::parse(kept.out)["removed"].size(), 0U);  // within the default grace
  const Output vacuumed = run("vacuum --run r1 --grace-seconds 0");
  EXPECT_EQ(json::parse(vacuumed.out)["removed"].size(), 2U);

  const Output tail = run("tail --run r1 --table identity_edges -n 2");
  ASSERT_EQ(tail.exit_code, 0) << tail.err;
  EXPECT_EQ(std::count(tail.out.begin(), tail.out.end(), '\n'), 2);
  EXPECT_THAT(tail.out, HasSubstr("\"tick\":101"));
  EXPECT_EQ(run("read --run r1 --table identity_edges --count").out, "6\n");
  EXPECT_NE(run("vacuum --run r1 --grace-seconds -1").exit_code, 0);
}

}  // namespace

TEST_F(DatasetCommands, VerifyExitsSixOnProblemsAndRepairFixesThem) {
  const std::filesystem::path input = write_jsonl("rows.jsonl", kRows);
  ASSERT_EQ(run("append --run rv --table identity_edges '" + input.string() + "'").exit_code, 0);
  ASSERT_EQ(run("seal --run rv").exit_code, 0);
  const Output clean = run("verify --run rv");
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_THAT(clean.out, HasSubstr("clean: 1 table(s), 2 part(s), 3 row(s)"));

  const std::filesystem::path bucket = root_ / "data" / "runs" / "rv" / "tables" / "identity_edges" / "bucket=000000";
  ASSERT_TRUE(std::filesystem::is_directory(bucket));
  std::ofstream(bucket / "part-0123456789abcdef0123456789abcdef.parquet.tmp") << "torn";
  const Output dirty = run("verify --run rv --json");
  EXPECT_EQ(dirty.exit_code, 6) << dirty.out << dirty.err;
  const json report = json::parse(dirty.out);
  EXPECT_FALSE(report["clean"].get<bool>());
  ASSERT_EQ(report["problems"].size(), 1u);
  EXPECT_EQ(report["problems"][0]["kind"], "leftover");
  EXPECT_EQ(report["problems"][0]["path"], "bucket=000000/part-0123456789abcdef0123456789abcdef.parquet.tmp");
  EXPECT_THAT(run("verify --run rv").out, HasSubstr("run `crv-io repair`"));

  const Output repaired = run("repair --run rv");
  ASSERT_EQ(repaired.exit_code, 0) << repaired.out << repaired.err;
  EXPECT_THAT(repaired.out,
              HasSubstr("identity_edges: deleted bucket=000000/part-0123456789abcdef0123456789abcdef.parquet.tmp"));
  EXPECT_EQ(run("verify --run rv --deep").exit_code, 0);
  EXPECT_EQ(run("repair --run rv --drop-orphans --adopt-orphans").exit_code, 2);
}

namespace {

// Every JSON parse error of an input names its line and is a data error (exit 5), a JSONL
// line nested 20,000 deep included (it used to overflow the stack).
TEST_F(DatasetCommands, JsonlParseErrorsNameTheLineAndExitFive) {
  const std::string first = R"({"tick":0,"observer_agent_id":"A0","edge_kind":"self_to_object","edge_weight":0})"
                            "\n";
  const auto huge = write_jsonl(
      "huge.jsonl", first + R"({"tick":1,"observer_agent_id":"A1","edge_kind":"self_to_object","edge_weight":1e400})"
                            "\n");
  const Output range = run("append --run r5 --table identity_edges '" + huge.string() + "'");
  EXPECT_EQ(range.exit_code, 5) << range.err;
  EXPECT_THAT(range.err, HasSubstr("JSONL line 2, column 'edge_weight': invalid JSON"));
  EXPECT_THAT(range.err, HasSubstr("1e400"));

  const auto twice =
      write_jsonl("twice.jsonl", R"({"tick":0,"tick":1,"observer_agent_id":"A0","edge_kind":"self_to_object"})"
                                 "\n");
  const Output duplicate = run("append --run r5 --table identity_edges '" + twice.string() + "'");
  EXPECT_EQ(duplicate.exit_code, 5) << duplicate.err;
  EXPECT_THAT(duplicate.err, HasSubstr("JSONL line 1: column 'tick' appears twice"));

  const auto deep = write_jsonl(
      "deep.jsonl", first + "\n" + R"({"tick":2,"observer_agent_id":"A2","edge_kind":"self_to_object","x":)" +
                        std::string(20000, '[') + std::string(20000, ']') + "}\n");
  const Output nested = run("append --run r5 --table identity_edges '" + deep.string() + "'");
  EXPECT_EQ(nested.exit_code, 5) << nested.err;
  EXPECT_THAT(nested.err, HasSubstr("JSONL line 3, column 'x': nested deeper than 64 levels"));

  const auto broken = write_jsonl("broken.jsonl", first + R"({"tick":1,)"
                                                          "\n");
  const Output syntax = run("append --run r5 --table identity_edges '" + broken.string() + "'");
  EXPECT_EQ(syntax.exit_code, 5) << syntax.err;
  EXPECT_THAT(syntax.err, HasSubstr("JSONL line 2"));

  if (std::filesystem::exists(root_ / "data")) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root_ / "data")) {
      EXPECT_NE(entry.path().extension(), ".parquet") << entry.path();
    }
  }
}

TEST_F(DatasetCommands, AColumnListedTwiceIsAUsageError) {
  const auto rows = write_jsonl("edges.jsonl", kRows);
  ASSERT_EQ(run("append --run r6 --table identity_edges '" + rows.string() + "'").exit_code, 0);
  const Output twice = run("read --run r6 --table identity_edges --columns tick,edge_weight,tick");
  EXPECT_EQ(twice.exit_code, 2) << twice.err;
  EXPECT_THAT(twice.err, HasSubstr("column 'tick' is listed twice"));
  EXPECT_EQ(run("read --run r6 --table identity_edges --columns tick,edge_weight").exit_code, 0);
}

}  // namespace

namespace {

// Issue 13, as reproduced: three appends to exchange whose additional_payload is
// {"legs": 1}, then {"legs": "x"}, then {"other": 2.5}. The second is refused with exit 3
// naming the field; the table reads, its struct unified by field name.
TEST_F(DatasetCommands, AStructFieldOfAnotherTypeIsRefusedAndTheTableStaysReadable) {
  const auto line = [](int tick, const std::string& payload) {
    return R"({"tick":)" + std::to_string(tick) +
           R"(,"venue_id":"v","token_id":"T","exchange_event_type":"trade","additional_payload":)" + payload + "}\n";
  };
  const auto append = [&](int tick, const std::string& payload) {
    const auto input = write_jsonl("exchange" + std::to_string(tick) + ".jsonl", line(tick, payload));
    return run("append --run r1 --table exchange '" + input.string() + "'");
  };
  ASSERT_EQ(append(1, R"({"legs":1})").exit_code, 0);
  const Output refused = append(2, R"({"legs":"x"})");
  EXPECT_EQ(refused.exit_code, 3) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("column 'additional_payload', field 'additional_payload.legs': str in this "
                                     "append but i64 in the table"));
  EXPECT_THAT(refused.err, HasSubstr("first row 0, value \"x\""));
  ASSERT_EQ(append(3, R"({"other":2.5})").exit_code, 0);

  const Output read = run("read --run r1 --table exchange --format jsonl --columns tick,additional_payload");
  ASSERT_EQ(read.exit_code, 0) << read.err;
  EXPECT_EQ(read.out,
            "{\"tick\":1,\"additional_payload\":{\"legs\":1,\"other\":null}}\n"
            "{\"tick\":3,\"additional_payload\":{\"legs\":null,\"other\":2.5}}\n");
}

}  // namespace
