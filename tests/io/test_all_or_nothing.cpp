// All or nothing after a crash (issue 13): an append whose commit record never reached the log
// is invisible through every read path (the manifest and log, rebuild, the directory walk),
// its leftovers are deleted by the next writer of their bucket or by repair, and a walk adopts
// only whole appends and never a part that a sealed part replaced. verify reports what is
// wrong; repair fixes it and says what it did.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/rebuild.hpp"
#include "io/append_parts.hpp"
#include "io/dataset_test_support.hpp"
#include "io/fault_injection_env.hpp"
#include "io/part_io.hpp"
#include "io/part_provenance.hpp"

namespace crv::io {
namespace {

namespace fs = std::filesystem;
using testing::edges_at;
using ::testing::HasSubstr;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

std::vector<std::string> parts_of(const fs::path& dir) {
  std::vector<std::string> parts;
  if (!fs::exists(dir)) return parts;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".parquet") parts.push_back(entry.path().filename().string());
  }
  return parts;
}

std::size_t count_kind(const VerifyReport& report, const std::string& kind) {
  std::size_t n = 0;
  for (const TableProblem& problem : report.problems) n += problem.kind == kind ? 1 : 0;
  return n;
}

std::string kinds(const VerifyReport& report) { return report.to_json().dump(); }

/// An append over three buckets whose parts are renamed into place but whose log record is
/// never written (the first write to a log segment fails): what a crash between the parts and
/// the commit leaves.
void crashed_append(const IoSettings& settings, const std::string& run, const std::vector<std::int64_t>& ticks) {
  FaultInjectionEnv faulty(Env::posix());
  faulty.fail_nth_named(EnvOp::Write, ".log", 1);
  Dataset dataset(settings, run, faulty);
  EXPECT_THROW(dataset.append(kEdges, edges_at(ticks)), IoError);
  EXPECT_EQ(faulty.faults_fired(), 1u);
}

TEST(AllOrNothing, AnAppendWhoseCommitNeverReachedTheLogIsInvisibleEverywhereAndCleanedUp) {
  TempRoot root;
  const IoSettings settings = root.settings();  // inlining off: every append writes parts
  const std::string run = "run_aon";
  Dataset(settings, run).append(kEdges, edges_at({1, 2}));
  crashed_append(settings, run, {5, 105, 205});
  const auto bucket = [&](std::int64_t id) { return bucket_dir(settings, run, kEdges, id); };
  ASSERT_EQ(parts_of(bucket(0)).size(), 2u);  // the leftovers are on disk
  ASSERT_EQ(parts_of(bucket(1)).size(), 1u);
  ASSERT_EQ(parts_of(bucket(2)).size(), 1u);

  EXPECT_EQ(Dataset(settings, run).read(kEdges).num_rows(), 2);
  {
    Dataset dataset(settings, run);
    const RebuildResult rebuilt = dataset.rebuild_manifest_with_report(kEdges);
    EXPECT_EQ(rebuilt.manifest.total_rows(), 2);
    ASSERT_EQ(rebuilt.not_adopted.size(), 3u);
    for (const UnreadablePart& part : rebuilt.not_adopted) EXPECT_THAT(part.error, HasSubstr("uncommitted"));
    EXPECT_EQ(dataset.read(kEdges).num_rows(), 2);
  }
  EXPECT_EQ(scan_table_files(Env::posix(), settings, run, kEdges).manifest.total_rows(), 2);

  {
    Dataset dataset(settings, run);
    const VerifyReport report = dataset.verify();
    EXPECT_FALSE(report.clean());
    EXPECT_EQ(count_kind(report, "leftover"), 3u) << kinds(report);
    EXPECT_EQ(report.problems.size(), 3u) << kinds(report);
  }
  // The next writer of buckets 0 and 1 deletes what the crash left there; bucket 2's stays.
  Dataset(settings, run).append(kEdges, edges_at({6, 106}));
  EXPECT_EQ(parts_of(bucket(0)).size(), 2u);
  EXPECT_EQ(parts_of(bucket(1)).size(), 1u);
  EXPECT_EQ(parts_of(bucket(2)).size(), 1u);
  {
    Dataset dataset(settings, run);
    const RepairReport repaired = dataset.repair();
    ASSERT_EQ(repaired.actions.size(), 1u) << repaired.to_json().dump();
    EXPECT_THAT(repaired.actions[0], HasSubstr("bucket=000002/part-"));
    EXPECT_THAT(repaired.actions[0], HasSubstr("crashed before its commit"));
    EXPECT_TRUE(repaired.after.clean()) << kinds(repaired.after);
    EXPECT_TRUE(dataset.verify().clean());
    EXPECT_EQ(dataset.read(kEdges).num_rows(), 4);
  }
  EXPECT_TRUE(parts_of(bucket(2)).empty());
}

