// Every Env call of a tick commit, a seal, a compaction and a vacuum failed in turn: the
// error is an IoError, the tables are unchanged or consistently advanced (every acknowledged
// row visible exactly once, a commit's tables together), and a retry succeeds.

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/paths.hpp"
#include "crv/parquet/error.hpp"
#include "io/dataset_test_support.hpp"
#include "io/fault_injection_env.hpp"

namespace crv::io {
namespace {

using testing::TempRoot;
namespace fs = std::filesystem;

constexpr auto kEdges = core::TableName::IdentityEdges;
constexpr auto kHoldings = core::TableName::Holdings;

frame::Frame edges(const std::string& tag, std::int64_t tick, int rows) {
  std::vector<std::optional<std::string>> observers;
  for (int k = 0; k < rows; ++k) observers.emplace_back(tag + "-" + std::to_string(k));
  return frame::Frame{
      {"tick", frame::Column::from<std::int64_t>(std::vector<std::int64_t>(rows, tick))},
      {"observer_agent_id", frame::Column::from<std::string>(observers)},
      {"edge_kind", frame::Column::from<std::string>(std::vector<std::optional<std::string>>(rows, "self_to_object"))},
      {"edge_weight", frame::Column::from<double>(std::vector<std::optional<double>>(rows, 0.5))}};
}

frame::Frame holdings(const std::string& tag, std::int64_t tick, int rows) {
  std::vector<std::optional<std::string>> agents;
  for (int k = 0; k < rows; ++k) agents.emplace_back(tag + "-" + std::to_string(k));
  return frame::Frame{
      {"tick", frame::Column::from<std::int64_t>(std::vector<std::int64_t>(rows, tick))},
      {"agent_id", frame::Column::from<std::string>(agents)},
      {"token_id", frame::Column::from<std::string>(std::vector<std::optional<std::string>>(rows, "T"))},
      {"quantity", frame::Column::from<std::int64_t>(std::vector<std::optional<std::int64_t>>(rows, 1))}};
}

std::multiset<std::string> ids(const Dataset& dataset, core::TableName table) {
  const frame::Frame rows = dataset.read(table);
  const frame::Column& column = rows.column(table == kEdges ? "observer_agent_id" : "agent_id");
  std::multiset<std::string> out;
  for (std::int64_t row = 0; row < column.length(); ++row) out.insert(std::string(column.string_value(row)));
  return out;
}

/// What a step did: nothing raised, or an IoError (the documented base of every io error),
/// or something else (a failure of the test).
enum class Outcome { Done, IoFailure, OtherFailure };

Outcome run_step(const std::function<void()>& step) {
  try {
    step();
  } catch (const IoError&) {
    return Outcome::IoFailure;
  } catch (const parquet::ParquetError&) {
    return Outcome::OtherFailure;
  } catch (const std::exception&) {
    return Outcome::OtherFailure;
  }
  return Outcome::Done;
}

/// Runs `step` on a copy of `base` for every Env call it makes, failing that call; `check`
/// then looks at the copy through the real filesystem (with whether the step raised).
void sweep(const TempRoot& base, const IoSettings& base_settings, const std::function<void(Dataset&)>& step,
           const std::function<void(const IoSettings&, Outcome)>& check) {
  std::map<EnvOp, std::uint64_t> calls;
  {
    TempRoot probe;
    fs::copy(base.path(), probe.path(), fs::copy_options::recursive);
    IoSettings settings = base_settings;
    settings.root_dir = probe.path();
    FaultInjectionEnv env(Env::posix());
    Dataset dataset(settings, "run", env);
    env.reset_counts();
    step(dataset);
    for (const EnvOp op : kEveryEnvOp) calls[op] = env.count(op);
  }
  int injected = 0;
  for (const EnvOp op : kEveryEnvOp) {
    for (std::uint64_t nth = 1; nth <= calls[op]; ++nth) {
      SCOPED_TRACE(std::string(to_string(op)) + " call " + std::to_string(nth));
      TempRoot copy;
      fs::copy(base.path(), copy.path(), fs::copy_options::recursive);
      IoSettings settings = base_settings;
      settings.root_dir = copy.path();
      Outcome outcome = Outcome::Done;
      {
        FaultInjectionEnv env(Env::posix());
        Dataset dataset(settings, "run", env);
        env.reset_counts();
        env.fail_nth(op, nth);
        outcome = run_step([&] { step(dataset); });
        if (env.faults_fired() == 0) continue;
        ++injected;
        env.clear_faults();
      }  // (the Dataset's close runs without faults)
      EXPECT_NE(outcome, Outcome::OtherFailure);
      check(settings, outcome);
      // A retry succeeds and the state checks again.
      Dataset retry(settings, "run");
      EXPECT_EQ(run_step([&] { step(retry); }), Outcome::Done);
      check(settings, Outcome::Done);
    }
  }
  EXPECT_GT(injected, 10);
}

TEST(LogFaults, TickCommitAcrossTwoTables) {
  TempRoot base;
  IoSettings settings = base.streaming_settings();
  settings.root_dir = base.path();
  {
    Dataset dataset(settings, "run");
    dataset.append_batch(std::vector<TableAppend>{{kEdges, edges("e0", 0, 2)}, {kHoldings, holdings("h0", 0, 2)}});
  }
  int attempt = 0;
  sweep(
      base, settings,
      [&](Dataset& dataset) {
        const std::string tag = std::to_string(++attempt);
        dataset.append_batch(
            std::vector<TableAppend>{{kEdges, edges("e" + tag, 1, 3)}, {kHoldings, holdings("h" + tag, 1, 3)}});
      },
      [](const IoSettings& s, Outcome) {
        const Dataset reader(s, "run");
        const std::multiset<std::string> e = ids(reader, kEdges);
        const std::multiset<std::string> h = ids(reader, kHoldings);
        // Both tables advanced by whole commits, together, each row once.
        EXPECT_EQ(e.size(), h.size());
        EXPECT_EQ((e.size() - 2) % 3, 0U);
        EXPECT_EQ(std::set<std::string>(e.begin(), e.end()).size(), e.size());
      });
}

TEST(LogFaults, SealAndCompact) {
  TempRoot base;
  IoSettings settings = base.streaming_settings();
  settings.root_dir = base.path();
  {
    // Bucket 0: a sealed part and a late part beside it (compact merges them); bucket 1:
    // sealed by the destructor.
    Dataset dataset(settings, "run");
    for (int tick = 0; tick < 5; ++tick) dataset.append(kEdges, edges("a" + std::to_string(tick), tick, 2));
    dataset.seal();
    dataset.append(kEdges, edges("late", 3, 2));
    for (int tick = 100; tick < 103; ++tick) dataset.append(kEdges, edges("b" + std::to_string(tick), tick, 2));
  }
  const auto check = [](const IoSettings& s, Outcome) {
    const Dataset reader(s, "run");
    const std::multiset<std::string> e = ids(reader, kEdges);
    EXPECT_EQ(e.size(), 18U);
    EXPECT_EQ(std::set<std::string>(e.begin(), e.end()).size(), e.size());
    const auto manifest = reader.manifest(kEdges);
    ASSERT_TRUE(manifest);
    EXPECT_LE(manifest->total_rows(), 18);
  };
  sweep(
      base, settings, [](Dataset& dataset) { dataset.compact(kEdges); }, check);
}

TEST(LogFaults, SealOfInlineRows) {
  TempRoot base;
  IoSettings settings = base.streaming_settings();
  settings.root_dir = base.path();
  {
    FaultInjectionEnv env(Env::posix());
    Dataset dataset(settings, "run", env);
    for (int tick = 0; tick < 6; ++tick) dataset.append(kEdges, edges("a" + std::to_string(tick), tick, 2));
    // Leave the rows inline: make the destructor's seal fail (it swallows the error).
    env.fail_nth(EnvOp::Lock, 1);
  }
  sweep(
      base, settings, [](Dataset& dataset) { dataset.seal(); },
      [](const IoSettings& s, Outcome outcome) {
        const Dataset reader(s, "run");
        const std::multiset<std::string> e = ids(reader, kEdges);
        EXPECT_EQ(e.size(), 12U);
        EXPECT_EQ(std::set<std::string>(e.begin(), e.end()).size(), e.size());
        if (outcome == Outcome::Done) {
          // A seal that did not raise made the rows visible to every reader.
          const auto manifest = load_manifest(Env::posix(), manifest_path(s, "run", kEdges));
          ASSERT_TRUE(manifest);
          EXPECT_EQ(manifest->total_rows(), 12);
        }
      });
}

TEST(LogFaults, Vacuum) {
  TempRoot base;
  IoSettings settings = base.streaming_settings();
  settings.root_dir = base.path();
  settings.log_segment_bytes = 4096;
  {
    Dataset dataset(settings, "run");
    for (int tick = 0; tick < 120; ++tick) dataset.append(kEdges, edges("a" + std::to_string(tick), tick, 1));
    dataset.close();
    dataset.append(kEdges, edges("late", 7, 1));
    dataset.compact(kEdges, 0);
  }
  sweep(
      base, settings, [](Dataset& dataset) { dataset.vacuum(std::chrono::seconds(0)); },
      [](const IoSettings& s, Outcome) {
        const Dataset reader(s, "run");
        const std::multiset<std::string> e = ids(reader, kEdges);
        EXPECT_EQ(e.size(), 121U);
        EXPECT_EQ(std::set<std::string>(e.begin(), e.end()).size(), e.size());
        EXPECT_EQ(load_manifest(Env::posix(), manifest_path(s, "run", kEdges))->total_rows(), 121);
      });
}

}  // namespace
}  // namespace crv::io
