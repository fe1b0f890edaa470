// Dataset::open_append_stream: many frames, one commit. The rows equal one append of the
// whole; nothing is visible before commit(); an abort, a failure mid-stream or a crash leaves
// the table as it was (and no stray file once vacuum ran); a retry succeeds.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crv/frame/kernels.hpp"
#include "crv/io/append_stream.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/rebuild.hpp"
#include "io/dataset_test_support.hpp"
#include "io/fault_injection_env.hpp"

namespace crv::io {
namespace {

namespace fs = std::filesystem;
using testing::edges_at;
using testing::files_ending_with;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

std::vector<std::int64_t> ticks_from(std::int64_t first, std::int64_t count) {
  std::vector<std::int64_t> ticks(static_cast<std::size_t>(count));
  std::iota(ticks.begin(), ticks.end(), first);
  return ticks;
}

/// Ticks 0..349 in three frames whose edges fall inside buckets (size 100): buckets 0-3.
std::vector<frame::Frame> three_frames() {
  return {edges_at(ticks_from(0, 130)), edges_at(ticks_from(130, 120)), edges_at(ticks_from(250, 100))};
}

/// The table's rows ordered by tick (a read orders buckets, not the parts within one).
frame::Frame by_tick(const frame::Frame& rows) {
  const std::vector<std::int64_t> ticks = testing::int_values(rows.column("tick"));
  std::vector<std::int64_t> order(ticks.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&ticks](std::int64_t a, std::int64_t b) {
    return ticks[static_cast<std::size_t>(a)] < ticks[static_cast<std::size_t>(b)];
  });
  return frame::take(rows, order);
}

std::set<std::string> parquet_files(const fs::path& dir) {
  const std::vector<std::string> names = files_ending_with(dir, ".parquet");
  return {names.begin(), names.end()};
}

TEST(AppendStream, ManyFramesAreOneAppendOfTheirRows) {
  TempRoot root;
  Dataset streamed(root.streaming_settings(), "run_stream");
  Dataset appended(root.streaming_settings(), "run_whole");
  const std::vector<frame::Frame> frames = three_frames();

  AppendStream stream = streamed.open_append_stream(kEdges);
  for (const frame::Frame& rows : frames) stream.write(rows);
  EXPECT_EQ(stream.rows(), 350);
  const AppendSummary summary = stream.commit();
  const AppendSummary whole = appended.append(kEdges, frame::concat(frames));

  EXPECT_EQ(summary.rows, 350);
  EXPECT_EQ(summary.buckets, (std::vector<std::int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(summary.buckets, whole.buckets);
  EXPECT_EQ(summary.parts.size(), 6u);  // buckets 1 and 2 get a part from each of two frames
  EXPECT_TRUE(std::is_sorted(summary.parts.begin(), summary.parts.end(),
                             [](const AppendedPart& a, const AppendedPart& b) { return a.bucket_id < b.bucket_id; }));
  const frame::Frame read = streamed.read(kEdges);
  EXPECT_TRUE(frame::equals(by_tick(read), by_tick(appended.read(kEdges))));
  EXPECT_EQ(read.num_rows(), 350);
  EXPECT_EQ(streamed.manifest(kEdges)->total_rows(), 350);
  // Within a bucket, a read gives each part's rows in tick order as written.
  EXPECT_TRUE(frame::equals(by_tick(read), by_tick(Dataset(root.streaming_settings(), "run_stream").read(kEdges))));
}

TEST(AppendStream, NothingIsVisibleBeforeCommit) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_stream");
  dataset.append(kEdges, edges_at({1, 2}));
  AppendStream stream = dataset.open_append_stream(kEdges);
  for (const frame::Frame& rows : three_frames()) stream.write(rows);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 2);
  EXPECT_EQ(Dataset(root.settings(), "run_stream").read(kEdges).num_rows(), 2);
  EXPECT_EQ(dataset.manifest(kEdges)->total_rows(), 2);
  stream.commit();
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 352);
  EXPECT_EQ(Dataset(root.settings(), "run_stream").read(kEdges).num_rows(), 352);
  EXPECT_THROW(stream.write(edges_at({3})), IoArgumentError);
  EXPECT_THROW(stream.commit(), IoArgumentError);
}

