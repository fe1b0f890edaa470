// One shape per struct column (issue 13): appends whose struct fields conflict with what the
// table stores are refused before anything is written; new and absent fields are accepted,
// and every read unifies the parts by field name; seals and compactions write the unified
// shape; racing writers cannot commit conflicting shapes.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "crv/frame/json.hpp"
#include "crv/frame/kernels.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/paths.hpp"
#include "crv/parquet/reader.hpp"
#include "io/dataset_test_support.hpp"
#include "io/fault_injection_env.hpp"
#include "io/part_io.hpp"

namespace crv::io {
namespace {

using testing::TempRoot;
namespace fs = std::filesystem;

constexpr auto kExchange = core::TableName::Exchange;
constexpr auto kScenarios = core::TableName::ScenariosSeen;

#define EXPECT_THAT_STRING(text, part) EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

frame::Frame from_jsonl(const std::string& text) {
  std::istringstream in(text);
  return frame::frame_from_jsonl(in);
}

/// exchange rows at `tick`, one per payload (JSON text).
frame::Frame exchange(std::int64_t tick, const std::vector<std::string>& payloads) {
  std::string text;
  for (const std::string& payload : payloads) {
    text += R"({"tick":)" + std::to_string(tick) +
            R"(,"venue_id":"v","token_id":"T","exchange_event_type":"trade","additional_payload":)" + payload + "}\n";
  }
  return from_jsonl(text);
}

/// A scenarios_seen row at `tick` whose salient_agent_pairs is `pairs` (JSON text).
frame::Frame scenarios(std::int64_t tick, const std::string& pairs) {
  return from_jsonl(R"({"tick":)" + std::to_string(tick) + R"(,"observer_agent_id":"A","salient_agent_pairs":)" +
                    pairs + R"(,"exchange_snapshot":{"price":1.0},"context_hash":"h"})" + "\n");
}

/// The column's values as compact JSON, row by row.
std::vector<std::string> json_values(const frame::Frame& frame, const std::string& column) {
  std::vector<std::string> values;
  for (std::int64_t row = 0; row < frame.num_rows(); ++row) {
    values.push_back(frame::value_to_json(frame.column(column), row).dump());
  }
  return values;
}

std::string type_of(const frame::Frame& frame, const std::string& column) {
  return frame.column(column).type()->to_string();
}

/// The message of the IoSchemaError `append` throws (fails the test when it throws nothing).
std::string schema_error(const std::function<void()>& append) {
  try {
    append();
  } catch (const IoSchemaError& error) {
    return error.what();
  }
  ADD_FAILURE() << "no IoSchemaError";
  return {};
}

/// Settings that keep small appends inline in the log, or write every append as parts.
IoSettings settings_for(const TempRoot& root, bool inline_rows) {
  return inline_rows ? root.streaming_settings() : root.settings();
}

/// The schema of each listed part of the table, by bucket.
std::vector<std::string> part_types(const IoSettings& settings, const std::string& run, core::TableName table,
                                    const std::string& column) {
  std::vector<std::string> types;
  const TableManifest manifest = *load_manifest(Env::posix(), manifest_path(settings, run, table));
  for (const auto& [bucket_id, partition] : manifest.partitions) {
    for (const PartEntry& part : partition.parts) {
      const auto reader = open_parquet_file(Env::posix(), bucket_dir(settings, run, table, bucket_id) / part.path);
      for (const frame::Field& field : reader->frame_schema()) {
        if (field.name == column) types.push_back(field.type->to_string());
      }
    }
  }
  return types;
}

TEST(StructShape, AConflictingInnerFieldIsRefusedNewAndAbsentFieldsAreAcceptedAndTheTableReads) {
  for (const bool inline_rows : {true, false}) {
    SCOPED_TRACE(inline_rows ? "inline rows" : "parts");
    TempRoot root;
    const IoSettings settings = settings_for(root, inline_rows);
    Dataset dataset(settings, "run_drift");
    dataset.append(kExchange, exchange(1, {R"({"legs":1})"}));

    const auto before = testing::file_snapshot(root.path());
    const std::string message = schema_error([&] {
      dataset.append(kExchange, exchange(2, {R"({"legs":null})", R"({"legs":null})", R"({"legs":"x"})"}));
    });
    EXPECT_THAT_STRING(message, "table 'exchange', column 'additional_payload', field 'additional_payload.legs'");
    EXPECT_THAT_STRING(message, "str in this append but i64 in the table");
    EXPECT_THAT_STRING(message, "first row 2, value \"x\"");
    EXPECT_EQ(testing::file_snapshot(root.path()), before) << "a refused append wrote something";

    dataset.append(kExchange, exchange(3, {R"({"other":2.5})"}));
    const frame::Frame rows = dataset.read(kExchange);
    EXPECT_EQ(type_of(rows, "additional_payload"), "struct{legs: i64, other: f64}");
    EXPECT_EQ(json_values(rows, "additional_payload"),
              (std::vector<std::string>{R"({"legs":1,"other":null})", R"({"legs":null,"other":2.5})"}));
    // The batches and a reader opening the run afresh unify the same way.
    std::vector<std::string> batched;
    ScanBatchReader batches = dataset.scan(kExchange).batches();
    while (const std::optional<frame::Frame> batch = batches.next()) {
      EXPECT_EQ(type_of(*batch, "additional_payload"), "struct{legs: i64, other: f64}");
      for (const std::string& value : json_values(*batch, "additional_payload")) batched.push_back(value);
    }
    EXPECT_EQ(batched, json_values(rows, "additional_payload"));
    EXPECT_TRUE(frame::equals(Dataset(settings, "run_drift").read(kExchange), rows));
    const FollowResult followed = Dataset(settings, "run_drift").follow(kExchange);
    EXPECT_EQ(json_values(followed.rows, "additional_payload"), json_values(rows, "additional_payload"));
  }
}

TEST(StructShape, ListOfStructFieldsDriftByName) {
  TempRoot root;
  Dataset dataset(root.streaming_settings(), "run_list");
  dataset.append(kScenarios, scenarios(1, R"([{"a":"A","w":0.5}])"));
  dataset.append(kScenarios, scenarios(2, R"([{"a":"B","extra":true},{"a":"C"}])"));
  const std::string message =
      schema_error([&] { dataset.append(kScenarios, scenarios(3, R"([{"a":"D"},{"w":"heavy"}])")); });
  EXPECT_THAT_STRING(message, "column 'salient_agent_pairs', field 'salient_agent_pairs[].w'");
  EXPECT_THAT_STRING(message, "str in this append but f64 in the table");
  EXPECT_THAT_STRING(message, "first row 0, value \"heavy\"");

  const frame::Frame rows = dataset.read(kScenarios);
  EXPECT_EQ(type_of(rows, "salient_agent_pairs"), "list[struct{a: str, w: f64, extra: bool}]");
  EXPECT_EQ(json_values(rows, "salient_agent_pairs"),
            (std::vector<std::string>{R"([{"a":"A","w":0.5,"extra":null}])",
                                      R"([{"a":"B","w":null,"extra":true},{"a":"C","w":null,"extra":null}])"}));
}

TEST(StructShape, NestedStructsConflictAtAnyDepthAndDriftAtAnyDepth) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_nested");
  dataset.append(kExchange, exchange(1, {R"({"leg":{"n":1}})"}));
  dataset.append(kExchange, exchange(2, {R"({"leg":{"m":"x"}})"}));

