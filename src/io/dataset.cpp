#include "crv/io/dataset.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "crv/frame/kernels.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "crv/parquet/error.hpp"
#include "io/log/inline_rows_io.hpp"
#include "io/log/log_operations.hpp"
#include "io/log/run_log.hpp"
#include "io/part_check.hpp"
#include "io/part_io.hpp"
#include "io/scan_input.hpp"
#include "io/scan_output.hpp"

namespace crv::io {
namespace {

/// A table that has a directory but no manifest.json.
bool manifest_missing(Env& env, const IoSettings& settings, const std::string& run_id, core::TableName table) {
  return env.is_directory(table_dir(settings, run_id, table)) &&
         !env.file_exists(manifest_path(settings, run_id, table));
}

}  // namespace

nlohmann::ordered_json SealSummary::to_json() const {
  return {{"table", table},       {"bucket_id", bucket_id},
          {"rows", rows},         {"inline_batches", inline_batches},
          {"replaced", replaced}, {"part", part}};
}

nlohmann::ordered_json VacuumSummary::to_json() const {
  return {{"removed", removed}, {"retired_segments", retired_segments}};
}

Dataset::Dataset(IoSettings settings, std::string_view run_id, Env& env)
    : settings_(std::move(settings)), run_id_(run_id), env_(&env) {
  settings_.validate();
  run_root(settings_, run_id_);  // validates the run id
  log_ = std::make_unique<detail::RunLog>(*env_, settings_, run_id_);
}

Dataset::~Dataset() {
  try {
    close();
  } catch (const std::exception&) {
    // Every append was durable when it returned; what is not sealed stays inline in the log.
  }
  {
    const std::lock_guard guard(sealer_mutex_);
    sealer_stop_ = true;
  }
  sealer_changed_.notify_all();
  if (sealer_.joinable()) sealer_.join();
}

AppendSummary Dataset::append(TableRef table, const frame::Frame& frame, const AppendOptions& options) {
  const TableAppend one{table, frame};
  return append_batch(std::span<const TableAppend>(&one, 1), options).front();
}

std::vector<AppendSummary> Dataset::append_batch(std::span<const TableAppend> tables, const AppendOptions& options) {
  std::vector<AppendSummary> summaries = detail::commit_tables(*log_, tables, options);
  for (std::size_t k = 0; k < tables.size(); ++k) seal_moved_past(tables[k].table.name(), summaries[k]);
  return summaries;
}

void Dataset::seal_moved_past(core::TableName table, const AppendSummary& summary) {
  if (summary.buckets.empty()) return;
  const std::int64_t newest = summary.buckets.back();
  std::vector<std::int64_t> due;
  {
    const std::lock_guard guard(open_buckets_mutex_);
    std::set<std::int64_t>& open = open_buckets_[table];
    for (const AppendedPart& part : summary.parts) {
      if (part.path.empty()) open.insert(part.bucket_id);
    }
    for (auto it = open.begin(); it != open.end() && *it < newest;) {
      due.push_back(*it);
      it = open.erase(it);
    }
  }
  for (const std::int64_t bucket_id : due) seal_in_background(table, bucket_id);
}

void Dataset::seal_in_background(core::TableName table, std::int64_t bucket_id) {
  {
    const std::lock_guard guard(sealer_mutex_);
    seal_queue_.emplace_back(table, bucket_id);
    if (!sealer_.joinable()) sealer_ = std::thread([this] { run_sealer(); });
  }
  sealer_changed_.notify_all();
}

namespace {

/// The sealer yields to the appending threads: a lower CPU priority and the idle I/O class,
/// so that an append's fsync does not queue behind a seal's writes.
void lower_sealer_priority() {
  const auto thread_id = static_cast<id_t>(::syscall(SYS_gettid));
  ::setpriority(PRIO_PROCESS, thread_id, 10);
  constexpr int kIoprioClassIdle = 3;
  constexpr int kIoprioClassShift = 13;
  constexpr int kIoprioWhoProcess = 1;
  ::syscall(SYS_ioprio_set, kIoprioWhoProcess, static_cast<int>(thread_id), kIoprioClassIdle << kIoprioClassShift);
}

}  // namespace

void Dataset::run_sealer() {
  lower_sealer_priority();
  std::unique_lock lock(sealer_mutex_);
  while (true) {
    sealer_changed_.wait(lock, [this] { return sealer_stop_ || !seal_queue_.empty(); });
    if (seal_queue_.empty()) return;  // stopping, nothing left
    const auto [table, bucket_id] = seal_queue_.front();
    seal_queue_.pop_front();
    sealer_busy_ = true;
    lock.unlock();
    try {
      detail::seal_bucket(*log_, table, bucket_id, false);
      // Full segments behind the stream become skippable for readers opening the run.
      detail::advance_log_checkpoint(*log_, false);
    } catch (const std::exception&) {
      // The appends are durable and their rows readable inline; close() seals the bucket
      // again and reports the error if it persists.
      const std::lock_guard guard(open_buckets_mutex_);
      open_buckets_[table].insert(bucket_id);
    }
    lock.lock();
    sealer_busy_ = false;
    sealer_changed_.notify_all();
  }
}

void Dataset::wait_for_sealer() {
  std::unique_lock lock(sealer_mutex_);
  sealer_changed_.wait(lock, [this] { return seal_queue_.empty() && !sealer_busy_; });
}

void Dataset::close() {
  wait_for_sealer();
  std::map<core::TableName, std::set<std::int64_t>> open;
  {
    const std::lock_guard guard(open_buckets_mutex_);
    open.swap(open_buckets_);
  }
  if (open.empty()) return;
  for (const auto& [table, buckets] : open) {
    for (const std::int64_t bucket_id : buckets) detail::seal_bucket(*log_, table, bucket_id, false);
  }
  detail::advance_log_checkpoint(*log_, true);
}

std::vector<SealSummary> Dataset::seal(std::optional<TableRef> table) {
  wait_for_sealer();
  std::vector<SealSummary> sealed;
  for (const core::TableName name : core::all_table_names()) {
    if (table && table->name() != name) continue;
    for (const std::int64_t bucket_id : detail::buckets_with_inline_rows(*log_, name)) {
      if (auto summary = detail::seal_bucket(*log_, name, bucket_id, false)) sealed.push_back(std::move(*summary));
    }
    // Commits of parts whose checkpoint a crashed writer never wrote, and a table whose
    // manifest.json is gone (deleted by hand, or never written by a crashed first append):
    // listed now, so that every reader sees every row.
    if (log_->table_log(core::to_string(name)).log.parts.size() > 0 ||
        manifest_missing(*env_, settings_, run_id_, name))
      detail::checkpoint_table(*log_, name);
    const std::lock_guard guard(open_buckets_mutex_);
    open_buckets_.erase(name);
  }
  detail::advance_log_checkpoint(*log_, true);
  return sealed;
}

std::vector<SealSummary> Dataset::compact(TableRef table, std::optional<std::int64_t> bucket) {
  std::vector<std::int64_t> buckets;
  if (bucket) {
    buckets.push_back(*bucket);
  } else {
    const detail::TableSnapshot snapshot = log_->snapshot(table.name());
    for (const auto& [bucket_id, partition] : snapshot.manifest.partitions) buckets.push_back(bucket_id);
    for (const auto& rows : snapshot.inline_rows) buckets.push_back(rows.rows.bucket_id);
    std::sort(buckets.begin(), buckets.end());
    buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
  }
  std::vector<SealSummary> compacted;
  for (const std::int64_t bucket_id : buckets) {
    if (auto summary = detail::seal_bucket(*log_, table.name(), bucket_id, true))
      compacted.push_back(std::move(*summary));
  }
  return compacted;
}

VacuumSummary Dataset::vacuum(std::optional<std::chrono::seconds> grace) {
  return detail::vacuum_run(*log_, grace.value_or(std::chrono::seconds(settings_.vacuum_grace_seconds)));
}

bool Dataset::checkpoint(TableRef table) { return detail::checkpoint_table(*log_, table.name()); }

std::optional<TableManifest> Dataset::manifest(TableRef table) const {
  detail::TableSnapshot snapshot = log_->snapshot(table.name());
  if (!snapshot.had_manifest) return std::nullopt;
  return std::move(snapshot.manifest);
}

namespace {

std::vector<InlineRowsInput> inline_inputs(const detail::TableSnapshot& snapshot) {
  std::vector<InlineRowsInput> inputs;
  inputs.reserve(snapshot.inline_rows.size());
  for (const detail::LoggedRows& logged : snapshot.inline_rows) {
    const detail::InlineRows& rows = logged.rows;
    inputs.push_back({rows.bucket_id, rows.tick_min, rows.tick_max, rows.rows, rows.parquet,
                      "inline rows logged at " + logged.at.to_string()});
  }
  return inputs;
}

}  // namespace

Scan Dataset::scan(TableRef table, Where where) const {
  detail::TableSnapshot snapshot = log_->snapshot(table.name());
  auto input = std::make_shared<ScanInput>();
  input->env = env_;
  input->settings = settings_;
  input->run_id = run_id_;
  input->table = table.name();
  // Without a manifest, the scan walks the directories itself only when the log knows
  // nothing of the table: a walk would also find parts of commits and seals in flight.
  if (snapshot.had_manifest || snapshot.logged || !snapshot.manifest.partitions.empty()) {
    input->manifest = std::make_shared<const TableManifest>(std::move(snapshot.manifest));
    input->walked = snapshot.walked;
  }
  input->inline_rows = inline_inputs(snapshot);
  return Scan(std::move(input), where);
}

frame::Frame Dataset::read(TableRef table, Where where, std::optional<std::int64_t> limit) const {
  Scan scan = this->scan(table, where);
  if (limit) scan = scan.limit(*limit);
  return scan.collect();
}

FollowResult Dataset::follow(TableRef table, LogCursor cursor) const {
  const std::string name(table.str());
  if (cursor.is_start()) {
    // Everything so far: one consistent snapshot, and the log position it was taken at.
    const detail::TableSnapshot snapshot = log_->snapshot(table.name());
    FollowResult result{read(table), snapshot.log_end};
    return result;
  }
  const detail::CommitsSince since = log_->commits_since(name, cursor);
  if (since.expired) {
    throw IoArgumentError("cursor " + cursor.to_string() + " of table '" + name + "' of run '" + run_id_ +
                          "' is outside the append log: its records were retired by vacuum, or it belongs to another "
                          "run; read the table again and follow from a new cursor");
  }
  std::vector<frame::Frame> pieces;
  std::vector<std::pair<std::string, std::vector<frame::Field>>> schemas;
  for (const detail::LoggedRows& rows : since.rows) {
    const std::string label = "inline rows logged at " + rows.at.to_string();
    pieces.push_back(detail::open_inline_rows(rows.rows.parquet, label)->read());
    schemas.emplace_back(label, pieces.back().schema());
  }
  for (const detail::LoggedPart& part : since.parts) {
    if (!is_canonical_part_name(part.part.path)) {
      throw IoManifestError("the append log of run '" + run_id_ + "' names the part '" + part.part.path +
                            "' of table '" + name + "', which is not a part name inside its bucket directory");
    }
    const std::filesystem::path path = bucket_dir(settings_, run_id_, table.name(), part.bucket_id) / part.part.path;
    const auto reader = open_parquet_file(*env_, path);
    detail::check_part(*reader, path.string(),
                       detail::PartExpectation{run_id_, table.name(), &part.part, "the append log", nullptr});
    pieces.push_back(reader->read());
    schemas.emplace_back(part.part.path, pieces.back().schema());
  }
  const std::vector<frame::Field> schema = detail::output_schema(table.name(), schemas, {});
  if (pieces.empty()) return {detail::empty_frame(schema), since.end};
  for (frame::Frame& piece : pieces) piece = detail::conform(piece, schema);
  return {pieces.size() == 1 ? pieces.front() : frame::concat(pieces), since.end};
}

TableManifest Dataset::rebuild_manifest(TableRef table) { return rebuild_manifest_with_report(table).manifest; }

RebuildResult Dataset::rebuild_manifest_with_report(TableRef table) {
  const std::string name(table.str());
  return rebuild_table_manifest(*env_, settings_, run_id_, table, [&](TableManifest walked) {
    // The walk finds every file; the log says which parts a seal replaced.
    detail::TableLog log = log_->table_log(name).log;
    return detail::merge_log(std::move(walked), name, &log).manifest;
  });
}

}  // namespace crv::io