TEST(AppendStream, AnAbortedStreamLeavesNoRowAndNoFile) {
  TempRoot root;
  const IoSettings settings = root.settings();
  Dataset dataset(settings, "run_stream");
  dataset.append(kEdges, edges_at({1, 2}));
  const fs::path dir = table_dir(settings, "run_stream", kEdges);
  const std::set<std::string> before = parquet_files(dir);
  {
    AppendStream stream = dataset.open_append_stream(kEdges);
    for (const frame::Frame& rows : three_frames()) stream.write(rows);
    EXPECT_GT(parquet_files(dir).size(), before.size());
  }  // destroyed without commit
  EXPECT_EQ(parquet_files(dir), before);
  AppendStream aborted = dataset.open_append_stream(kEdges);
  aborted.write(three_frames()[0]);
  aborted.abort();
  aborted.abort();
  EXPECT_THROW(aborted.commit(), IoArgumentError);
  dataset.vacuum(std::chrono::seconds(0));
  EXPECT_EQ(parquet_files(dir), before);
  EXPECT_TRUE(files_ending_with(dir, ".tmp").empty());
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 2);
  EXPECT_TRUE(dataset.verify().clean());
}

TEST(AppendStream, AnInvalidFrameFailsTheStreamAndLeavesTheTableAsItWas) {
  TempRoot root;
  const IoSettings settings = root.settings();
  Dataset dataset(settings, "run_stream");
  dataset.append(kEdges, edges_at({1, 2}));
  const fs::path dir = table_dir(settings, "run_stream", kEdges);
  const std::set<std::string> before = parquet_files(dir);
  AppendStream stream = dataset.open_append_stream(kEdges);
  stream.write(three_frames()[0]);
  frame::Frame bad = edges_at({500});
  bad = bad.drop("edge_kind");
  EXPECT_THROW(stream.write(bad), IoSchemaError);
  EXPECT_EQ(parquet_files(dir), before);  // removed at once, not at destruction
  EXPECT_THROW(stream.write(edges_at({501})), IoArgumentError);
  EXPECT_THROW(stream.commit(), IoArgumentError);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 2);
}

TEST(AppendStream, AFailingStepMidStreamChangesNothingAndARetrySucceeds) {
  for (const EnvOp op : {EnvOp::OpenWritable, EnvOp::Write, EnvOp::Sync, EnvOp::Close, EnvOp::Rename, EnvOp::SyncDir}) {
    SCOPED_TRACE(to_string(op));
    TempRoot root;
    const IoSettings settings = root.settings();
    FaultInjectionEnv env(Env::posix());
    Dataset dataset(settings, "run_stream", env);
    dataset.append(kEdges, edges_at({1, 2}));
    const fs::path dir = table_dir(settings, "run_stream", kEdges);
    const std::set<std::string> before = parquet_files(dir);
    const std::vector<frame::Frame> frames = three_frames();
    {
      AppendStream stream = dataset.open_append_stream(kEdges);
      stream.write(frames[0]);
      env.reset_counts();
      env.fail_nth(op, 1);  // in the parts of the second frame
      EXPECT_THROW(stream.write(frames[1]), IoWriteError);
      EXPECT_EQ(env.faults_fired(), 1u);
      env.clear_faults();
      EXPECT_THROW(stream.commit(), IoArgumentError);
    }
    EXPECT_EQ(parquet_files(dir), before);
    EXPECT_EQ(dataset.read(kEdges).num_rows(), 2);
    EXPECT_EQ(dataset.manifest(kEdges)->total_rows(), 2);

    AppendStream retry = dataset.open_append_stream(kEdges);
    for (const frame::Frame& rows : frames) retry.write(rows);
    EXPECT_EQ(retry.commit().rows, 350);
    EXPECT_EQ(dataset.read(kEdges).num_rows(), 352);
    EXPECT_EQ(Dataset(settings, "run_stream").manifest(kEdges)->total_rows(), 352);
    dataset.vacuum(std::chrono::seconds(0));
    EXPECT_TRUE(files_ending_with(dir, ".tmp").empty());
    EXPECT_TRUE(dataset.verify().clean());
  }
}

