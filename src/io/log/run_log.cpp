#include "io/log/run_log.hpp"

#include <algorithm>
#include <cerrno>
#include <iostream>

#include "crv/io/errors.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/rebuild.hpp"
#include "io/table_walk.hpp"

namespace crv::io::detail {
namespace {

std::optional<FileIdentity> identity_of(Env& env, const std::filesystem::path& path) {
  try {
    return env.file_identity(path);
  } catch (const IoError& error) {
    // Decided by the failed call itself: a file_exists() afterwards could see a manifest
    // renamed into place in between.
    if (error.sys_errno() == ENOENT) return std::nullopt;
    throw;
  }
}

}  // namespace

RunLog::RunLog(Env& env, IoSettings settings, std::string run_id)
    : env_(env),
      settings_(std::move(settings)),
      run_id_(std::move(run_id)),
      log_(env_, run_root(settings_, run_id_) / kLogDirName, static_cast<std::uint64_t>(settings_.log_segment_bytes)) {}

void RunLog::report_warnings() {
  for (const std::string& warning : state_.take_warnings()) std::cerr << "crv-io: warning: " << warning << "\n";
}

void RunLog::refresh_locked() {
  state_.refresh(log_);
  report_warnings();
}

void RunLog::refresh_unless_at(LogPosition end) {
  const std::lock_guard guard(mutex_);
  if (state_.end() != end) refresh_locked();
}

TableLogRead RunLog::table_log(std::string_view table) {
  const std::lock_guard guard(mutex_);
  refresh_locked();
  const TableLog* log = state_.table(table);
  return {log ? *log : TableLog{}, state_.end(), state_.first_segment()};
}

CommitsSince RunLog::commits_since(std::string_view table, LogPosition cursor) {
  CommitsSince since;
  since.end = cursor;
  const std::vector<std::uint64_t> segments = log_.segments();
  if (segments.empty() || cursor.segment < segments.front() || cursor.segment > segments.back()) {
    since.expired = true;
    return since;
  }
  for (const std::uint64_t segment : segments) {
    if (segment < cursor.segment) continue;
    const SegmentRead read = log_.read_segment(segment, segment == cursor.segment ? cursor.offset : 0);
    if (!read.exists) {
      since.expired = true;  // retired while we read
      return since;
    }
    const std::filesystem::path path = log_.dir() / segment_file_name(segment);
    for (const RawRecord& record : read.records) {
      if (record.type != RecordType::Commit) continue;
      const LogPosition at{segment, record.offset};
      CommitRecord commit = decode_commit(record.payload, "record at offset " + std::to_string(record.offset) +
                                                              " of the append log '" + path.string() + "'");
      for (TableCommit& entry : commit.tables) {
        if (entry.table != table) continue;
        for (InlineRows& rows : entry.inline_rows) since.rows.push_back({at, commit.created_at, std::move(rows)});
        for (auto& [bucket_id, part] : entry.parts) since.parts.push_back({at, bucket_id, std::move(part)});
      }
    }
    since.end = {segment, read.valid_end};
  }
  return since;
}

LogState RunLog::state() {
  const std::lock_guard guard(mutex_);
  refresh_locked();
  return state_;
}

TableSnapshot RunLog::snapshot(core::TableName table) {
  const std::filesystem::path path = manifest_path(settings_, run_id_, table);
  const std::string name(core::to_string(table));
  // A checkpoint rewrites the manifest after the log records it reflects; reading the
  // manifest first and checking afterwards that it did not change gives a pair that
  // neither misses nor doubles a commit.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::optional<FileIdentity> before = identity_of(env_, path);
    const std::shared_ptr<const TableManifest> manifest = manifest_at(table, before);
    TableLogRead read = table_log(name);
    if (identity_of(env_, path) == before) {
      std::optional<TableManifest> base =
          manifest ? std::optional<TableManifest>(*manifest) : walked_manifest(table, read);
      TableSnapshot snapshot = merge_log(std::move(base), name, &read.log);
      snapshot.had_manifest = manifest != nullptr;
      snapshot.walked = manifest == nullptr && !snapshot.manifest.partitions.empty();
      snapshot.log_end = read.end;
      return snapshot;
    }
  }
  throw IoManifestError("the manifest '" + path.string() +
                        "' changed during every one of 100 reads; is a writer rewriting it in a loop?");
}

