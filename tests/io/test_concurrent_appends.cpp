// Appends from several threads at once, as a simulation writing its tables from its own
// threads does: to one table (serialised by the table's lock, none lost) and to different
// tables (each complete), through one shared Dataset and through one Dataset per thread,
// while another thread reads. The parts of each append are written by the shared worker
// pool, so this also runs several run_tasks jobs at the same time.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "crv/io/dataset.hpp"
#include "crv/io/paths.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using testing::edges_at;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;
constexpr int kThreads = 4;
constexpr int kAppendsPerThread = 12;

/// Two buckets per append (ticks t and t + 100), so that each append has two parts.
frame::Frame two_bucket_rows(std::int64_t tick) { return edges_at({tick, tick, tick + 100}); }

TEST(ConcurrentAppends, OneTableFromManyThreadsLosesNothing) {
  TempRoot root;
  IoSettings settings = root.settings();
  settings.write_threads = 2;
  Dataset shared(settings, "run_one_table");
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Half the threads share a Dataset, half have their own.
      Dataset own(settings, "run_one_table");
      Dataset& dataset = t % 2 == 0 ? shared : own;
      for (int k = 0; k < kAppendsPerThread; ++k) dataset.append(kEdges, two_bucket_rows(t * 1000 + k));
    });
  }
  threads.clear();  // joins

  const std::int64_t expected = std::int64_t{kThreads} * kAppendsPerThread * 3;
  Dataset fresh(settings, "run_one_table");
  EXPECT_EQ(fresh.manifest(kEdges)->total_rows(), expected);
  EXPECT_EQ(fresh.read(kEdges).num_rows(), expected);
  EXPECT_EQ(fresh.rebuild_manifest(kEdges).total_rows(), expected);
  const auto dir = table_dir(settings, "run_one_table", kEdges);
  EXPECT_TRUE(testing::files_ending_with(dir, ".tmp").empty());
  EXPECT_EQ(testing::files_ending_with(dir, ".parquet").size(), static_cast<size_t>(kThreads * kAppendsPerThread * 2));
}

TEST(ConcurrentAppends, DifferentTablesAndRunsWhileReading) {
  TempRoot root;
  IoSettings settings = root.settings();
  std::atomic<bool> writing{true};
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Dataset dataset(settings, "run_" + std::to_string(t));
      for (int k = 0; k < kAppendsPerThread; ++k) dataset.append(kEdges, two_bucket_rows(k));
    });
  }
  // A reader of run_0 sees whole appends only: a multiple of 3 rows.
  std::jthread reader([&] {
    Dataset dataset(settings, "run_0");
    while (writing.load()) {
      const auto manifest = dataset.manifest(kEdges);
      if (!manifest) continue;
      const std::int64_t rows = dataset.read(kEdges).num_rows();
      EXPECT_EQ(rows % 3, 0) << rows;
    }
  });
  threads.clear();
  writing.store(false);
  reader.join();

  for (int t = 0; t < kThreads; ++t) {
    Dataset dataset(settings, "run_" + std::to_string(t));
    EXPECT_EQ(dataset.read(kEdges).num_rows(), kAppendsPerThread * 3) << "run_" << t;
  }
}

}  // namespace
}  // namespace crv::io
