// The append log: inline rows, commits across tables, seals, checkpoints, torn tails,
// follow, vacuum, and appends killed with SIGKILL at random moments.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/paths.hpp"
#include "io/dataset_test_support.hpp"
#include "io/log/append_log.hpp"
#include "io/log/log_format.hpp"

namespace crv::io {
namespace {

using testing::TempRoot;

#define EXPECT_THAT_STRING(text, part) EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

constexpr auto kEdges = core::TableName::IdentityEdges;
constexpr auto kHoldings = core::TableName::Holdings;
namespace fs = std::filesystem;

/// identity_edges rows whose observer ids name the commit and the row, so that every row of
/// every commit can be told apart.
frame::Frame tagged_edges(int commit, const std::vector<std::int64_t>& ticks) {
  std::vector<std::optional<std::string>> observers;
  std::vector<std::optional<std::string>> kinds;
  std::vector<std::optional<double>> weights;
  for (std::size_t k = 0; k < ticks.size(); ++k) {
    observers.emplace_back("c" + std::to_string(commit) + "r" + std::to_string(k));
    kinds.emplace_back("self_to_positive_valence");
    weights.emplace_back(0.5);
  }
  return frame::Frame{{"tick", frame::Column::from<std::int64_t>(ticks)},
                      {"observer_agent_id", frame::Column::from<std::string>(observers)},
                      {"edge_kind", frame::Column::from<std::string>(kinds)},
                      {"edge_weight", frame::Column::from<double>(weights)}};
}

frame::Frame tagged_holdings(int commit, const std::vector<std::int64_t>& ticks) {
  std::vector<std::optional<std::string>> agents;
  std::vector<std::optional<std::string>> tokens;
  std::vector<std::optional<std::int64_t>> quantities;
  for (std::size_t k = 0; k < ticks.size(); ++k) {
    agents.emplace_back("c" + std::to_string(commit) + "r" + std::to_string(k));
    tokens.emplace_back("T");
    quantities.emplace_back(commit);
  }
  return frame::Frame{{"tick", frame::Column::from<std::int64_t>(ticks)},
                      {"agent_id", frame::Column::from<std::string>(agents)},
                      {"token_id", frame::Column::from<std::string>(tokens)},
                      {"quantity", frame::Column::from<std::int64_t>(quantities)}};
}

std::multiset<std::string> string_values(const frame::Frame& frame, const std::string& column) {
  std::multiset<std::string> out;
  const frame::Column& values = frame.column(column);
  for (std::int64_t row = 0; row < values.length(); ++row) out.insert(std::string(values.string_value(row)));
  return out;
}

std::size_t parts_in(const fs::path& dir) {
  std::size_t parts = 0;
  if (!fs::exists(dir)) return 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.path().extension() == ".parquet") ++parts;
  }
  return parts;
}

fs::path log_dir(const IoSettings& settings, const std::string& run) {
  return run_root(settings, run) / std::string(detail::kLogDirName);
}