TEST(AllOrNothing, ASealThatWouldMeetLeftoversDeletesThemFirst) {
  TempRoot root;
  IoSettings settings = root.streaming_settings();
  const std::string run = "run_seal_clean";
  crashed_append(settings, run, std::vector<std::int64_t>(20000, 7));  // large: written as a part
  ASSERT_EQ(parts_of(bucket_dir(settings, run, kEdges, 0)).size(), 1u);
  Dataset dataset(settings, run);
  dataset.append(kEdges, edges_at({8}));  // inline
  dataset.seal();
  const std::vector<std::string> parts = parts_of(bucket_dir(settings, run, kEdges, 0));
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 1);
  EXPECT_TRUE(dataset.verify().clean()) << kinds(dataset.verify());
}

/// Writes a part of `ticks` into its bucket with the given provenance (none when empty).
std::string write_part(const IoSettings& settings, const std::string& run, const std::vector<std::int64_t>& ticks,
                       const detail::PartProvenance& provenance) {
  const fs::path dir = bucket_dir(settings, run, kEdges, ticks.front() / settings.tick_bucket_size);
  fs::create_directories(dir);
  const std::string name = new_part_name();
  frame::Frame rows = edges_at(ticks);
  std::vector<std::int64_t> buckets;
  for (const std::int64_t tick : ticks) buckets.push_back(tick / settings.tick_bucket_size);
  std::vector<std::pair<std::string, frame::Column>> columns{{"bucket", frame::Column::from<std::int64_t>(buckets)}};
  for (std::size_t k = 0; k < rows.num_columns(); ++k) columns.emplace_back(rows.schema()[k].name, rows.column(k));
  parquet::WriterOptions options = detail::part_writer_options(settings, run, "identity_edges");
  if (provenance.known()) detail::add_provenance(options, provenance);
  write_parquet_file_atomically(Env::posix(), dir / name, frame::Frame(std::move(columns)), options);
  return name;
}

TEST(AllOrNothing, AWalkAdoptsWholeAppendsOnlyAndNeverWhatASealedPartReplaced) {
  TempRoot root;
  const IoSettings settings = root.settings();
  const std::string run = "run_walk";
  // No log, no manifest: what a walk finds after both are lost.
  const std::string whole_a = write_part(settings, run, {1, 2}, {"aaaa", 2, 1, {}});
  const std::string whole_b = write_part(settings, run, {101}, {"aaaa", 2, 1, {}});
  const std::string half = write_part(settings, run, {3}, {"bbbb", 2, 1, {}});
  const std::string small = write_part(settings, run, {201}, {});
  const std::string sealed = write_part(settings, run, {201}, {"ssss", 1, 1, {{small, ""}}});

  RebuildResult walked = scan_table_files(Env::posix(), settings, run, kEdges);
  EXPECT_EQ(walked.manifest.total_rows(), 4);  // whole_a, whole_b, sealed
  EXPECT_TRUE(walked.manifest.has_part(0, whole_a));
  EXPECT_TRUE(walked.manifest.has_part(1, whole_b));
  EXPECT_TRUE(walked.manifest.has_part(2, sealed));
  ASSERT_EQ(walked.not_adopted.size(), 2u);
  EXPECT_THAT(walked.not_adopted[0].path, HasSubstr(half));
  EXPECT_THAT(walked.not_adopted[0].error, HasSubstr("other parts are missing"));
  EXPECT_THAT(walked.not_adopted[1].path, HasSubstr(small));
  EXPECT_THAT(walked.not_adopted[1].error, HasSubstr("replaced"));
  EXPECT_EQ(Dataset(settings, run).read(kEdges).num_rows(), 4);  // the reader's walk: the same

  // An intact manifest listing whole_a only: the rest are orphans and leftovers for verify,
  // and repair --adopt-orphans lists the whole appends.
  TableManifest listed = TableManifest::create("identity_edges");
  for (const auto& [bucket_id, partition] : walked.manifest.partitions) {
    for (const PartEntry& part : partition.parts) {
      if (part.path == whole_a) listed.add_part(bucket_id, part);
    }
  }
  save_manifest(Env::posix(), manifest_path(settings, run, kEdges), listed);
  Dataset dataset(settings, run);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 2);
  const VerifyReport report = dataset.verify();
  EXPECT_EQ(count_kind(report, "orphan"), 3u) << kinds(report);    // whole_b, sealed, small
  EXPECT_EQ(count_kind(report, "leftover"), 1u) << kinds(report);  // half
  const RepairReport repaired = dataset.repair(kEdges, RepairOptions{OrphanPolicy::Adopt});
  EXPECT_TRUE(repaired.after.clean()) << repaired.to_json().dump(2);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 4);
  EXPECT_TRUE(parts_of(bucket_dir(settings, run, kEdges, 0)) == std::vector<std::string>{whole_a});
}