constexpr EnvOp kOps[] = {EnvOp::OpenWritable, EnvOp::Write,       EnvOp::Flush,    EnvOp::Sync,
                          EnvOp::Close,        EnvOp::Rename,      EnvOp::Remove,   EnvOp::CreateDirs,
                          EnvOp::SyncDir,      EnvOp::ListDir,     EnvOp::ReadFile, EnvOp::Lock,
                          EnvOp::FileExists,   EnvOp::IsDirectory, EnvOp::FileSize, EnvOp::OpenRandomAccess,
                          EnvOp::Read,         EnvOp::Identity};

/// The stream of three_frames() and its commit; false when any step threw.
bool stream_all(Dataset& dataset) {
  try {
    AppendStream stream = dataset.open_append_stream(kEdges);
    for (const frame::Frame& rows : three_frames()) stream.write(rows);
    stream.commit();
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

// Every Env call of a whole stream (its frames' parts, its record, its checkpoint) failing in
// turn: the table then has all of the stream's rows or none, never some.
TEST(AppendStream, EveryFailingStepLeavesAllOrNothing) {
  TempRoot root;
  const IoSettings settings = root.settings();
  FaultInjectionEnv env(Env::posix());
  Dataset dataset(settings, "run_stream", env);
  dataset.append(kEdges, edges_at({1, 2}));
  std::map<EnvOp, std::uint64_t> calls;
  {
    TempRoot probe_root;
    fs::copy(root.path(), probe_root.path(), fs::copy_options::recursive);
    FaultInjectionEnv probe(Env::posix());
    Dataset probe_dataset(probe_root.settings(), "run_stream", probe);
    probe.reset_counts();
    ASSERT_TRUE(stream_all(probe_dataset));
    for (EnvOp op : kOps) calls[op] = probe.count(op);
  }
  ASSERT_GE(calls[EnvOp::Rename], 6u);  // six parts, then the manifest
  std::int64_t expected = 2;
  int injected = 0;
  for (EnvOp op : kOps) {
    for (std::uint64_t nth = 1; nth <= calls[op]; ++nth) {
      SCOPED_TRACE(std::string(to_string(op)) + " call " + std::to_string(nth));
      env.clear_faults();
      env.reset_counts();
      const std::uint64_t fired = env.faults_fired();
      env.fail_nth(op, nth);
      const bool ok = stream_all(dataset);
      env.clear_faults();
      injected += env.faults_fired() > fired ? 1 : 0;
      const std::int64_t visible = Dataset(settings, "run_stream").read(kEdges).num_rows();
      if (ok) {
        expected += 350;  // a failed checkpoint after the record is no error
      } else if (visible != expected) {
        // The record reached the file before its flush or fsync failed.
        EXPECT_TRUE(op == EnvOp::Sync || op == EnvOp::Flush) << to_string(op);
        expected += 350;
      }
      ASSERT_EQ(visible, expected);
      ASSERT_TRUE(stream_all(dataset));  // the retry
      expected += 350;
      ASSERT_EQ(dataset.read(kEdges).num_rows(), expected);
    }
  }
  EXPECT_GT(injected, 20);
  dataset.vacuum(std::chrono::seconds(0));
  EXPECT_TRUE(files_ending_with(table_dir(settings, "run_stream", kEdges), ".tmp").empty());
  EXPECT_TRUE(dataset.verify().clean()) << dataset.verify().to_json().dump();
}

TEST(AppendStream, SealingMergesTheFramesPartsOfABucket) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_stream");
  AppendStream stream = dataset.open_append_stream(kEdges);
  for (const frame::Frame& rows : three_frames()) stream.write(rows);
  stream.commit();
  ASSERT_EQ(dataset.manifest(kEdges)->partitions.at(1).parts.size(), 2u);
  dataset.compact(kEdges);
  EXPECT_EQ(dataset.manifest(kEdges)->partitions.at(1).parts.size(), 1u);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 350);
}

