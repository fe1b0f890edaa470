#pragma once
/// @file
/// Dataset: the facade of one run (the seed's crv.io.Dataset).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "crv/export.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/append.hpp"
#include "crv/io/append_stream.hpp"
#include "crv/io/append_summary.hpp"
#include "crv/io/env.hpp"
#include "crv/io/log_cursor.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/rebuild.hpp"
#include "crv/io/row_writer.hpp"
#include "crv/io/scan.hpp"
#include "crv/io/settings.hpp"
#include "crv/io/table_ref.hpp"
#include "crv/io/verify.hpp"

namespace crv::io {

namespace detail {
class RunLog;
}

/// One table's rows in a multi-table commit (Dataset::append_batch).
struct TableAppend {
  TableRef table;      ///< the table appended to
  frame::Frame frame;  ///< its rows (validated as Dataset::append validates them)
};

/// What sealing or compacting one bucket did.
struct CRV_IO_EXPORT SealSummary {
  std::string table;                  ///< the table's name
  std::int64_t bucket_id = 0;         ///< the bucket sealed or compacted
  std::int64_t rows = 0;              ///< in the new part
  std::int64_t inline_batches = 0;    ///< inline appends it took from the log
  std::vector<std::string> replaced;  ///< parts it replaces (deleted by vacuum after the grace)
  std::string part;                   ///< the new part's name in the bucket directory
  /// {"table", "bucket_id", "rows", "inline_batches", "replaced", "part"}: what `crv-io seal` prints.
  nlohmann::ordered_json to_json() const;
};

/// What vacuum deleted.
struct CRV_IO_EXPORT VacuumSummary {
  std::vector<std::string> removed;           ///< "<table>/bucket=.../<file>"
  std::vector<std::string> retired_segments;  ///< log segment files
  /// {"removed", "retired_segments"}: what `crv-io vacuum` prints.
  nlohmann::ordered_json to_json() const;
};

/// The rows appended to a table since a cursor, and the cursor to pass next time.
struct FollowResult {
  frame::Frame rows;  ///< the new rows, in commit order
  LogCursor cursor;   ///< where the next follow() starts
};

/// One run of a simulation: appends to its tables (through the run's append log), scans
/// and reads them, follows new rows, seals, compacts, vacuums, verifies and repairs. Several
/// Datasets, in one process or several, may write the same run at once. Thread-safe.
class CRV_IO_EXPORT Dataset {
 public:
  /// Throws IoConfigError for invalid settings and IoError for an invalid run id.
  /// `env` must outlive the Dataset and its scans.
  Dataset(IoSettings settings, std::string_view run_id, Env& env = Env::posix());
  /// close(), with errors ignored (call close() to see them).
  ~Dataset();
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  const IoSettings& settings() const { return settings_; }  ///< as given to the constructor
  const std::string& run_id() const { return run_id_; }     ///< the validated run id
  Env& env() const { return *env_; }                        ///< the file system it works through

  /// Appends `frame` to a table; durable (fsync) when it returns. A small append (at most
  /// IoSettings::inline_max_rows rows and inline_max_bytes bytes per bucket) is one record of
  /// the run's append log, its rows inline until the bucket is sealed; a larger one writes one
  /// Parquet part per bucket first. Every crv-io reader sees it at once; Polars, DuckDB and
  /// the reference see it once its bucket is sealed (or at once when it wrote parts).
  /// When the append moves this Dataset's stream of a table past a bucket it wrote inline,
  /// that bucket is sealed, on a background thread of the Dataset (so that no append waits
  /// for it): its inline rows become one part sorted by tick.
  /// Errors: IoSchemaError (validation), IoWriteError (a part or the log); on an error
  /// nothing of the append is visible.
  AppendSummary append(TableRef table, const frame::Frame& frame, const AppendOptions& options = {});

  /// One commit of several tables (a tick of the simulation): every frame validated first,
  /// then all of them made durable by one log record and one fsync. After a crash either
  /// every table of the commit is there or none is. Summaries in the order given.
  std::vector<AppendSummary> append_batch(std::span<const TableAppend> tables, const AppendOptions& options = {});

  /// An append of many frames to `table` as one commit (crv/io/append_stream.hpp): each
  /// frame validated and written as parts when it is written, every part made visible by
  /// one log record at AppendStream::commit(); nothing visible without it. For inputs larger
  /// than memory (crv-io append of a JSONL file). The stream must not outlive the Dataset.
  AppendStream open_append_stream(TableRef table, const AppendOptions& options = {});

