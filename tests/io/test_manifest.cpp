#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "crv/io/manifest.hpp"
#include "io/fault_injection_env.hpp"
#include "io/iso_time.hpp"
#include "io/temp_dir.hpp"

namespace crv::io {
namespace {

using testing::read_text;
using testing::TempDir;

// A manifest as the Python reference writes it (json.dumps(indent=2), insertion order),
// with an extra key a later reference version might add.
constexpr const char* kReferenceManifest = R"({
  "table": "identity_edges",
  "version": 1,
  "created_at": "2025-01-01T00:00:00.000000+00:00",
  "updated_at": "2025-01-01T00:05:00.123456+00:00",
  "partitions": {
    "000000": {
      "bucket_id": 0,
      "state": "ready",
      "tick_min": 0,
      "tick_max": 99,
      "row_count": 100,
      "byte_size": 4567,
      "parts": [
        {
          "path": "part-0123456789abcdef0123456789abcdef.parquet",
          "rows": 100,
          "bytes": 4567,
          "tick_min": 0,
          "tick_max": 99,
          "created_at": "2025-01-01T00:00:00.000000+00:00"
        }
      ]
    },
    "000001": {
      "bucket_id": 1,
      "state": "ready",
      "tick_min": 101,
      "tick_max": 150,
      "row_count": 3,
      "byte_size": 2000,
      "parts": [
        {"path": "part-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.parquet", "rows": 1, "bytes": 900,
         "tick_min": 101, "tick_max": 101, "created_at": "2025-01-01T00:01:00.000000+00:00"},
        {"path": "part-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.parquet", "rows": 2, "bytes": 1100,
         "tick_min": 120, "tick_max": 150, "created_at": "2025-01-01T00:05:00.123456+00:00",
         "note": "unknown keys are tolerated"}
      ]
    }
  },
  "writer": "crv.io 0.1"
})";

TEST(Manifest, LoadsAReferenceManifest) {
  TempDir dir;
  const auto path = dir.write("tables/identity_edges/manifest.json", kReferenceManifest);
  const std::optional<TableManifest> manifest = load_manifest(Env::posix(), path);
  ASSERT_TRUE(manifest.has_value());
  EXPECT_EQ(manifest->table, "identity_edges");
  EXPECT_EQ(manifest->version, 1);
  EXPECT_EQ(manifest->created_at, "2025-01-01T00:00:00.000000+00:00");
  EXPECT_EQ(manifest->updated_at, "2025-01-01T00:05:00.123456+00:00");
  ASSERT_EQ(manifest->partitions.size(), 2u);
  const PartitionEntry& first = manifest->partitions.at(0);
  EXPECT_EQ(first.bucket_id, 0);
  EXPECT_EQ(first.state, "ready");
  EXPECT_EQ(first.tick_min, 0);
  EXPECT_EQ(first.tick_max, 99);
  EXPECT_EQ(first.row_count, 100);
  EXPECT_EQ(first.byte_size, 4567);
  ASSERT_EQ(first.parts.size(), 1u);
  EXPECT_EQ(first.parts[0].path, "part-0123456789abcdef0123456789abcdef.parquet");
  EXPECT_EQ(first.parts[0].rows, 100);
  EXPECT_EQ(first.parts[0].bytes, 4567);
  EXPECT_EQ(first.parts[0].created_at, "2025-01-01T00:00:00.000000+00:00");
  const PartitionEntry& second = manifest->partitions.at(1);
  ASSERT_EQ(second.parts.size(), 2u);
  EXPECT_EQ(second.parts[1].tick_max, 150);

  EXPECT_EQ(manifest->total_rows(), 103);
  EXPECT_EQ(manifest->total_bytes(), 6567);
  EXPECT_EQ(manifest->part_count(), 3u);
  EXPECT_EQ(manifest->tick_min(), 0);
  EXPECT_EQ(manifest->tick_max(), 150);
  EXPECT_EQ(manifest->bucket_ids(), (std::vector<std::int64_t>{0, 1}));
}