TEST(AppendLog, SmallAppendsStayInlineUntilTheStreamMovesPastTheirBucket) {
  TempRoot root;
  const IoSettings settings = root.streaming_settings();
  Dataset dataset(settings, "run_inline");
  for (int tick = 0; tick < 150; ++tick) dataset.append(kEdges, tagged_edges(tick, {tick, tick}));
  const fs::path table = table_dir(settings, "run_inline", kEdges);

  // Bucket 0 is sealed (in the background) once tick 100 arrived: one part; bucket 1 is
  // inline in the log.
  for (int wait = 0; wait < 1000 && !fs::exists(manifest_path(settings, "run_inline", kEdges)); ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(parts_in(table / bucket_dir_name(0)), 1U);
  EXPECT_EQ(parts_in(table / bucket_dir_name(1)), 0U);
  const TableManifest manifest = *load_manifest(Env::posix(), manifest_path(settings, "run_inline", kEdges));
  EXPECT_EQ(manifest.total_rows(), 200);  // the reference and Polars see the sealed bucket
  EXPECT_EQ(manifest.bucket_ids(), std::vector<std::int64_t>{0});

  // crv-io's readers see every acknowledged append, inline rows included, each once.
  const Dataset reader(settings, "run_inline");
  EXPECT_EQ(reader.read(kEdges).num_rows(), 300);
  EXPECT_EQ(reader.scan(kEdges).count(), 300);
  EXPECT_EQ(reader.read(kEdges, Where{120, 129}).num_rows(), 20);
  EXPECT_EQ(reader.scan(kEdges, Where{0, 99}).count(), 200);
  std::int64_t batched = 0;
  ScanBatchReader batches = reader.scan(kEdges).batches();
  while (auto batch = batches.next()) batched += batch->num_rows();
  EXPECT_EQ(batched, 300);

  // The sealed part is sorted by tick.
  dataset.close();
  // close() started a new log segment and recorded it in CHECKPOINT: a reader opening the run
  // skips every older segment (all of their records are in the manifest now).
  const detail::AppendLog log(Env::posix(), log_dir(settings, "run_inline"), 1 << 20);
  EXPECT_EQ(log.checkpoint_segment(), log.segments().back());
  EXPECT_GT(log.segments().size(), 1U);
  EXPECT_EQ(Dataset(settings, "run_inline").read(kEdges).num_rows(), 300);
  EXPECT_EQ(parts_in(table / bucket_dir_name(1)), 1U);
  const TableManifest sealed = *load_manifest(Env::posix(), manifest_path(settings, "run_inline", kEdges));
  EXPECT_EQ(sealed.total_rows(), 300);
  EXPECT_EQ(sealed.partitions.at(1).parts.size(), 1U);
  EXPECT_EQ(sealed.partitions.at(1).tick_min, 100);
  EXPECT_EQ(sealed.partitions.at(1).tick_max, 149);
  const frame::Frame all = reader.read(kEdges);
  EXPECT_EQ(all.num_rows(), 300);
  const std::int64_t* ticks = all.column("tick").values<std::int64_t>();
  EXPECT_TRUE(std::is_sorted(ticks, ticks + all.num_rows()));
}

TEST(AppendLog, WithInliningOffTheManifestIsCheckpointedEveryNAppends) {
  TempRoot root;
  IoSettings settings = root.settings();  // inlining off
  settings.write_manifest_every_n = 4;
  Dataset dataset(settings, "run_every_n");
  const fs::path manifest = manifest_path(settings, "run_every_n", kEdges);
  for (int k = 0; k < 3; ++k) dataset.append(kEdges, tagged_edges(k, {k}));
  EXPECT_FALSE(fs::exists(manifest));             // three commits, in the log only
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 3);  // crv-io sees them
  EXPECT_EQ(parts_in(table_dir(settings, "run_every_n", kEdges)), 3U);
  dataset.append(kEdges, tagged_edges(3, {3}));
  EXPECT_EQ(load_manifest(Env::posix(), manifest)->total_rows(), 4);  // the fourth checkpoints
  for (int k = 4; k < 7; ++k) dataset.append(kEdges, tagged_edges(k, {k}));
  EXPECT_EQ(load_manifest(Env::posix(), manifest)->total_rows(), 4);
  dataset.append(kEdges, tagged_edges(7, {7}));
  EXPECT_EQ(load_manifest(Env::posix(), manifest)->total_rows(), 8);
}

