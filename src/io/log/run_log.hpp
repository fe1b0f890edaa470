#pragma once
// The append log of one run as a Dataset holds it: the log on disk, its replayed state,
// and the consistent table snapshots that every read of crv-io starts from.

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "crv/core/table_name.hpp"
#include "crv/io/env.hpp"
#include "crv/io/settings.hpp"
#include "io/log/append_log.hpp"
#include "io/log/log_state.hpp"
#include "io/log/stored_shape_tracker.hpp"
#include "io/log/table_snapshot.hpp"

namespace crv::io::detail {

struct TableLogRead {
  TableLog log;
  LogPosition end;
  std::uint64_t first_segment = 0;
};

/// What a follower reads: the commits of one table logged from a cursor on.
struct CommitsSince {
  std::vector<LoggedRows> rows;
  std::vector<LoggedPart> parts;
  LogPosition end;
  bool expired = false;  ///< the cursor points into retired segments
};

class RunLog {
 public:
  RunLog(Env& env, IoSettings settings, std::string run_id);

  Env& env() const { return env_; }
  const IoSettings& settings() const { return settings_; }
  const std::string& run_id() const { return run_id_; }
  AppendLog& log() { return log_; }

  /// Reads the log's new tail and returns a copy of one table's records (empty when none)
  /// with the log's end and its oldest live segment, read together.
  TableLogRead table_log(std::string_view table);
  /// The same without the copy: `use` sees the table's records (empty when none) under the
  /// state's lock. For the writer's per-append decisions.
  template <class Use>
  auto with_table_log(std::string_view table, Use&& use) {
    const std::lock_guard guard(mutex_);
    refresh_locked();
    const TableLog* log = state_.table(table);
    static const TableLog kEmpty;
    return use(log ? *log : kEmpty);
  }
  /// The same without reading the log's new tail first: `use(log, end, first_segment)` sees
  /// the state as last read, its end and its oldest live segment. For the stored shape, which
  /// follows whatever the state has read.
  template <class Use>
  auto with_table_state(std::string_view table, Use&& use) {
    const std::lock_guard guard(mutex_);
    const TableLog* log = state_.table(table);
    static const TableLog kEmpty;
    return use(log ? *log : kEmpty, state_.end(), state_.first_segment());
  }
  /// Reads the log's new tail unless the state ends at `end` already (a writer holding the
  /// log's lock knows where the log ends: no refresh when nobody else wrote).
  void refresh_unless_at(LogPosition end);
  /// The stored shapes of the run's tables (stored_shape_tracker.hpp).
  StoredShapeTracker& shapes() { return shapes_; }
  /// The table's commits logged at or after `cursor`, read from the log files themselves
  /// (the state keeps no rows that a seal covered, a follower may still need them).
  CommitsSince commits_since(std::string_view table, LogPosition cursor);

  /// The newest segment the state has read, without reading the log (at least 1: the first
  /// record of a run goes to segment 1). A record appended from now on lands in it or later.
  std::uint64_t known_segment() {
    const std::lock_guard guard(mutex_);
    return std::max<std::uint64_t>(state_.end().segment, 1);
  }

  /// The whole state after a refresh (for vacuum and the retirement of segments).
  LogState state();

  /// The table as a reader sees it now: the manifest and the log read so that no checkpoint
  /// happened in between (retried when one did). IoManifestError for a corrupt manifest.
  TableSnapshot snapshot(core::TableName table);

  /// The manifest as last read, reread only when the file changed; null when absent.
  std::shared_ptr<const TableManifest> manifest(core::TableName table);
  /// Called by a checkpoint that has just written the table's manifest (file `identity`): the
  /// next manifest() finds it here instead of parsing the file again. After every seal the
  /// appending thread would otherwise parse a manifest that grows with the table.
  void remember_manifest(core::TableName table, const FileIdentity& identity,
                         std::shared_ptr<const TableManifest> manifest);
  /// Whether check_tick_bucket_size passed `manifest`, a version of the table's manifest,
  /// already; and remembering that it did (each version is checked once).
  bool bucket_size_checked(core::TableName table, const std::shared_ptr<const TableManifest>& manifest);
  void remember_bucket_size_checked(core::TableName table, std::shared_ptr<const TableManifest> manifest);
  /// Of `buckets`, those that this run log has not cleaned of leftovers yet; and remembering
  /// that it has. A part-writing commit cleans only the buckets it writes to for the first
  /// time: leftovers come from crashed writers, so a bucket cleaned once stays clean until
  /// another process crashes in it, and that bucket's seal, vacuum and repair clean it then.
  /// Cleaning on every commit cost a directory walk that grew with the bucket.
  std::set<std::int64_t> buckets_not_cleaned(core::TableName table, const std::set<std::int64_t>& buckets);
  void remember_cleaned(core::TableName table, const std::set<std::int64_t>& buckets);
  /// Without a manifest.json: the parts found by walking the bucket directories (the seed's
  /// fallback; nullopt when there are none, or when `read` holds the table's whole history),
  /// for the log to be merged into.
  std::optional<TableManifest> walked_manifest(core::TableName table, const TableLogRead& read);

 private:
  struct CachedManifest {
    FileIdentity identity;
    std::shared_ptr<const TableManifest> manifest;
  };
  void report_warnings();
  void refresh_locked();
  std::shared_ptr<const TableManifest> manifest_at(core::TableName table, const std::optional<FileIdentity>& identity);

  Env& env_;
  IoSettings settings_;
  std::string run_id_;
  AppendLog log_;
  std::mutex mutex_;
  LogState state_;
  std::map<core::TableName, CachedManifest> manifests_;  // guarded by mutex_
  // The manifest versions whose bucket size was checked (held, so that an address is not
  // reused by a newer version); guarded by mutex_.
  std::map<core::TableName, std::shared_ptr<const TableManifest>> bucket_size_checked_;
  std::map<core::TableName, std::set<std::int64_t>> cleaned_buckets_;  // guarded by mutex_
  StoredShapeTracker shapes_;
};

}  // namespace crv::io::detail