TEST(Manifest, JsonMatchesTheReferenceShape) {
  TableManifest manifest = TableManifest::from_json(nlohmann::json::parse(kReferenceManifest));
  const nlohmann::ordered_json json = manifest.to_json();
  EXPECT_EQ(json["table"], "identity_edges");
  EXPECT_EQ(json["version"], 1);
  EXPECT_TRUE(json["partitions"].contains("000000"));
  EXPECT_TRUE(json["partitions"].contains("000001"));
  const nlohmann::json& partition = json["partitions"]["000001"];
  for (const char* key : {"bucket_id", "state", "tick_min", "tick_max", "row_count", "byte_size", "parts"}) {
    EXPECT_TRUE(partition.contains(key)) << key;
  }
  const nlohmann::json& part = partition["parts"][0];
  for (const char* key : {"path", "rows", "bytes", "tick_min", "tick_max", "created_at"}) {
    EXPECT_TRUE(part.contains(key)) << key;
  }
  EXPECT_EQ(part.size(), 6u);
  EXPECT_EQ(TableManifest::from_json(json), manifest);
}

TEST(Manifest, WideBucketKeysAreNotTruncated) {
  TableManifest manifest = TableManifest::create("holdings");
  manifest.add_part(1234567, PartEntry{"part-x.parquet", 1, 10, 123456700, 123456700, "t"});
  const nlohmann::ordered_json json = manifest.to_json();
  EXPECT_TRUE(json["partitions"].contains("1234567"));
  EXPECT_EQ(TableManifest::from_json(json), manifest);
}

TEST(Manifest, MissingFileIsNullopt) {
  TempDir dir;
  EXPECT_EQ(load_manifest(Env::posix(), dir / "manifest.json"), std::nullopt);
}

TEST(Manifest, CorruptJsonIsManifestError) {
  TempDir dir;
  const auto path = dir.write("manifest.json", "{\"table\": \"x\", ");
  try {
    load_manifest(Env::posix(), path);
    FAIL();
  } catch (const IoManifestError& error) {
    EXPECT_NE(std::string(error.what()).find(path.string()), std::string::npos) << error.what();
  }
}

TEST(Manifest, WrongTypesNameTheKey) {
  struct Case {
    const char* key;
    std::function<void(nlohmann::json&)> corrupt;
  };
  const std::vector<Case> cases = {
      {"table", [](nlohmann::json& j) { j["table"] = 5; }},
      {"version", [](nlohmann::json& j) { j["version"] = "one"; }},
      {"partitions", [](nlohmann::json& j) { j["partitions"] = nlohmann::json::array(); }},
      {"partitions.000000.tick_min", [](nlohmann::json& j) { j["partitions"]["000000"]["tick_min"] = "0"; }},
      {"partitions.000000.row_count", [](nlohmann::json& j) { j["partitions"]["000000"]["row_count"] = 1.5; }},
      {"partitions.000000.parts", [](nlohmann::json& j) { j["partitions"]["000000"]["parts"] = 3; }},
      {"partitions.000001.parts[1].rows",
       [](nlohmann::json& j) { j["partitions"]["000001"]["parts"][1]["rows"] = "2"; }},
      {"partitions.000001.parts[0].path",
       [](nlohmann::json& j) { j["partitions"]["000001"]["parts"][0].erase("path"); }},
      {"partitions.000000.byte_size", [](nlohmann::json& j) { j["partitions"]["000000"].erase("byte_size"); }},
      {"table", [](nlohmann::json& j) { j.erase("table"); }},
  };
  for (const Case& c : cases) {
    nlohmann::json json = nlohmann::json::parse(kReferenceManifest);
    c.corrupt(json);
    try {
      TableManifest::from_json(json);
      ADD_FAILURE() << "expected IoManifestError for " << c.key;
    } catch (const IoManifestError& error) {
      EXPECT_NE(std::string(error.what()).find("'" + std::string(c.key) + "'"), std::string::npos) << error.what();
      // parse_manifest (simdjson) says the same of the same text, after the file's name.
      try {
        parse_manifest(json.dump(), "m.json");
        ADD_FAILURE() << "parse_manifest accepted what from_json refused: " << c.key;
      } catch (const IoManifestError& parsed) {
        EXPECT_EQ(std::string(parsed.what()), "invalid manifest 'm.json': " + std::string(error.what()));
      }
    }
  }
}