TEST(AppendLog, OneCommitAcrossTablesIsOneRecord) {
  TempRoot root;
  const IoSettings settings = root.streaming_settings();
  Dataset dataset(settings, "run_batch");
  for (int tick = 0; tick < 5; ++tick) {
    const std::vector<TableAppend> tables{{kEdges, tagged_edges(tick, {tick})},
                                          {kHoldings, tagged_holdings(tick, {tick, tick})}};
    const std::vector<AppendSummary> summaries = dataset.append_batch(tables);
    ASSERT_EQ(summaries.size(), 2U);
    EXPECT_EQ(summaries[0].table, "identity_edges");
    EXPECT_EQ(summaries[1].rows, 2);
  }
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 5);
  EXPECT_EQ(dataset.read(kHoldings).num_rows(), 10);
  // Five commits, five records in one segment.
  detail::AppendLog log(Env::posix(), log_dir(settings, "run_batch"), 1 << 20);
  const std::vector<std::uint64_t> segments = log.segments();
  ASSERT_EQ(segments.size(), 1U);
  EXPECT_EQ(log.read_segment(segments.front(), 0).records.size(), 5U);

  // A frame that fails validation fails the whole commit: nothing of it is written.
  const std::vector<TableAppend> bad{{kEdges, tagged_edges(9, {9})}, {kHoldings, tagged_edges(9, {9})}};
  EXPECT_THROW(dataset.append_batch(bad), IoSchemaError);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 5);
  EXPECT_EQ(log.read_segment(segments.front(), 0).records.size(), 5U);
}

