#pragma once
// The operations of the append log on tables (private to the io layer), one file each: a
// commit of one or more tables (commit.cpp) and its check of the tables' bucket size
// (bucket_size_check.cpp), the checkpoint of a table's manifest
// (checkpoint.cpp), the seal of a bucket (seal.cpp), vacuum and the log's CHECKPOINT
// (vacuum.cpp).

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "crv/frame/frame.hpp"
#include "crv/io/append.hpp"
#include "crv/io/append_summary.hpp"
#include "crv/io/dataset.hpp"
#include "io/log/run_log.hpp"

namespace crv::io::detail {

/// One durable commit: every table's frame validated and split by bucket, the rows of small
/// appends kept inline, large ones written as parts first; then one log record, one fsync.
/// After a crash either every table of the commit is there or none is. Tables whose parts
/// changed are checkpointed (manifest.json rewritten) afterwards; a failure there is
/// repaired by the next checkpoint and does not undo the commit.
/// Struct, list[struct] and extra columns are conformed to each table's stored shape
/// (stored_shape.hpp; IoSchemaError for a conflicting field, nothing written), and checked
/// again under the log's lock against what other writers committed meanwhile (the commit
/// is made again when they disagree).
std::vector<AppendSummary> commit_tables(RunLog& run, std::span<const TableAppend> appends,
                                         const AppendOptions& options);

/// IoConfigError when the settings' tick_bucket_size differs from the one the table was
/// written with: the size of the live log's commits, or one that does not put the ticks of
/// every bucket of the manifest in that bucket (parts written before the log, or by the
/// reference). Each version of the manifest is checked once per RunLog.
void check_tick_bucket_size(RunLog& run, core::TableName table);

/// The table's lock (<table>/.lock, created with the table directory when needed), which
/// orders checkpoints, seals and vacuums of the table; commits do not take it.
std::unique_ptr<FileLock> lock_table(RunLog& run, core::TableName table);

/// The table's writers' lock (<table>/.writers), taken shared by a commit from before it
/// writes its first part until its record is in the log.
std::unique_ptr<FileLock> lock_table_writers(RunLog& run, core::TableName table);
/// The same lock taken exclusively: no commit is writing parts while it is held (null when
/// `wait` is false and one is). The table directory must exist.
std::unique_ptr<FileLock> lock_out_table_writers(RunLog& run, core::TableName table, bool wait);

/// For a caller that holds the table's lock: deletes the leftovers of appends and seals that
/// crashed before their commit, in `buckets` (all when null): .tmp files and parts that no live
/// record names although they were written after the log's oldest live segment
/// (table_walk.hpp; repair also quarantines the parts of incomplete appends). Only when
/// it gets the writers' lock at once (no commit in flight); otherwise nothing, and the next
/// cleaner tries again. Returns what it deleted ("bucket=.../name"); nullopt when it did not
/// get the writers' lock.
std::optional<std::vector<std::string>> clean_leftovers_locked(RunLog& run, core::TableName table,
                                                               const std::set<std::int64_t>* buckets);
/// The same for a caller that holds the writers' lock exclusively too (lock_out_table_writers):
/// repair, which must keep every commit out until it is done.
std::vector<std::string> clean_leftovers_quiet(RunLog& run, core::TableName table,
                                               const std::set<std::int64_t>* buckets);

/// Takes the table's lock and rewrites manifest.json as the merge of the manifest and the
/// live log, when they differ. Returns whether it wrote.
bool checkpoint_table(RunLog& run, core::TableName table);
/// The same, for a caller that holds the table's lock.
bool checkpoint_table_locked(RunLog& run, core::TableName table);

/// Writes the bucket's inline rows (and, with `merge_parts`, its parts smaller than the
/// target size) as one part sorted by tick, logs the seal and checkpoints the manifest.
/// nullopt when there was nothing to do.
std::optional<SealSummary> seal_bucket(RunLog& run, core::TableName table, std::int64_t bucket_id, bool merge_parts);

/// The buckets of a table that have inline rows in the live log.
std::vector<std::int64_t> buckets_with_inline_rows(RunLog& run, core::TableName table);

/// Deletes what no reader can need any more once `grace` has passed: parts replaced by
/// seals, files of uncommitted appends, .tmp leftovers, and log segments whose every record
/// is reflected in the manifests.
VacuumSummary vacuum_run(RunLog& run, std::chrono::seconds grace);

/// Records in the log's CHECKPOINT the first segment whose records a reader still needs, so
/// that readers opening the run skip the older ones; with `rotate`, starts a new segment
/// first, so that the newest can be skipped too. Returns it (0: no log).
std::uint64_t advance_log_checkpoint(RunLog& run, bool rotate);

}  // namespace crv::io::detail
