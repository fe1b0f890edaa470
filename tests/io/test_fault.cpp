// An append failing at each Env call in turn leaves the table exactly as it was, raises
// IoWriteError or IoManifestError, and a retry succeeds.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/dataset_test_support.hpp"
#include "io/fault_injection_env.hpp"

namespace crv::io {
namespace {

using testing::edges_at;
using testing::file_snapshot;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

enum class Raised { None, Write, Manifest, Other };

Raised append_raising(Dataset& dataset, const frame::Frame& frame) {
  try {
    dataset.append(kEdges, frame);
  } catch (const IoWriteError&) {
    return Raised::Write;
  } catch (const IoManifestError&) {
    return Raised::Manifest;
  } catch (const std::exception&) {
    return Raised::Other;
  }
  return Raised::None;
}

/// Steps that may fail once the parts are in place and the log record is being written:
/// the parts then stay (invisible orphans until vacuum) rather than risk a logged commit
/// naming a removed part.
bool logged_step(EnvOp op) {
  return op == EnvOp::Write || op == EnvOp::Flush || op == EnvOp::Sync || op == EnvOp::Lock ||
         op == EnvOp::FileExists || op == EnvOp::FileSize || op == EnvOp::OpenWritable ||
         op == EnvOp::OpenRandomAccess || op == EnvOp::Read || op == EnvOp::ListDir || op == EnvOp::IsDirectory ||
         op == EnvOp::CreateDirs || op == EnvOp::SyncDir;
}

TEST(AppendFaults, EveryFailingStepLeavesTheTableAsItWas) {
  TempRoot root;
  FaultInjectionEnv env(Env::posix());
  Dataset dataset(root.settings(), "run_faults", env);
  dataset.append(kEdges, edges_at({0, 1}));
  const std::filesystem::path dir = table_dir(root.settings(), "run_faults", kEdges);
  const frame::Frame next = edges_at({2, 150, 151});  // an existing bucket and a new one

  // Count the calls of a clean append, on a copy of the run.
  std::map<EnvOp, std::uint64_t> calls;
  {
    TempRoot probe_root;
    std::filesystem::copy(root.path(), probe_root.path(), std::filesystem::copy_options::recursive);
    FaultInjectionEnv probe(Env::posix());
    Dataset probe_dataset(probe_root.settings(), "run_faults", probe);
    probe.reset_counts();
    probe_dataset.append(kEdges, next);
    for (EnvOp op : kEveryEnvOp) calls[op] = probe.count(op);
  }
  ASSERT_GE(calls[EnvOp::Rename], 3u);  // two parts and the manifest
  ASSERT_GE(calls[EnvOp::SyncDir], 3u);

  std::int64_t expected_rows = 2;
  int injected = 0;
  for (EnvOp op : kEveryEnvOp) {
    for (std::uint64_t nth = 1; nth <= calls[op]; ++nth) {
      SCOPED_TRACE(std::string(to_string(op)) + " call " + std::to_string(nth));
      const auto before = file_snapshot(dir);
      env.clear_faults();
      env.reset_counts();
      const std::uint64_t fired_before = env.faults_fired();
      env.fail_nth(op, nth);
      const Raised raised = append_raising(dataset, next);
      if (env.faults_fired() == fired_before) {
        // The call sequence differs from the probe's (e.g. no bucket to create): a clean append.
        EXPECT_EQ(raised, Raised::None);
        expected_rows += next.num_rows();
        continue;
      }
      ++injected;
      // A failure before the log record is durable is an error and changes nothing; a
      // failure of the checkpoint after it is no error (the commit is durable, the next
      // checkpoint writes the manifest); a failed fsync of the log record is an error whose
      // bytes may still be visible (as with any failed fsync).
      const std::int64_t visible = dataset.read(kEdges).num_rows();
      if (raised == Raised::None) {
        EXPECT_EQ(visible, expected_rows + next.num_rows());
        expected_rows += next.num_rows();
      } else {
        EXPECT_EQ(raised, Raised::Write);
        if (visible != expected_rows) {
          // The log record reached the file before its flush or fsync failed.
          EXPECT_TRUE(op == EnvOp::Sync || op == EnvOp::Flush) << to_string(op);
          EXPECT_EQ(visible, expected_rows + next.num_rows());
          expected_rows += next.num_rows();
        } else if (!logged_step(op)) {
          EXPECT_TRUE(file_snapshot(dir) == before);
        }
      }
      env.clear_faults();
      ASSERT_EQ(append_raising(dataset, next), Raised::None);
      expected_rows += next.num_rows();
      ASSERT_EQ(dataset.manifest(kEdges)->total_rows(), expected_rows);
      ASSERT_EQ(dataset.read(kEdges).num_rows(), expected_rows);
    }
  }
  EXPECT_GT(injected, 10);
  EXPECT_TRUE(testing::files_ending_with(dir, ".tmp").empty());
}

TEST(AppendFaults, EachWriteStepRaisesTheRightError) {
  TempRoot root;
  FaultInjectionEnv env(Env::posix());
  Dataset dataset(root.settings(), "run_steps", env);
  dataset.append(kEdges, edges_at({0}));
  const std::filesystem::path dir = table_dir(root.settings(), "run_steps", kEdges);
  const frame::Frame next = edges_at({1, 2});  // one part in bucket 0

  struct Case {
    EnvOp op;
    const char* name_part;  // the part's steps, the manifest's, or the directories'
    Raised expected;
  };
  // A one-part append: part open/write/fsync/rename and its directory's fsync, the log
  // record's write (the commit), then the checkpoint: the manifest's open/write/fsync,
  // rename and directory fsync. A failed step before the commit is an IoWriteError and
  // changes nothing; a failed checkpoint is no error: the commit is durable in the log and
  // the next checkpoint writes the manifest.
  const Case cases[] = {
      {EnvOp::OpenWritable, ".parquet", Raised::Write}, {EnvOp::Write, ".parquet", Raised::Write},
      {EnvOp::Sync, ".parquet", Raised::Write},         {EnvOp::Rename, ".parquet", Raised::Write},
      {EnvOp::SyncDir, "bucket=", Raised::Write},       {EnvOp::Write, ".log", Raised::Write},
      {EnvOp::OpenWritable, "manifest", Raised::None},  {EnvOp::Write, "manifest", Raised::None},
      {EnvOp::Sync, "manifest", Raised::None},          {EnvOp::Rename, "manifest", Raised::None},
      {EnvOp::SyncDir, "identity_edges", Raised::None},
  };
  std::int64_t rows = 1;
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(to_string(c.op)) + " on " + c.name_part);
    const auto before = file_snapshot(dir);
    env.clear_faults();
    env.reset_counts();
    const std::uint64_t fired_before = env.faults_fired();
    env.fail_nth_named(c.op, c.name_part, 1);
    EXPECT_EQ(append_raising(dataset, next), c.expected);
    EXPECT_EQ(env.faults_fired(), fired_before + 1);
    if (c.expected != Raised::None) {
      // A failed log write keeps its part as an invisible orphan (for vacuum); any earlier
      // failure leaves the directory exactly as it was.
      if (std::string_view(c.name_part) != ".log") {
        EXPECT_TRUE(file_snapshot(dir) == before);
      }
      EXPECT_EQ(dataset.read(kEdges).num_rows(), rows);
    } else {
      rows += 2;
      EXPECT_EQ(dataset.read(kEdges).num_rows(), rows);
    }
    env.clear_faults();
    EXPECT_EQ(append_raising(dataset, next), Raised::None);
    rows += 2;
    EXPECT_EQ(dataset.read(kEdges).num_rows(), rows);
    EXPECT_EQ(load_manifest(Env::posix(), manifest_path(root.settings(), "run_steps", kEdges))->total_rows(), rows);
  }
}

