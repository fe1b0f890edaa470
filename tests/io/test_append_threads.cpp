// An append writes its parts on write_threads threads: the files are byte-identical with
// one thread and with several, and each part and the manifest are made durable once, with
// one fsync of the table directory for all the bucket directories it creates.

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crv/io/dataset.hpp"
#include "crv/io/paths.hpp"
#include "io/dataset_test_support.hpp"
#include "io/fault_injection_env.hpp"
#include "io/part_io.hpp"

namespace crv::io {
namespace {

using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

/// identity_edges rows over ticks 0..(buckets * 100 - 1), a few per tick, with nulls.
frame::Frame rows_over_buckets(std::int64_t buckets) {
  std::vector<std::int64_t> ticks;
  std::vector<std::optional<std::string>> observers;
  std::vector<std::optional<std::string>> kinds;
  std::vector<std::optional<std::string>> subjects;
  std::vector<std::optional<double>> weights;
  for (std::int64_t i = 0; i < buckets * 100 * 7; ++i) {
    ticks.push_back(i / 7);
    observers.emplace_back("agent_" + std::to_string(i * 7919 % 1000));
    kinds.emplace_back(i % 2 == 0 ? "self_to_object" : "self_to_positive_valence");
    subjects.emplace_back(i % 2 == 0 ? std::optional<std::string>("agent_" + std::to_string(i % 13)) : std::nullopt);
    weights.emplace_back(static_cast<double>((i * 2654435761LL) % 4294967296LL) / 4294967296.0);
  }
  return frame::Frame{
      {"tick", frame::Column::from<std::int64_t>(ticks)},
      {"observer_agent_id", frame::Column::from<std::string>(observers)},
      {"edge_kind", frame::Column::from<std::string>(kinds)},
      {"subject_id", frame::Column::from<std::string>(subjects)},
      {"edge_weight", frame::Column::from<double>(weights)},
  };
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Bytes of the one part of every bucket directory, by bucket directory name.
std::map<std::string, std::string> parts_by_bucket(const std::filesystem::path& table) {
  std::map<std::string, std::string> parts;
  for (const auto& bucket : std::filesystem::directory_iterator(table)) {
    if (!bucket.is_directory()) continue;
    for (const auto& file : std::filesystem::directory_iterator(bucket.path())) {
      EXPECT_EQ(parts.count(bucket.path().filename().string()), 0U);
      // The commit id recorded in each part is random: blanked, the bytes must be the same.
      std::string bytes = file_bytes(file.path());
      const std::string id = open_parquet_file(Env::posix(), file.path())->key_value_metadata().at("crv_commit_id");
      if (const std::size_t at = bytes.find(id); at != std::string::npos) bytes.replace(at, id.size(), id.size(), '0');
      parts[bucket.path().filename().string()] = std::move(bytes);
    }
  }
  return parts;
}

TEST(AppendThreads, PartsAreIdenticalWithOneAndTwoThreads) {
  const frame::Frame rows = rows_over_buckets(5);
  std::map<int, std::map<std::string, std::string>> parts;
  for (const int threads : {1, 2}) {
    TempRoot root;
    IoSettings settings = root.settings();
    settings.write_threads = threads;
    Dataset dataset(settings, "run_threads");
    const AppendSummary summary = dataset.append(kEdges, rows);
    EXPECT_EQ(summary.parts.size(), 5U);
    EXPECT_EQ(summary.buckets, (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
    EXPECT_EQ(dataset.read(kEdges).num_rows(), rows.num_rows());
    parts[threads] = parts_by_bucket(table_dir(settings, "run_threads", kEdges));
  }
  ASSERT_EQ(parts[1].size(), 5U);
  EXPECT_TRUE(parts[1] == parts[2]);
}

TEST(AppendThreads, EachFileAndDirectoryIsSyncedOnce) {
  TempRoot root;
  FaultInjectionEnv env(Env::posix());
  IoSettings settings = root.settings();
  settings.write_threads = 2;
  Dataset dataset(settings, "run_syncs", env);
  env.reset_counts();
  dataset.append(kEdges, rows_over_buckets(3));
  // Three parts, the append log's record, and the manifest.
  EXPECT_EQ(env.count(EnvOp::Sync), 5U);
  // The first append of a run: the root for the new runs directory, that for the new run
  // directory, the run directory for the new log directory, the log directory for its first
  // segment, the run directory for the new tables directory, the tables directory for the new
  // table directory, the table directory once for the three new buckets, each bucket
  // directory once for its part, the table directory once for the manifest.
  EXPECT_EQ(env.count(EnvOp::SyncDir), 11U);

  // Into existing buckets: no directory is created, so no extra fsync.
  env.reset_counts();
  dataset.append(kEdges, rows_over_buckets(2));
  EXPECT_EQ(env.count(EnvOp::Sync), 4U);
  EXPECT_EQ(env.count(EnvOp::SyncDir), 3U);
}

TEST(AppendThreads, AFailingPartLeavesTheTableAsItWas) {
  TempRoot root;
  FaultInjectionEnv env(Env::posix());
  IoSettings settings = root.settings();
  settings.write_threads = 2;
  Dataset dataset(settings, "run_fail", env);
  dataset.append(kEdges, rows_over_buckets(1));
  const std::filesystem::path dir = table_dir(settings, "run_fail", kEdges);
  const auto before = testing::file_snapshot(dir);
  for (std::uint64_t nth = 1; nth <= 4; ++nth) {
    SCOPED_TRACE("part fsync " + std::to_string(nth));
    env.clear_faults();
    env.reset_counts();
    env.fail_nth_named(EnvOp::Sync, ".parquet", nth);  // not the manifest's, which is concurrent
    EXPECT_THROW(dataset.append(kEdges, rows_over_buckets(4)), IoWriteError);
    EXPECT_EQ(testing::file_snapshot(dir), before);
  }
  env.clear_faults();
  EXPECT_EQ(dataset.read(kEdges).num_rows(), rows_over_buckets(1).num_rows());
}

}  // namespace
}  // namespace crv::io