// parse_manifest decodes simdjson's DOM, TableManifest::from_json nlohmann's value: the
// same text gives the same manifest or the same error, duplicate keys and numbers at the
// edges of the integer ranges included.
TEST(Manifest, ParseManifestAgreesWithFromJson) {
  const std::string part =
      R"({"path": "part-0123456789abcdef0123456789abcdef.parquet", "tick_min": 0, "tick_max": 9, )";
  const auto with_part = [](const std::string& fields) {
    return R"({"table": "holdings", "partitions": {"000000": {"bucket_id": 0, "tick_min": 0, "tick_max": 9, )"
           R"("row_count": 1, "byte_size": 5, "parts": [)" +
           fields + "]}}}";
  };
  const std::vector<std::string> texts = {
      kReferenceManifest,
      with_part(part + R"("rows": 1, "bytes": 5, "rows": 2})"),                     // the last "rows" counts
      with_part(part + R"("rows": 9223372036854775807, "bytes": 5})"),              // INT64_MAX
      with_part(part + R"("rows": 9223372036854775808, "bytes": 5})"),              // one past it
      with_part(part + R"("rows": 99999999999999999999, "bytes": 5})"),             // past uint64
      with_part(part + R"("rows": -9223372036854775808, "bytes": 5})"),             // INT64_MIN
      with_part(part + R"("rows": 1.0, "bytes": 5})"),                              // a float
      with_part(part + R"("rows": true, "bytes": 5})"),                             // a boolean
      with_part(part + R"("rows": 1, "bytes": 5, "created_at": null, "x": [1]})"),  // null, unknown key
      with_part(R"("not a part")"),
      R"({"table": "holdings", "partitions": {"000001": {"bucket_id": 1, "tick_min": 100, "tick_max": 100, )"
      R"("row_count": 0, "byte_size": 0, "parts": []}, "000001": {"bucket_id": 1, "tick_min": 100, )"
      R"("tick_max": 109, "row_count": 0, "byte_size": 0, "parts": []}}})",  // a repeated partition: the last
      R"({"table": "holdings", "version": 2, "version": "two", "partitions": {}})",
      R"({"table": "holdings", "partitions": {}, "updated_at": 7})",
      R"([1, 2])",
  };
  for (const std::string& text : texts) {
    std::string expected;
    try {
      expected = TableManifest::from_json(nlohmann::json::parse(text)).to_json().dump();
    } catch (const IoManifestError& error) {
      expected = "invalid manifest 'm.json': " + std::string(error.what());
    }
    std::string got;
    try {
      got = parse_manifest(text, "m.json").to_json().dump();
    } catch (const IoManifestError& error) {
      got = error.what();
    }
    EXPECT_EQ(got, expected) << text;
  }
}

TEST(Manifest, PartitionKeyMustMatchBucketId) {
  nlohmann::json json = nlohmann::json::parse(kReferenceManifest);
  json["partitions"]["000000"]["bucket_id"] = 7;
  EXPECT_THROW(TableManifest::from_json(json), IoManifestError);
}