TEST(AppendLog, ATornOrCorruptTailIsDroppedAndTheNextAppendStartsANewSegment) {
  for (const bool flip : {false, true}) {
    SCOPED_TRACE(flip ? "flipped byte" : "truncated record");
    TempRoot root;
    const IoSettings settings = root.streaming_settings();
    // A writer that dies after three acknowledged appends (no close, so the rows stay inline).
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      Dataset dataset(settings, "run_torn");
      for (int k = 0; k < 3; ++k) dataset.append(kEdges, tagged_edges(k, {k}));
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const fs::path segment = log_dir(settings, "run_torn") / detail::segment_file_name(1);
    // The end of the records: the writer fills the segment with zeros ahead of them.
    const auto size =
        detail::AppendLog(Env::posix(), log_dir(settings, "run_torn"), 1u << 22).read_segment(1, 0).valid_end;
    if (flip) {
      // Flip a byte in the last record: its checksum no longer matches.
      std::fstream file(segment, std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(static_cast<std::streamoff>(size - 5));
      char byte = 0;
      file.read(&byte, 1);
      file.seekp(static_cast<std::streamoff>(size - 5));
      byte = static_cast<char>(byte ^ 0x5A);
      file.write(&byte, 1);
    } else {
      fs::resize_file(segment, size - 7);
    }
    Dataset dataset(settings, "run_torn");
    EXPECT_EQ(string_values(dataset.read(kEdges), "observer_agent_id"), (std::multiset<std::string>{"c0r0", "c1r0"}));
    dataset.append(kEdges, tagged_edges(3, {3}));
    EXPECT_TRUE(fs::exists(log_dir(settings, "run_torn") / detail::segment_file_name(2)));
    const Dataset reader(settings, "run_torn");
    EXPECT_EQ(string_values(reader.read(kEdges), "observer_agent_id"),
              (std::multiset<std::string>{"c0r0", "c1r0", "c3r0"}));
  }
}

TEST(AppendLog, WritersFillTheSegmentWithZerosAheadAndReadersStopThere) {
  TempRoot root;
  const fs::path dir = root.path() / "log";
  constexpr std::uint64_t kSegmentBytes = 4u << 20;
  detail::AppendLog first(Env::posix(), dir, kSegmentBytes);
  std::uint64_t end = 0;
  for (int k = 0; k < 3; ++k) end = first.append(detail::RecordType::Commit, std::string(100 + k, 'a' + k)).end.offset;
  const fs::path segment = dir / detail::segment_file_name(1);
  // Zeros ahead of the records (4 KiB at first, growing with the segment): the next appends
  // overwrite them in place.
  EXPECT_GE(fs::file_size(segment), 4096U);
  EXPECT_LT(end, 400U);
  detail::AppendLog second(Env::posix(), dir, kSegmentBytes);  // another writer, as another process has
  second.append(detail::RecordType::Commit, "from the second writer");
  first.append(detail::RecordType::Commit, "from the first writer again");
  const detail::SegmentRead read = first.read_segment(1, 0, 16);  // small chunks: the reader reads on
  ASSERT_EQ(read.records.size(), 5U);
  EXPECT_TRUE(read.problem.empty()) << read.problem;
  EXPECT_EQ(read.records[2].payload, std::string(102, 'c'));
  EXPECT_EQ(read.records[3].payload, "from the second writer");
  EXPECT_EQ(read.records[4].payload, "from the first writer again");
  EXPECT_LT(read.valid_end, fs::file_size(segment));
  EXPECT_FALSE(fs::exists(dir / detail::segment_file_name(2)));
}

TEST(AppendLog, BytesBeyondTheZerosMakeANewWriterStartANewSegment) {
  // After a power cut, a record that was never acknowledged can reach the disk without the
  // page that holds the header before it: the data ends at zeros with a valid-looking
  // record further on. A writer must not write at that end (a reader could run into it).
  TempRoot root;
  const fs::path dir = root.path() / "log";
  std::uint64_t end = 0;
  {
    detail::AppendLog writer(Env::posix(), dir, 4u << 20);
    writer.append(detail::RecordType::Commit, "one");
    end = writer.append(detail::RecordType::Commit, "two").end.offset;
  }
  const fs::path segment = dir / detail::segment_file_name(1);
  {
    const std::string stray = detail::frame_record(detail::RecordType::Commit, "never acknowledged");
    std::fstream file(segment, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(end + 4096));
    file.write(stray.data(), static_cast<std::streamsize>(stray.size()));
  }
  detail::AppendLog writer(Env::posix(), dir, 4u << 20);
  const detail::AppendLog::Appended appended = writer.append(detail::RecordType::Commit, "three");
  EXPECT_EQ(appended.at.segment, 2U);
  const detail::SegmentRead old = writer.read_segment(1, 0);
  ASSERT_EQ(old.records.size(), 2U);
  EXPECT_TRUE(old.problem.empty());
  const detail::SegmentRead fresh = writer.read_segment(2, 0);
  ASSERT_EQ(fresh.records.size(), 1U);
  EXPECT_EQ(fresh.records[0].payload, "three");
}

/// Appends `rows` expecting an IoConfigError whose message holds every one of `parts`.
void expect_config_error(Dataset& dataset, const frame::Frame& rows, const std::vector<std::string>& parts) {
  try {
    dataset.append(kEdges, rows);
    ADD_FAILURE() << "the append was accepted";
  } catch (const IoConfigError& error) {
    for (const std::string& part : parts) EXPECT_THAT_STRING(error.what(), part);
  }
}

TEST(AppendLog, AppendingWithAnotherTickBucketSizeIsAConfigErrorNamingBothSizes) {
  TempRoot root;
  const std::string kRun = "run_sizes";
  IoSettings settings = root.streaming_settings();  // bucket size 100
  {
    Dataset dataset(settings, kRun);
    dataset.append(kEdges, tagged_edges(0, {10, 150}));
    // Closed without a seal: the rows and their bucket size are in the live log only.
    IoSettings other = settings;
    other.tick_bucket_size = 1000;
    Dataset wrong(other, kRun);
    expect_config_error(wrong, tagged_edges(1, {20}), {"tick_bucket_size 100", "uses 1000"});
  }
  // Sealed and vacuumed: the log no longer holds the table; the manifest's buckets tell.
  {
    Dataset dataset(settings, kRun);
    dataset.seal();
    dataset.vacuum(std::chrono::seconds(0));
  }
  IoSettings other = settings;
  other.tick_bucket_size = 1000;
  Dataset wrong(other, kRun);
  expect_config_error(wrong, tagged_edges(2, {20}), {"written with tick_bucket_size 100", "size of 1000"});
  EXPECT_THROW(wrong.append(kEdges, tagged_edges(2, {20})), IoConfigError);  // every time, not once
  // Nothing was added by the refused appends; the right size still appends.
  Dataset dataset(settings, kRun);
  dataset.append(kEdges, tagged_edges(3, {30}));
  EXPECT_EQ(string_values(dataset.read(kEdges), "observer_agent_id"),
            (std::multiset<std::string>{"c0r0", "c0r1", "c3r0"}));
}

TEST(AppendLog, FollowReturnsOnlyWhatWasAppendedSinceTheCursor) {
  TempRoot root;
  IoSettings settings = root.streaming_settings();
  settings.inline_max_rows = 3;  // the 4-row append below writes a part: follow sees it too
  Dataset writer(settings, "run_follow");
  const Dataset follower(settings, "run_follow");
  FollowResult first = follower.follow(kEdges);
  EXPECT_EQ(first.rows.num_rows(), 0);
  writer.append(kEdges, tagged_edges(0, {0, 1}));
  writer.append(kEdges, tagged_edges(1, {2}));
  FollowResult second = follower.follow(kEdges, first.cursor);
  EXPECT_EQ(string_values(second.rows, "observer_agent_id"), (std::multiset<std::string>{"c0r0", "c0r1", "c1r0"}));
  FollowResult idle = follower.follow(kEdges, second.cursor);
  EXPECT_EQ(idle.rows.num_rows(), 0);
  EXPECT_EQ(idle.cursor, second.cursor);
  writer.append(kEdges, tagged_edges(2, {3, 4, 5, 6}));
  writer.append(kEdges, tagged_edges(3, {250}));  // seals buckets 0..1: no new rows in that
  FollowResult third = follower.follow(kEdges, idle.cursor);
  EXPECT_EQ(third.rows.num_rows(), 5);
  EXPECT_EQ(follower.follow(kEdges, third.cursor).rows.num_rows(), 0);
  // From the start: everything so far, once.
  EXPECT_EQ(follower.follow(kEdges).rows.num_rows(), 8);
  EXPECT_THROW(follower.follow(kEdges, LogCursor{99, 0}), IoError);
  EXPECT_EQ(LogCursor::parse(third.cursor.to_string()), third.cursor);
  EXPECT_THROW(LogCursor::parse("3"), IoError);
}

TEST(AppendLog, VacuumDeletesReplacedPartsAfterTheGraceAndRetiresDeadSegments) {
  TempRoot root;
  IoSettings settings = root.streaming_settings();
  settings.log_segment_bytes = 4096;  // many segments
  Dataset dataset(settings, "run_vacuum");
  for (int tick = 0; tick < 400; ++tick) dataset.append(kEdges, tagged_edges(tick, {tick}));
  dataset.close();
  // A late append to a sealed bucket adds a part; compaction merges it with the sealed one.
  dataset.append(kEdges, tagged_edges(1000, {5}));
  const fs::path table = table_dir(settings, "run_vacuum", kEdges);
  EXPECT_EQ(parts_in(table / bucket_dir_name(0)), 2U);
  const std::vector<SealSummary> compacted = dataset.compact(kEdges, 0);
  ASSERT_EQ(compacted.size(), 1U);
  EXPECT_EQ(compacted[0].replaced.size(), 2U);
  EXPECT_EQ(parts_in(table / bucket_dir_name(0)), 3U);  // replaced parts wait for vacuum

  const std::size_t segments_before =
      detail::AppendLog(Env::posix(), log_dir(settings, "run_vacuum"), 4096).segments().size();
  EXPECT_GT(segments_before, 3U);
  EXPECT_TRUE(dataset.vacuum(std::chrono::seconds(3600)).removed.empty());  // within the grace
  const VacuumSummary vacuumed = dataset.vacuum(std::chrono::seconds(0));
  EXPECT_EQ(vacuumed.removed.size(), 2U);
  EXPECT_EQ(parts_in(table / bucket_dir_name(0)), 1U);
  EXPECT_FALSE(vacuumed.retired_segments.empty());
  EXPECT_LT(detail::AppendLog(Env::posix(), log_dir(settings, "run_vacuum"), 4096).segments().size(), segments_before);

  // One part per bucket, every row once, for crv-io and for the manifest alike.
  const Dataset reader(settings, "run_vacuum");
  EXPECT_EQ(reader.read(kEdges).num_rows(), 401);
  const TableManifest manifest = *load_manifest(Env::posix(), manifest_path(settings, "run_vacuum", kEdges));
  EXPECT_EQ(manifest.total_rows(), 401);
  for (const auto& [bucket, partition] : manifest.partitions) EXPECT_EQ(partition.parts.size(), 1U) << bucket;
  EXPECT_EQ(parts_in(table), manifest.part_count());
}

TEST(AppendLog, RebuildDoesNotListPartsASealReplaced) {
  TempRoot root;
  const IoSettings settings = root.streaming_settings();
  Dataset dataset(settings, "run_rebuild");
  for (int tick = 0; tick < 10; ++tick) dataset.append(kEdges, tagged_edges(tick, {tick}));
  dataset.close();
  dataset.append(kEdges, tagged_edges(10, {5}));
  dataset.compact(kEdges, 0);
  EXPECT_EQ(dataset.rebuild_manifest(kEdges).total_rows(), 11);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 11);
}