// Found by the crash test under the sanitizers: a commit whose part in one bucket was
// compacted (twice) and vacuumed is still whole for the walk of a table whose manifest is lost.
TEST(AllOrNothing, AWalkCountsPartsThatACompactionReplacedAndVacuumDeleted) {
  TempRoot root;
  const IoSettings settings = root.settings();
  const std::string run = "run_compacted";
  {
    Dataset dataset(settings, run);
    dataset.append(kEdges, edges_at({1, 101, 201}));  // one commit, three parts
    dataset.append(kEdges, edges_at({2}));
    dataset.compact(kEdges, 0);
    dataset.append(kEdges, edges_at({3}));
    dataset.compact(kEdges, 0);  // replaces the first compaction's part: replacement is transitive
    dataset.vacuum(std::chrono::seconds(0));
  }
  EXPECT_EQ(parts_of(bucket_dir(settings, run, kEdges, 0)).size(), 1u);
  fs::remove(manifest_path(settings, run, kEdges));
  EXPECT_EQ(Dataset(settings, run).read(kEdges).num_rows(), 5);
  EXPECT_EQ(scan_table_files(Env::posix(), settings, run, kEdges).manifest.total_rows(), 5);
}

TEST(AllOrNothing, RepairQuarantinesAPartThatDisagreesAndDropsAMissingOne) {
  TempRoot root;
  const IoSettings settings = root.settings();
  const std::string run = "run_repair";
  Dataset dataset(settings, run);
  const AppendSummary first = dataset.append(kEdges, edges_at({1, 2}));
  const AppendSummary second = dataset.append(kEdges, edges_at({101}));
  const AppendSummary third = dataset.append(kEdges, edges_at({201, 202, 203}));
  const fs::path replaced = bucket_dir(settings, run, kEdges, 0) / first.parts.at(0).path;
  write_parquet_file_atomically(Env::posix(), replaced, edges_at({1, 2, 3, 4}), writer_options(settings));
  fs::remove(bucket_dir(settings, run, kEdges, 1) / second.parts.at(0).path);

  const VerifyReport report = dataset.verify();
  EXPECT_EQ(count_kind(report, "disagreement"), 1u) << kinds(report);
  EXPECT_EQ(count_kind(report, "missing"), 1u) << kinds(report);
  const RepairReport repaired = dataset.repair();
  EXPECT_TRUE(repaired.after.clean()) << repaired.to_json().dump(2);
  EXPECT_TRUE(fs::exists(replaced.string() + ".quarantined"));
  EXPECT_FALSE(fs::exists(replaced));
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 3);
  (void)third;
}

TEST(AllOrNothing, VerifyWaitsForACommitInFlightInsteadOfReportingItsFilesAsLeftovers) {
  TempRoot root;
  const IoSettings settings = root.settings();
  const std::string run = "run_live";
  Dataset(settings, run).append(kEdges, edges_at({1, 2}));
  const fs::path dir = table_dir(settings, run, kEdges);
  // What a commit writing its parts looks like from outside: the writers' lock held shared,
  // and a part still under its .tmp name.
  std::unique_ptr<FileLock> writing = Env::posix().lock_file_with(dir / ".writers", LockMode::Shared, true);
  const fs::path tmp = bucket_dir(settings, run, kEdges, 0) / "part-inflight.parquet.tmp";
  std::ofstream(tmp) << "half a part";

  Dataset dataset(settings, run);
  std::future<VerifyReport> verified = std::async(std::launch::async, [&] { return dataset.verify(kEdges); });
  EXPECT_EQ(verified.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "verify did not wait for the commit in flight";
  fs::remove(tmp);  // the commit renames its part and logs it (here: gives up cleanly)
  writing.reset();
  const VerifyReport report = verified.get();
  EXPECT_TRUE(report.clean()) << kinds(report);
  EXPECT_EQ(report.rows, 2);
}

}  // namespace
}  // namespace crv::io