TEST(AppendFaults, FailedFirstAppendLeavesNoDataOrManifest) {
  TempRoot root;
  FaultInjectionEnv env(Env::posix());
  Dataset dataset(root.settings(), "run_first", env);
  env.fail_nth(EnvOp::Rename, 1);  // the part
  EXPECT_EQ(append_raising(dataset, edges_at({5})), Raised::Write);
  const std::filesystem::path dir = table_dir(root.settings(), "run_first", kEdges);
  EXPECT_TRUE(testing::files_ending_with(dir, ".parquet").empty());
  EXPECT_TRUE(testing::files_ending_with(dir, ".tmp").empty());
  EXPECT_FALSE(std::filesystem::exists(manifest_path(root.settings(), "run_first", kEdges)));
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 0);
  env.clear_faults();
  EXPECT_EQ(append_raising(dataset, edges_at({5})), Raised::None);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 1);
}

TEST(AppendFaults, AFailedCheckpointIsRepairedByTheNextOne) {
  TempRoot root;
  FaultInjectionEnv env(Env::posix());
  Dataset dataset(root.settings(), "run_checkpoint", env);
  env.fail_nth(EnvOp::Rename, 2);  // the manifest, after the part and the log record
  EXPECT_EQ(append_raising(dataset, edges_at({5})), Raised::None);
  const std::filesystem::path manifest = manifest_path(root.settings(), "run_checkpoint", kEdges);
  EXPECT_FALSE(std::filesystem::exists(manifest));
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 1);  // the commit is durable in the log
  env.clear_faults();
  EXPECT_TRUE(dataset.checkpoint(kEdges));
  EXPECT_EQ(load_manifest(Env::posix(), manifest)->total_rows(), 1);
  EXPECT_FALSE(dataset.checkpoint(kEdges));  // nothing left to write
}

}  // namespace
}  // namespace crv::io