  /// A writer of rows of `table` (crv/io/row_writer.hpp): values set by column name or
  /// handle, checked against the descriptor as they are set; append its rows with
  /// RowWriter::append_to(*this), or take() them into an append_batch commit.
  RowWriter row_writer(TableRef table) const { return RowWriter(table); }

  /// Seals every bucket of the run (or of one table) that has inline rows: each becomes one
  /// Parquet part, listed in manifest.json; and checkpoints every manifest that lags the log
  /// (a writer that crashed between its commit and its checkpoint), so that every reader sees
  /// every row.
  std::vector<SealSummary> seal(std::optional<TableRef> table = std::nullopt);
  /// Rewrites a bucket's (or every bucket's) inline rows and parts below the target size as
  /// one part sorted by tick. Replaced parts stay until vacuum() and the grace period.
  std::vector<SealSummary> compact(TableRef table, std::optional<std::int64_t> bucket = std::nullopt);
  /// Deletes parts replaced by seals and compactions, files of appends that never committed,
  /// .tmp leftovers and retired log segments, once older than `grace` (default:
  /// IoSettings::vacuum_grace_seconds).
  VacuumSummary vacuum(std::optional<std::chrono::seconds> grace = std::nullopt);
  /// Waits for the background seals, seals the buckets this Dataset wrote inline, and
  /// records in the log's CHECKPOINT what readers opening the run may skip. Idempotent;
  /// appending after close() works (and needs another close()).
  void close();

  /// The rows appended to `table` after `cursor` (a default cursor: every row so far), read
  /// from the log's new tail only; pass the returned cursor next time. IoError when the
  /// cursor points into log segments already retired by vacuum (read the table again).
  FollowResult follow(TableRef table, LogCursor cursor = {}) const;

  /// A lazy scan over the table as it is now.
  Scan scan(TableRef table, Where where = {}) const;
  /// scan(table, where), limited, collected.
  frame::Frame read(TableRef table, Where where = {}, std::optional<std::int64_t> limit = std::nullopt) const;

  /// The table's manifest as the next checkpoint will write it: manifest.json with the
  /// append log's later commits and seals applied (its parts; inline rows are not parts).
  /// nullopt when the table has no manifest.json yet. The file is parsed once and reparsed
  /// only when it changed (Env::file_identity).
  std::optional<TableManifest> manifest(TableRef table) const;

  /// Rewrites manifest.json from the manifest and the append log, when they differ (the
  /// recovery of a writer that crashed between its commit and its checkpoint). Returns whether
  /// it wrote.
  bool checkpoint(TableRef table);

  /// Rebuilds the manifest from the files and writes it; returns it.
  TableManifest rebuild_manifest(TableRef table);
  /// Same, with the list of files that could not be read.
  RebuildResult rebuild_manifest_with_report(TableRef table);

  /// Checks the table (every table of the run when none is given) against its files: the
  /// manifest and the log against the parts on disk (missing, size, footer, schema, rows,
  /// tick range, run and table), leftovers of crashed appends and orphans; with
  /// `options.deep`, every page and every inline row decoded. Nothing is written.
  VerifyReport verify(std::optional<TableRef> table = std::nullopt, const VerifyOptions& options = {});
  /// Makes the table (or every table) consistent, under each table's lock: deletes the
  /// leftovers of crashed appends and seals; drops from the manifest the parts that are missing
  /// or disagree with it, renaming the latter to `<name>.quarantined` (nothing is deleted that
  /// held committed rows); fixes listed sizes; rebuilds a corrupt manifest from the committed
  /// parts; treats orphans as `options.orphans` says. Then verifies again.
  RepairReport repair(std::optional<TableRef> table = std::nullopt, const RepairOptions& options = {});

 private:
  friend struct AppendStream::State;
  void seal_moved_past(core::TableName table, const AppendSummary& summary);
  void seal_in_background(core::TableName table, std::int64_t bucket_id);
  void run_sealer();
  void wait_for_sealer();

  IoSettings settings_;
  std::string run_id_;
  Env* env_;
  std::unique_ptr<detail::RunLog> log_;
  std::mutex open_buckets_mutex_;
  /// Per table, the buckets this Dataset wrote inline rows to and has not sealed.
  std::map<core::TableName, std::set<std::int64_t>> open_buckets_;

  /// The background sealer: buckets the stream moved past, sealed one at a time.
  std::mutex sealer_mutex_;
  std::condition_variable sealer_changed_;
  std::deque<std::pair<core::TableName, std::int64_t>> seal_queue_;
  bool sealer_busy_ = false;
  bool sealer_stop_ = false;
  std::thread sealer_;
};

}  // namespace crv::io