TEST(Manifest, AddPartUpdatesTotals) {
  TableManifest manifest = TableManifest::create("exchange");
  EXPECT_EQ(manifest.table, "exchange");
  EXPECT_EQ(manifest.version, 1);
  EXPECT_EQ(manifest.created_at, manifest.updated_at);
  EXPECT_EQ(manifest.tick_min(), std::nullopt);
  EXPECT_EQ(manifest.total_rows(), 0);

  manifest.add_part(1, PartEntry{"part-a.parquet", 10, 1000, 120, 130, "t1"});
  manifest.add_part(1, PartEntry{"part-b.parquet", 5, 500, 105, 125, "t2"});
  manifest.add_part(0, PartEntry{"part-c.parquet", 2, 200, 3, 4, "t3"});
  const PartitionEntry& bucket1 = manifest.partitions.at(1);
  EXPECT_EQ(bucket1.bucket_id, 1);
  EXPECT_EQ(bucket1.state, "ready");
  EXPECT_EQ(bucket1.tick_min, 105);
  EXPECT_EQ(bucket1.tick_max, 130);
  EXPECT_EQ(bucket1.row_count, 15);
  EXPECT_EQ(bucket1.byte_size, 1500);
  EXPECT_EQ(bucket1.parts.size(), 2u);
  EXPECT_EQ(manifest.total_rows(), 17);
  EXPECT_EQ(manifest.total_bytes(), 1700);
  EXPECT_EQ(manifest.tick_min(), 3);
  EXPECT_EQ(manifest.tick_max(), 130);
  EXPECT_EQ(manifest.bucket_ids(), (std::vector<std::int64_t>{0, 1}));
}

TEST(Manifest, PartitionsOverlappingARange) {
  TableManifest manifest = TableManifest::from_json(nlohmann::json::parse(kReferenceManifest));
  const auto ids = [&](std::optional<std::int64_t> lo, std::optional<std::int64_t> hi) {
    std::vector<std::int64_t> out;
    for (const PartitionEntry* p : manifest.partitions_overlapping(lo, hi)) out.push_back(p->bucket_id);
    return out;
  };
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(ids(std::nullopt, std::nullopt), (V{0, 1}));
  EXPECT_EQ(ids(0, 99), V{0});
  EXPECT_EQ(ids(99, 101), (V{0, 1}));
  EXPECT_EQ(ids(100, 100), V{});  // between the two partitions' ranges
  EXPECT_EQ(ids(150, std::nullopt), V{1});
  EXPECT_EQ(ids(std::nullopt, 0), V{0});
  EXPECT_EQ(ids(151, 1000), V{});
}

/// The POSIX Env with its clock stopped at `now_ns`: tests fix the times crv-io stamps.
class FixedClockEnv : public FaultInjectionEnv {
 public:
  explicit FixedClockEnv(std::int64_t now_ns) : FaultInjectionEnv(Env::posix()), now_ns_(now_ns) {}
  std::int64_t now_ns() const override { return now_ns_; }

 private:
  std::int64_t now_ns_;
};

// 2025-01-02T03:04:05.000006+00:00 (and 789 ns, which the microsecond format drops).
constexpr std::int64_t kFixedNow = 1735787045'000006789;

TEST(Manifest, SaveThenLoadRoundTripsAndFillsMissingTimesFromTheEnvClock) {
  TempDir dir;
  const auto path = dir / "runs/r/tables/exchange/manifest.json";
  TableManifest manifest = TableManifest::create("exchange");
  manifest.add_part(0, PartEntry{"part-a.parquet", 3, 300, 0, 2, "2025-01-01T00:00:00.000000+00:00"});
  EXPECT_EQ(manifest.created_at, "2025-01-01T00:00:00.000000+00:00");
  EXPECT_EQ(manifest.updated_at, "2025-01-01T00:00:00.000000+00:00");
  FixedClockEnv env(kFixedNow);
  save_manifest(env, path, manifest);
  EXPECT_FALSE(std::filesystem::exists(dir / "runs/r/tables/exchange/manifest.json.tmp"));
  const auto loaded = load_manifest(Env::posix(), path);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(*loaded, manifest);  // written as it is

  // A manifest without times gets the Env's clock.
  save_manifest(env, path, TableManifest::create("exchange"));
  EXPECT_EQ(load_manifest(Env::posix(), path)->created_at, "2025-01-02T03:04:05.000006+00:00");
  EXPECT_EQ(load_manifest(Env::posix(), path)->updated_at, "2025-01-02T03:04:05.000006+00:00");
}