std::shared_ptr<const TableManifest> RunLog::manifest_at(core::TableName table,
                                                         const std::optional<FileIdentity>& identity) {
  if (!identity) return nullptr;
  {
    const std::lock_guard guard(mutex_);
    const auto it = manifests_.find(table);
    if (it != manifests_.end() && it->second.identity == *identity) return it->second.manifest;
  }
  const std::filesystem::path path = manifest_path(settings_, run_id_, table);
  std::optional<TableManifest> loaded = load_manifest(env_, path);
  if (!loaded) return nullptr;
  // Nothing on disk is trusted: a path outside its bucket, or a part listed twice, fails here,
  // before any part is opened (and before the manifest is cached).
  check_manifest_parts(*loaded, path, run_id_);
  auto manifest = std::make_shared<const TableManifest>(std::move(*loaded));
  const std::lock_guard guard(mutex_);
  manifests_[table] = CachedManifest{*identity, manifest};
  return manifest;
}

std::optional<TableManifest> RunLog::walked_manifest(core::TableName table, const TableLogRead& read) {
  // While the live log still holds the table's whole history (no segment retired yet), the
  // log alone names every committed part: a walk would also find the parts of commits and
  // seals still in flight (written, not yet logged).
  if (!read.log.empty() && read.first_segment == 1) return std::nullopt;
  const std::filesystem::path dir = table_dir(settings_, run_id_, table);
  if (!env_.is_directory(dir)) return std::nullopt;
  const std::vector<std::string> names = env_.list_dir(dir);
  if (std::none_of(names.begin(), names.end(),
                   [](const std::string& n) { return parse_bucket_dir_name(n).has_value(); })) {
    return std::nullopt;
  }
  return walk_committed(env_, settings_, run_id_, table, log_, read.log, read.first_segment, nullptr).manifest;
}

void RunLog::remember_manifest(core::TableName table, const FileIdentity& identity,
                               std::shared_ptr<const TableManifest> manifest) {
  const std::lock_guard guard(mutex_);
  manifests_[table] = CachedManifest{identity, std::move(manifest)};
}

bool RunLog::bucket_size_checked(core::TableName table, const std::shared_ptr<const TableManifest>& manifest) {
  const std::lock_guard guard(mutex_);
  const auto it = bucket_size_checked_.find(table);
  return it != bucket_size_checked_.end() && it->second == manifest;
}

void RunLog::remember_bucket_size_checked(core::TableName table, std::shared_ptr<const TableManifest> manifest) {
  const std::lock_guard guard(mutex_);
  bucket_size_checked_[table] = std::move(manifest);
}

std::set<std::int64_t> RunLog::buckets_not_cleaned(core::TableName table, const std::set<std::int64_t>& buckets) {
  const std::lock_guard guard(mutex_);
  const std::set<std::int64_t>& cleaned = cleaned_buckets_[table];
  std::set<std::int64_t> left;
  for (const std::int64_t bucket : buckets) {
    if (!cleaned.contains(bucket)) left.insert(bucket);
  }
  return left;
}

void RunLog::remember_cleaned(core::TableName table, const std::set<std::int64_t>& buckets) {
  const std::lock_guard guard(mutex_);
  cleaned_buckets_[table].insert(buckets.begin(), buckets.end());
}

std::shared_ptr<const TableManifest> RunLog::manifest(core::TableName table) {
  return manifest_at(table, identity_of(env_, manifest_path(settings_, run_id_, table)));
}

}  // namespace crv::io::detail
