// Simulated power cuts (issue 13; LevelDB's fault_injection_test): the process dies after each
// Env call of an append, a multi-table commit or a seal in turn, then everything that no fsync
// made durable is dropped (FaultInjectionEnv::drop_unsynced). The table must then be exactly
// the state before or after the operation (an acknowledged append: after), every read path
// must agree, and repair must leave it clean.

#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/dataset_test_support.hpp"
#include "io/fault_injection_env.hpp"

namespace crv::io {
namespace {

using testing::edges_at;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;
constexpr auto kHoldings = core::TableName::Holdings;

frame::Frame holdings_at(const std::vector<std::int64_t>& ticks) {
  std::vector<std::optional<std::string>> agents;
  std::vector<std::optional<std::string>> tokens;
  std::vector<std::optional<std::int64_t>> quantities;
  for (const std::int64_t tick : ticks) {
    agents.emplace_back("A" + std::to_string(tick));
    tokens.emplace_back("T");
    quantities.emplace_back(tick);
  }
  return frame::Frame{{"tick", frame::Column::from<std::int64_t>(ticks)},
                      {"agent_id", frame::Column::from<std::string>(agents)},
                      {"token_id", frame::Column::from<std::string>(tokens)},
                      {"quantity", frame::Column::from<std::int64_t>(quantities)}};
}

struct Scenario {
  std::string name;
  bool inline_rows = true;             // the defaults; false: every append writes parts
  std::function<void(Dataset&)> base;  // durable before the cut (posix Env, closed)
  std::function<void(Dataset&)> operation;
  std::int64_t edges_added = 0;  // rows the operation adds to identity_edges
  std::int64_t holdings_added = 0;
};

struct Rows {
  std::int64_t edges = 0;
  std::int64_t holdings = 0;
  bool operator==(const Rows&) const = default;
};

Rows rows_of(const IoSettings& settings, const std::string& run) {
  const Dataset reader(settings, run);
  return {reader.read(kEdges).num_rows(), reader.read(kHoldings).num_rows()};
}

void run_scenario(const Scenario& scenario) {
  SCOPED_TRACE(scenario.name);
  const std::string run = "run_cut";
  int cuts = 0;
  for (std::uint64_t calls = 0;; ++calls) {
    SCOPED_TRACE("power cut after " + std::to_string(calls) + " Env calls");
    TempRoot root;
    const IoSettings settings = scenario.inline_rows ? root.streaming_settings() : root.settings();
    // The base is written by a child that exits without closing its Dataset, so that its
    // inline rows stay unsealed in the log (what a simulation still running leaves).
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      Dataset dataset(settings, run);
      scenario.base(dataset);
      _exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const Rows before = rows_of(settings, run);
    const Rows after{before.edges + scenario.edges_added, before.holdings + scenario.holdings_added};

    FaultInjectionEnv env(Env::posix());
    env.track_durability();
    env.crash_after(calls);
    bool acknowledged = false;
    try {
      Dataset dataset(settings, run, env);
      scenario.operation(dataset);
      acknowledged = true;
      dataset.close();
    } catch (const IoError&) {
      // The process died here.
    }
    const bool crashed = env.crashed();
    env.drop_unsynced();

    Rows now;
    try {
      now = rows_of(settings, run);
    } catch (const std::exception& error) {
      FAIL() << "the table cannot be read after the cut: " << error.what();
    }
    ASSERT_TRUE(now == before || now == after)
        << "edges " << now.edges << " (before " << before.edges << ", after " << after.edges << "), holdings "
        << now.holdings << " (before " << before.holdings << ", after " << after.holdings << ")";
    if (acknowledged) {
      ASSERT_TRUE(now == after) << "an acknowledged operation was lost";
    }
    {
      Dataset dataset(settings, run);
      if (std::filesystem::is_directory(table_dir(settings, run, kEdges))) {
        dataset.rebuild_manifest(kEdges);
        ASSERT_TRUE(rows_of(settings, run) == now) << "rebuild-manifest changed what is visible";
      }
      const RepairReport repaired = dataset.repair();
      ASSERT_TRUE(repaired.after.clean()) << repaired.to_json().dump(2);
    }
    ASSERT_TRUE(rows_of(settings, run) == now) << "repair changed what is visible";
    if (!crashed) break;  // the operation ran to its end: every step was cut once
    ++cuts;
  }
  EXPECT_GT(cuts, 10);
}

TEST(PowerCut, AnInlineAppendIsThereOrNot) {
  run_scenario({"inline append", true,
                [](Dataset& d) {
                  d.append(kEdges, edges_at({1, 2}));
                },
                [](Dataset& d) { d.append(kEdges, edges_at({3})); }, 1, 0});
}

TEST(PowerCut, AnAppendWritingPartsInThreeBucketsIsThereWholeOrNot) {
  run_scenario({"parts in three buckets", false,
                [](Dataset& d) {
                  d.append(kEdges, edges_at({1, 2}));
                },
                [](Dataset& d) {
                  d.append(kEdges, edges_at({3, 103, 203}));
                },
                3, 0});
}

TEST(PowerCut, ACommitAcrossTwoTablesIsThereForBothOrNeither) {
  run_scenario({"two tables", true, [](Dataset& d) { d.append(kEdges, edges_at({1})); },
                [](Dataset& d) {
                  const std::vector<TableAppend> tick{{kEdges, edges_at({5, 6})}, {kHoldings, holdings_at({5, 6})}};
                  d.append_batch(tick);
                },
                2, 2});
}

TEST(PowerCut, ASealNeitherLosesNorDoublesARow) {
  run_scenario({"seal", true,
                [](Dataset& d) {
                  d.append(kEdges, edges_at({1, 2}));
                  d.append(kEdges, edges_at({3}));
                },
                [](Dataset& d) { d.seal(); }, 0, 0});
}

}  // namespace
}  // namespace crv::io