  std::string message = schema_error([&] { dataset.append(kExchange, exchange(3, {R"({"leg":{"n":{"deep":1}}})"})); });
  EXPECT_THAT_STRING(message,
                     "field 'additional_payload.leg.n': struct{deep: i64} in this append but i64 in the table");
  message = schema_error([&] { dataset.append(kExchange, exchange(3, {R"({"leg":5})"})); });
  EXPECT_THAT_STRING(message,
                     "field 'additional_payload.leg': i64 in this append but struct{n: i64, m: str} in the table");
  EXPECT_THAT_STRING(message, "first row 0, value 5");

  const frame::Frame rows = dataset.read(kExchange);
  EXPECT_EQ(type_of(rows, "additional_payload"), "struct{leg: struct{n: i64, m: str}}");
  EXPECT_EQ(json_values(rows, "additional_payload"),
            (std::vector<std::string>{R"({"leg":{"n":1,"m":null}})", R"({"leg":{"n":null,"m":"x"}})"}));
}

TEST(StructShape, AFieldIsCastToTheStoredTypeWhenThatLosesNothing) {
  TempRoot root;
  Dataset dataset(root.streaming_settings(), "run_cast");
  dataset.append(kExchange, exchange(1, {R"({"legs":1,"price":1.5})"}));
  // 2.0 is an integral f64 (to i64), 3 an exact i64 (to f64), an all-null field of any type is nulls.
  dataset.append(kExchange,
                 exchange(2, {R"({"legs":2.0,"price":3,"other":null})", R"({"legs":null,"price":null,"other":null})"}));
  const std::string message = schema_error([&] {
    dataset.append(kExchange, exchange(3, {R"({"legs":4.0})", R"({"legs":2.5})"}));
  });
  EXPECT_THAT_STRING(message,
                     "field 'additional_payload.legs': f64 in this append but i64 in the table, and a value "
                     "does not convert exactly; first row 1, value 2.5");
  // A struct where the table has a scalar is never cast, nor a str to a number.
  EXPECT_THAT_STRING(schema_error([&] { dataset.append(kExchange, exchange(3, {R"({"price":"1.5"})"})); }),
                     "(no lossless cast from str to f64)");

  const frame::Frame rows = dataset.read(kExchange);
  EXPECT_EQ(type_of(rows, "additional_payload"), "struct{legs: i64, price: f64, other: str}");
  EXPECT_EQ(
      json_values(rows, "additional_payload"),
      (std::vector<std::string>{R"({"legs":1,"price":1.5,"other":null})", R"({"legs":2,"price":3.0,"other":null})",
                                R"({"legs":null,"price":null,"other":null})"}));
}

TEST(StructShape, ExtraColumnsKeepOneTypeToo) {
  TempRoot root;
  IoSettings settings = root.streaming_settings();
  settings.strict_schema = false;
  Dataset dataset(settings, "run_extra");
  frame::Frame first = exchange(1, {R"({"legs":1})"});
  dataset.append(kExchange, first.with_column("note", frame::Column::from<std::int64_t>({7})));
  frame::Frame second = exchange(2, {R"({"legs":1})"});
  const std::string message = schema_error(
      [&] { dataset.append(kExchange, second.with_column("note", frame::Column::from<std::string>({"seven"}))); });
  EXPECT_THAT_STRING(message, "table 'exchange', column 'note': str in this append but i64 in the table");
  EXPECT_EQ(dataset.read(kExchange).num_rows(), 1);
}

TEST(StructShape, SealsAndCompactionsWriteTheUnifiedShapeAndANewProcessKnowsIt) {
  TempRoot root;
  const IoSettings settings = root.streaming_settings();  // buckets of 100 ticks
  {
    Dataset dataset(settings, "run_seal");
    dataset.append(kExchange, exchange(1, {R"({"legs":1})"}));
    dataset.append(kExchange, exchange(2, {R"({"other":2.5})"}));
    dataset.append(kExchange, exchange(150, {R"({"legs":3})"}));  // bucket 0 is sealed behind the stream
    dataset.close();
  }
  // Both buckets' parts carry every field the table has, in first-seen order.
  EXPECT_EQ(part_types(settings, "run_seal", kExchange, "additional_payload"),
            (std::vector<std::string>{"struct{legs: i64, other: f64}", "struct{legs: i64, other: f64}"}));
  // A new Dataset (a new process) knows the shape from the parts.
  Dataset reopened(settings, "run_seal");
  EXPECT_THAT_STRING(schema_error([&] { reopened.append(kExchange, exchange(160, {R"({"other":"x"})"})); }),
                     "field 'additional_payload.other': str in this append but f64 in the table");
  reopened.append(kExchange, exchange(160, {R"({"more":true})"}));
  reopened.close();
  EXPECT_EQ(json_values(reopened.read(kExchange), "additional_payload"),
            (std::vector<std::string>{
                R"({"legs":1,"other":null,"more":null})", R"({"legs":null,"other":2.5,"more":null})",
                R"({"legs":3,"other":null,"more":null})", R"({"legs":null,"other":null,"more":true})"}));

  // Compaction: two parts of one bucket with different fields become one part of both.
  const IoSettings parts = root.settings();
  Dataset dataset(parts, "run_compact");
  dataset.append(kExchange, exchange(1, {R"({"legs":1})"}));
  dataset.append(kExchange, exchange(2, {R"({"other":2.5})"}));
  EXPECT_EQ(part_types(parts, "run_compact", kExchange, "additional_payload"),
            (std::vector<std::string>{"struct{legs: i64}", "struct{other: f64}"}));
  dataset.compact(kExchange);
  EXPECT_EQ(part_types(parts, "run_compact", kExchange, "additional_payload"),
            (std::vector<std::string>{"struct{legs: i64, other: f64}"}));
  EXPECT_EQ(json_values(dataset.read(kExchange), "additional_payload"),
            (std::vector<std::string>{R"({"legs":1,"other":null})", R"({"legs":null,"other":2.5})"}));
}

TEST(StructShape, WithoutAManifestTheShapeComesFromThePartsOnDisk) {
  TempRoot root;
  const IoSettings settings = root.settings();
  {
    Dataset dataset(settings, "run_walk");
    dataset.append(kExchange, exchange(1, {R"({"legs":1})"}));
    dataset.close();
  }
  fs::remove(manifest_path(settings, "run_walk", kExchange));
  Dataset dataset(settings, "run_walk");
  EXPECT_THAT_STRING(schema_error([&] { dataset.append(kExchange, exchange(2, {R"({"legs":"x"})"})); }),
                     "field 'additional_payload.legs': str in this append but i64 in the table");
  dataset.append(kExchange, exchange(2, {R"({"legs":2})"}));
  const std::vector<std::string> values = json_values(dataset.read(kExchange), "additional_payload");
  // The walk lists a bucket's parts in directory order.
  EXPECT_EQ(std::multiset<std::string>(values.begin(), values.end()),
            (std::multiset<std::string>{R"({"legs":1})", R"({"legs":2})"}));
}

/// An Env that runs a hook once, just before the next lock of a run's append log is taken:
/// another writer commits in the window between a commit's checks and its record.
class BeforeLogLockEnv final : public FaultInjectionEnv {
 public:
  explicit BeforeLogLockEnv(Env& target) : FaultInjectionEnv(target) {}
  std::function<void()> hook;