TEST(Manifest, SaveIsAtomicWhenRenameFails) {
  TempDir dir;
  const auto path = dir / "manifest.json";
  TableManifest old_manifest = TableManifest::create("holdings");
  old_manifest.add_part(0, PartEntry{"part-old.parquet", 1, 10, 0, 0, "t"});
  save_manifest(Env::posix(), path, old_manifest);
  old_manifest = *load_manifest(Env::posix(), path);  // with the times the save filled in
  const std::string old_text = read_text(path);

  TableManifest new_manifest = old_manifest;
  new_manifest.add_part(1, PartEntry{"part-new.parquet", 1, 10, 100, 100, "t"});
  FaultInjectionEnv env(Env::posix());
  env.fail_nth(EnvOp::Rename, 1);
  try {
    save_manifest(env, path, new_manifest);
    FAIL();
  } catch (const IoManifestError& error) {
    EXPECT_NE(std::string(error.what()).find("manifest.json"), std::string::npos) << error.what();
  }
  EXPECT_EQ(read_text(path), old_text);
  EXPECT_FALSE(std::filesystem::exists(dir / "manifest.json.tmp"));
  EXPECT_EQ(load_manifest(Env::posix(), path), old_manifest);
}

TEST(Manifest, SaveFailsCleanlyAtEveryStepBeforeTheRename) {
  TempDir dir;
  const auto path = dir / "manifest.json";
  TableManifest old_manifest = TableManifest::create("holdings");
  save_manifest(Env::posix(), path, old_manifest);
  old_manifest = *load_manifest(Env::posix(), path);  // with the times the save filled in
  TableManifest new_manifest = old_manifest;
  new_manifest.add_part(2, PartEntry{"p.parquet", 1, 1, 200, 200, "t"});
  for (EnvOp op : {EnvOp::CreateDirs, EnvOp::OpenWritable, EnvOp::Write, EnvOp::Sync, EnvOp::Close, EnvOp::Rename}) {
    FaultInjectionEnv env(Env::posix());
    env.fail_nth(op, 1);
    EXPECT_THROW(save_manifest(env, path, new_manifest), IoManifestError) << to_string(op);
    EXPECT_EQ(load_manifest(Env::posix(), path), old_manifest) << to_string(op);
    EXPECT_FALSE(std::filesystem::exists(dir / "manifest.json.tmp")) << to_string(op);
  }
  FaultInjectionEnv env(Env::posix());
  save_manifest(env, path, new_manifest);
  EXPECT_EQ(env.count(EnvOp::Sync), 1u);     // the manifest is fsynced
  EXPECT_EQ(env.count(EnvOp::SyncDir), 1u);  // and so is its directory
  EXPECT_EQ(load_manifest(Env::posix(), path), new_manifest);
}

TEST(Manifest, UnreadableManifestIsManifestError) {
  TempDir dir;
  const auto path = dir.write("manifest.json", kReferenceManifest);
  FaultInjectionEnv env(Env::posix());
  env.fail_nth(EnvOp::ReadFile, 1);
  EXPECT_THROW(load_manifest(env, path), IoManifestError);
}

TEST(Manifest, TimestampsAreIsoWithMicrosecondsAndOffsetFromTheEnvClock) {
  const std::string now = detail::utc_now_iso(Env::posix());
  EXPECT_TRUE(std::regex_match(now, std::regex(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$)"))) << now;
  EXPECT_GE(now, std::string("2025-01-01"));
  EXPECT_EQ(detail::utc_now_iso(FixedClockEnv(kFixedNow)), "2025-01-02T03:04:05.000006+00:00");
  EXPECT_EQ(detail::iso_utc(-1), "1969-12-31T23:59:59.999999+00:00");
  EXPECT_EQ(detail::parse_iso_utc("2025-01-02T03:04:05.000006+00:00"), kFixedNow - 789);
  EXPECT_EQ(detail::parse_iso_utc("2025-01-02T03:04:05+00:00"), kFixedNow - 6789);
  EXPECT_EQ(detail::parse_iso_utc("yesterday"), std::nullopt);
}

}  // namespace
}  // namespace crv::io