TEST(AppendLog, SeveralProcessesAppendingToOneTableLoseAndDoubleNothing) {
  TempRoot root;
  const IoSettings settings = root.streaming_settings();
  constexpr int kProcesses = 4;
  constexpr int kAppends = 60;
  testing::run_writer_processes(kProcesses, [&](int p) {
    Dataset dataset(settings, "run_writers");
    for (int k = 0; k < kAppends; ++k) {
      const int commit = p * 1000 + k;
      dataset.append(kEdges, tagged_edges(commit, {p * 1000 + k, p * 1000 + k}));
    }
    dataset.close();
    return 0;
  });
  const Dataset reader(settings, "run_writers");
  const std::multiset<std::string> ids = string_values(reader.read(kEdges), "observer_agent_id");
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kProcesses * kAppends * 2));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  const TableManifest manifest = *load_manifest(Env::posix(), manifest_path(settings, "run_writers", kEdges));
  EXPECT_EQ(manifest.total_rows(), kProcesses * kAppends * 2);  // every writer closed: all sealed
}

TEST(AppendLog, ReadersRacingWritersAndSealsNeverSeeAPartialCommitOrARowTwice) {
  TempRoot root;
  const IoSettings settings = root.streaming_settings();
  std::atomic<bool> writing{true};
  std::atomic<int> checks{0};
  std::jthread reader([&] {
    const Dataset dataset(settings, "run_race");
    while (writing.load()) {
      const Scan scan = dataset.scan(kEdges);
      const std::multiset<std::string> ids = string_values(scan.collect(), "observer_agent_id");
      // Every commit has 3 rows; a reader sees all of a commit's rows or none, each once.
      EXPECT_EQ(ids.size() % 3, 0U);
      EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << scan.explain().to_string();
      checks.fetch_add(1);
    }
  });
  {
    Dataset dataset(settings, "run_race");
    for (int k = 0; k < 300; ++k) {
      dataset.append(kEdges, tagged_edges(k, {k, k, k}));
      if (k % 40 == 39) dataset.seal();  // seals, log rotations and CHECKPOINTs under the reader
    }
  }
  writing.store(false);
  reader.join();
  EXPECT_GT(checks.load(), 5);
}