TEST(AppendStream, AFailedCommitRecordLeavesTheTableAsItWas) {
  TempRoot root;
  const IoSettings settings = root.settings();
  FaultInjectionEnv env(Env::posix());
  Dataset dataset(settings, "run_stream", env);
  dataset.append(kEdges, edges_at({1, 2}));
  const fs::path dir = table_dir(settings, "run_stream", kEdges);
  const std::set<std::string> before = parquet_files(dir);
  AppendStream stream = dataset.open_append_stream(kEdges);
  for (const frame::Frame& rows : three_frames()) stream.write(rows);
  env.fail_nth_named(EnvOp::Write, ".log", 1);  // the record never reaches the log
  EXPECT_THROW(stream.commit(), IoWriteError);
  EXPECT_EQ(env.faults_fired(), 1u);
  env.clear_faults();
  EXPECT_EQ(Dataset(settings, "run_stream").read(kEdges).num_rows(), 2);
  // The parts stay (a failed log write may have put the record in the file, and a record
  // naming a removed part would be worse than a leftover) until a cleaner deletes them.
  EXPECT_GT(parquet_files(dir).size(), before.size());
  dataset.vacuum(std::chrono::seconds(0));
  EXPECT_EQ(parquet_files(dir), before);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 2);
}

TEST(AppendStream, ACrashMidStreamLeavesOnlyLeftoversThatNoReadPathAdopts) {
  TempRoot root;
  const IoSettings settings = root.settings();
  Dataset(settings, "run_stream").append(kEdges, edges_at({1, 2}));
  const fs::path dir = table_dir(settings, "run_stream", kEdges);
  const std::set<std::string> before = parquet_files(dir);
  testing::run_writer_processes(1, [&settings](int) {
    Dataset dataset(settings, "run_stream");
    AppendStream stream = dataset.open_append_stream(kEdges);
    for (const frame::Frame& rows : three_frames()) stream.write(rows);
    _exit(0);  // a crash: no commit, no destructor
    return 1;
  });
  ASSERT_GT(parquet_files(dir).size(), before.size());
  EXPECT_EQ(Dataset(settings, "run_stream").read(kEdges).num_rows(), 2);
  {
    Dataset dataset(settings, "run_stream");
    EXPECT_EQ(dataset.rebuild_manifest(kEdges).total_rows(), 2);
    EXPECT_EQ(scan_table_files(Env::posix(), settings, "run_stream", kEdges).manifest.total_rows(), 2);
    dataset.vacuum(std::chrono::seconds(0));
  }
  EXPECT_EQ(parquet_files(dir), before);
  Dataset dataset(settings, "run_stream");
  AppendStream retry = dataset.open_append_stream(kEdges);
  for (const frame::Frame& rows : three_frames()) retry.write(rows);
  retry.commit();
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 352);
  EXPECT_TRUE(dataset.verify().clean());
}

TEST(AppendStream, ASingleSmallFrameIsAnOrdinaryAppend) {
  TempRoot root;
  Dataset dataset(root.streaming_settings(), "run_stream");
  AppendStream stream = dataset.open_append_stream(kEdges);
  stream.write(edges_at({1, 2, 3}));
  const AppendSummary summary = stream.commit();
  ASSERT_EQ(summary.parts.size(), 1u);
  EXPECT_EQ(summary.parts[0].path, "");  // inline in the log, as Dataset::append keeps it
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 3);
  AppendStream empty = dataset.open_append_stream(kEdges);
  empty.write(edges_at({}));
  EXPECT_EQ(empty.commit().rows, 0);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 3);
}

TEST(AppendStream, TheTicksBucketSizeRuleHolds) {
  TempRoot root;
  IoSettings settings = root.settings();
  Dataset(settings, "run_stream").append(kEdges, edges_at({1, 60}));  // bucket 0 of 100, not of 50
  settings.tick_bucket_size = 50;
  Dataset other(settings, "run_stream");
  AppendStream stream = other.open_append_stream(kEdges);
  EXPECT_THROW(stream.write(three_frames()[0]), IoConfigError);
  EXPECT_EQ(other.read(kEdges).num_rows(), 2);
}

}  // namespace
}  // namespace crv::io