  std::unique_ptr<FileLock> lock_file(const fs::path& path) override {
    if (hook && path.parent_path().filename() == "_crv_log") std::exchange(hook, nullptr)();
    return FaultInjectionEnv::lock_file(path);
  }
};

TEST(StructShape, AWriterThatCommittedAnotherShapeMeanwhileIsSeenUnderTheLogLock) {
  for (const bool inline_rows : {true, false}) {
    SCOPED_TRACE(inline_rows ? "inline rows" : "parts");
    TempRoot root;
    const IoSettings settings = settings_for(root, inline_rows);
    BeforeLogLockEnv env(Env::posix());
    Dataset mine(settings, "run_race", env);
    Dataset theirs(settings, "run_race");
    mine.append(kExchange, exchange(1, {R"({"other":1.0})"}));

    // They store legs as str after this append checked its frame: the append is made again
    // and refused, and nothing of it stays (no part, no record).
    env.hook = [&] { theirs.append(kExchange, exchange(2, {R"({"legs":"x"})"})); };
    const std::string message = schema_error([&] { mine.append(kExchange, exchange(3, {R"({"legs":1})"})); });
    EXPECT_THAT_STRING(message, "field 'additional_payload.legs': i64 in this append but str in the table");
    // They store count as i64: this append's 2.0 is cast on its second attempt.
    env.hook = [&] { theirs.append(kExchange, exchange(4, {R"({"count":1})"})); };
    mine.append(kExchange, exchange(5, {R"({"count":2.0})"}));

    const frame::Frame rows = Dataset(settings, "run_race").read(kExchange);
    EXPECT_EQ(type_of(rows, "additional_payload"), "struct{other: f64, legs: str, count: i64}");
    EXPECT_EQ(json_values(rows, "additional_payload"),
              (std::vector<std::string>{
                  R"({"other":1.0,"legs":null,"count":null})", R"({"other":null,"legs":"x","count":null})",
                  R"({"other":null,"legs":null,"count":1})", R"({"other":null,"legs":null,"count":2})"}));
    if (!inline_rows) {
      const TableManifest manifest = *load_manifest(Env::posix(), manifest_path(settings, "run_race", kExchange));
      EXPECT_EQ(testing::files_ending_with(table_dir(settings, "run_race", kExchange), ".parquet").size(),
                manifest.partitions.at(0).parts.size())
          << "the refused attempt left a part";
    }
  }
}

TEST(StructShape, ProcessesRacingWithConflictingShapesLeaveAReadableTable) {
  TempRoot root;
  const IoSettings settings = root.streaming_settings();
  constexpr int kProcesses = 4;
  constexpr int kAppends = 15;
  // Even writers store legs as i64, odd ones as str: whichever commits first wins, the
  // others' appends are refused with the named error, never stored.
  testing::run_writer_processes(kProcesses, [&](int p) {
    int status = 0;
    Dataset dataset(settings, "run_processes");
    for (int k = 0; k < kAppends; ++k) {
      const std::string legs = p % 2 == 0 ? std::to_string(k) : "\"k" + std::to_string(k) + "\"";
      try {
        dataset.append(kExchange, exchange(k, {R"({"legs":)" + legs + "}"}));
      } catch (const IoSchemaError& error) {
        if (std::string(error.what()).find("additional_payload.legs") == std::string::npos) status = 2;
      }
    }
    dataset.close();
    return status;
  });
  const frame::Frame rows = Dataset(settings, "run_processes").read(kExchange);
  const std::string type = type_of(rows, "additional_payload");
  EXPECT_TRUE(type == "struct{legs: i64}" || type == "struct{legs: str}") << type;
  // The winners' appends are all there: two writers' worth of rows.
  EXPECT_EQ(rows.num_rows(), 2 * kAppends);
}

}  // namespace
}  // namespace crv::io