/// Trials of the crash test: CRV_IO_LONG_TESTS=1 runs ten times as many.
int crash_trials() {
  const char* lon = std::getenv("CRV_IO_LONG_TESTS");
  return lon != nullptr && std::string(lon) == "1" ? 2000 : 200;
}

TEST(AppendLog, AppendsKilledAtRandomMomentsLoseNothingAcknowledgedAndShowNothingPartial) {
  TempRoot root;
  IoSettings settings = root.streaming_settings();
  settings.log_segment_bytes = 16384;  // rotations happen during the test too
  std::mt19937 random(20261201);
  // A new run every 100 trials keeps each table small enough to check often.
  constexpr int kTrialsPerRun = 100;
  int next_commit = 0;
  std::set<int> acknowledged;
  std::size_t acknowledged_total = 0;
  const auto run_of = [](int trial) { return "run_crash_" + std::to_string(trial / kTrialsPerRun); };
  const int trials = crash_trials();
  for (int trial = 0; trial < trials; ++trial) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    if (trial % kTrialsPerRun == 0) {
      acknowledged_total += acknowledged.size();
      acknowledged.clear();
    }
    const std::string run = run_of(trial);
    const int first = next_commit;
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      Dataset dataset(settings, run);
      for (int commit = first;; ++commit) {
        const std::int64_t tick = commit;
        // Single-table appends of one bucket, appends over three buckets, commits across
        // two tables, and appends large enough to be written as parts.
        switch (commit % 4) {
          case 0: dataset.append(kEdges, tagged_edges(commit, {tick, tick})); break;
          case 1: dataset.append(kEdges, tagged_edges(commit, {tick, tick + 100, tick + 200})); break;
          case 2: {
            const std::vector<TableAppend> tables{{kEdges, tagged_edges(commit, {tick, tick})},
                                                  {kHoldings, tagged_holdings(commit, {tick, tick})}};
            dataset.append_batch(tables);
            break;
          }
          default: {
            // Above inline_max_rows: parts, one bucket or (every other time) three.
            std::vector<std::int64_t> many(12000, tick);
            if (commit % 8 == 7) {
              for (std::size_t k = 4000; k < many.size(); ++k) many[k] = tick + (k < 8000 ? 100 : 200);
            }
            dataset.append(kEdges, tagged_edges(commit, many));
          }
        }
        const int written = static_cast<int>(::write(fds[1], &commit, sizeof commit));
        if (written != sizeof commit) _exit(3);
        // Kills also land inside explicit seals, compactions and vacuums (and the
        // retirement of log segments), not only inside the seals that appends trigger.
        if (commit % 10 == 9) dataset.seal();
        if (commit % 12 == 11) dataset.compact(kEdges, tick / 100);
        if (commit % 16 == 15) dataset.vacuum(std::chrono::seconds(0));
      }
    }
    ::close(fds[1]);
    // Half of the kills wait for a first acknowledgement (so that they land mid-stream even on
    // a loaded machine), half may land while the writer is still starting.
    int commit = 0;
    if (trial % 2 == 1 && ::read(fds[0], &commit, sizeof commit) == sizeof commit) {
      acknowledged.insert(commit);
      next_commit = std::max(next_commit, commit + 1);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 40000)(random)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    while (::read(fds[0], &commit, sizeof commit) == sizeof commit) {
      acknowledged.insert(commit);
      next_commit = std::max(next_commit, commit + 1);
    }
    ::close(fds[0]);
    next_commit += 1;  // a commit killed before its acknowledgement may or may not be there

    if (trial % 20 != 19 && trial != trials - 1) continue;
    SCOPED_TRACE("after trial " + std::to_string(trial));
    const auto expected_rows = [](int c) { return c % 4 == 0 ? 2 : c % 4 == 1 ? 3 : c % 4 == 2 ? 2 : 12000; };
    // Every acknowledged commit whole and once, and no other commit partial or doubled.
    const auto check_rows = [&](const Dataset& reader, const std::string& path) {
      SCOPED_TRACE("read path: " + path);
      std::map<int, int> edges_rows;
      for (const std::string& id : string_values(reader.read(kEdges), "observer_agent_id")) {
        ++edges_rows[std::stoi(id.substr(1, id.find('r') - 1))];
      }
      std::map<int, int> holdings_rows;
      for (const std::string& id : string_values(reader.read(kHoldings), "agent_id")) {
        ++holdings_rows[std::stoi(id.substr(1, id.find('r') - 1))];
      }
      for (const int c : acknowledged) {
        ASSERT_EQ(edges_rows[c], expected_rows(c)) << "acknowledged commit " << c;
        if (c % 4 == 2) {
          ASSERT_EQ(holdings_rows[c], 2) << "acknowledged commit " << c;
        }
      }
      for (const auto& [c, rows] : edges_rows) {
        ASSERT_EQ(rows, expected_rows(c)) << "commit " << c << " is partial or doubled";
        if (c % 4 == 2) {
          ASSERT_EQ(holdings_rows[c], 2) << "commit " << c << " has one table only";
        }
      }
      for (const auto& [c, rows] : holdings_rows) ASSERT_EQ(edges_rows[c], 2) << "commit " << c;
    };
    ASSERT_NO_FATAL_FAILURE(check_rows(Dataset(settings, run), "manifest and log"));
    if (trial % 40 == 39 || trial == trials - 1) {
      // The other read paths: a rebuild from the files, the walk without a manifest, and what
      // repair leaves (which verify must then find clean).
      Dataset dataset(settings, run);
      dataset.rebuild_manifest(kEdges);
      ASSERT_NO_FATAL_FAILURE(check_rows(Dataset(settings, run), "rebuild-manifest"));
      fs::remove(manifest_path(settings, run, kEdges));
      ASSERT_NO_FATAL_FAILURE(check_rows(Dataset(settings, run), "directory walk"));
      const RepairReport repaired = dataset.repair();
      ASSERT_TRUE(repaired.after.clean()) << repaired.to_json().dump(2);
      ASSERT_NO_FATAL_FAILURE(check_rows(Dataset(settings, run), "after repair"));
    }
  }
  acknowledged_total += acknowledged.size();
  EXPECT_GE(acknowledged_total, static_cast<std::size_t>(trials / 2));

  // Recovery: a writer's close seals everything; the manifest then lists every row.
  {
    Dataset dataset(settings, run_of(trials - 1));
    dataset.seal();
  }
  const Dataset reader(settings, run_of(trials - 1));
  const std::int64_t rows = reader.read(kEdges).num_rows();
  const std::optional<TableManifest> manifest =
      load_manifest(Env::posix(), manifest_path(settings, run_of(trials - 1), kEdges));
  ASSERT_TRUE(manifest.has_value()) << "seal() left no manifest.json";
  EXPECT_EQ(manifest->total_rows(), rows);
}

// A table whose manifest.json was deleted (by hand, or by the kill trials above in their last
// trial): seal() writes it again from the parts and the log, so that every reader sees them.
TEST(AppendLog, SealWritesAManifestThatIsMissing) {
  TempRoot root;
  IoSettings settings = root.settings();
  settings.inline_max_rows = 0;
  Dataset(settings, "run_missing").append(kEdges, testing::edges_at({1, 2, 150}));
  const fs::path path = manifest_path(settings, "run_missing", kEdges);
  ASSERT_TRUE(fs::exists(path));
  fs::remove(path);
  Dataset dataset(settings, "run_missing");
  dataset.seal();
  const std::optional<TableManifest> manifest = load_manifest(Env::posix(), path);
  ASSERT_TRUE(manifest.has_value());
  EXPECT_EQ(manifest->total_rows(), 3);
  // Tables never written get no directory and no manifest.
  EXPECT_FALSE(fs::exists(table_dir(settings, "run_missing", kHoldings)));
}

}  // namespace
}  // namespace crv::io
