// Commits: one durable log record for one or more tables.

#include "io/log/log_operations.hpp"

#include <algorithm>
#include <set>

#include "crv/core/table_descriptor.hpp"
#include "crv/io/errors.hpp"
#include "io/append_parts.hpp"
#include "io/iso_time.hpp"
#include "io/log/commit_steps.hpp"
#include "io/log/inline_rows_io.hpp"
#include "io/random_uuid.hpp"

namespace crv::io::detail {
namespace {

/// Whether new rows of `bucket_id` may stay inline: the bucket has no parts yet, or it has
/// inline rows already (its stream is still open). A bucket whose rows are all in parts
/// (sealed, or written by a large append) takes a late append as a new part.
bool accepts_inline(const TableManifest* manifest, const TableLog& log, std::int64_t bucket_id) {
  for (const LoggedRows& rows : log.rows) {
    if (rows.rows.bucket_id == bucket_id) return true;
  }
  if (manifest && manifest->partitions.contains(bucket_id)) return false;
  const auto in_bucket = [bucket_id](const auto& entry) { return entry.bucket_id == bucket_id; };
  if (std::any_of(log.parts.begin(), log.parts.end(), in_bucket)) return false;
  return std::none_of(log.seals.begin(), log.seals.end(),
                      [bucket_id](const LoggedSeal& seal) { return seal.seal.bucket_id == bucket_id; });
}

/// One table of a commit while it is being made.
struct PendingTable {
  PreparedTable prepared;
  std::vector<InlineRows> inline_rows;
  std::vector<const BucketSlice*> part_slices;
  std::vector<AppendedPart> parts;
  /// The stored shape the frame was conformed to (null: the frame has no shape column).
  std::shared_ptr<const StoredShape> shape;
};

/// Thrown under the log's lock when another writer committed, after this commit's frames
/// were conformed, a shape they do not agree with: the commit is made again from the start.
struct ShapeChangedMeanwhile {};

/// The stored shape an append's frame is checked against; null when the frame has no
/// struct, list[struct] or extra column (then nothing is read).
std::shared_ptr<const StoredShape> stored_shape_for(RunLog& run, const TableAppend& append) {
  const core::TableDescriptor& descriptor = core::get_table(append.table.name());
  const std::vector<frame::Field>& fields = append.frame.schema();
  const bool has_shape = std::any_of(fields.begin(), fields.end(), [&descriptor](const frame::Field& field) {
    return is_shape_column(descriptor, field.name);
  });
  return has_shape ? run.shapes().current(run, append.table.name(), false) : nullptr;
}

/// Under the log's lock, with the log ending at `end`: the shapes committed since each frame
/// was conformed must still agree with it, or two racing appends could store conflicting
/// types. Costs nothing more when no other writer logged anything meanwhile.
void recheck_shapes(RunLog& run, const std::vector<PendingTable>& tables, const LogPosition& end) {
  bool refreshed = false;
  for (const PendingTable& table : tables) {
    if (!table.shape || table.prepared.slices.empty()) continue;
    if (!refreshed) {
      run.refresh_unless_at(end);
      refreshed = true;
    }
    const std::shared_ptr<const StoredShape> now = run.shapes().current(run, table.prepared.table, true);
    if (now == table.shape) continue;
    if (!agrees_with_stored_shape(core::get_table(table.prepared.table), table.prepared.slices.front().rows.schema(),
                                  *now)) {
      throw ShapeChangedMeanwhile{};
    }
  }
}

void choose_inline_rows(RunLog& run, PendingTable& table) {
  const IoSettings& settings = run.settings();
  const bool small = settings.inline_max_rows > 0 && table.prepared.rows <= settings.inline_max_rows;
  if (!small) {
    for (const BucketSlice& slice : table.prepared.slices) table.part_slices.push_back(&slice);
    return;
  }
  const std::shared_ptr<const TableManifest> manifest = run.manifest(table.prepared.table);
  const std::vector<bool> inline_ok = run.with_table_log(table.prepared.name, [&](const TableLog& log) {
    std::vector<bool> ok;
    for (const BucketSlice& slice : table.prepared.slices)
      ok.push_back(accepts_inline(manifest.get(), log, slice.bucket_id));
    return ok;
  });
  const parquet::WriterOptions writer = part_writer_options(settings, run.run_id(), table.prepared.name);
  for (std::size_t k = 0; k < table.prepared.slices.size(); ++k) {
    const BucketSlice& slice = table.prepared.slices[k];
    if (!inline_ok[k]) {
      table.part_slices.push_back(&slice);
      continue;
    }
    std::shared_ptr<const std::string> bytes = encode_inline_rows(slice.rows, writer);
    if (static_cast<std::int64_t>(bytes->size()) > settings.inline_max_bytes) {
      table.part_slices.push_back(&slice);
      continue;
    }
    const auto [tick_min, tick_max] = tick_bounds(slice.rows.column("tick"));
    table.inline_rows.push_back({slice.bucket_id, tick_min, tick_max, slice.rows.num_rows(), std::move(bytes)});
  }
}

AppendSummary summarize(const PendingTable& table, const std::string& run_id) {
  std::vector<AppendedPart> parts;
  for (const InlineRows& rows : table.inline_rows) {
    parts.push_back(
        {rows.bucket_id, "", rows.rows, static_cast<std::int64_t>(rows.parquet->size()), rows.tick_min, rows.tick_max});
  }
  parts.insert(parts.end(), table.parts.begin(), table.parts.end());
  return summary_of_parts(table.prepared.name, run_id, std::move(parts));
}

/// Whether the table's logged parts not yet in its manifest call for a checkpoint now.
bool checkpoint_due(RunLog& run, core::TableName table) {
  const IoSettings& settings = run.settings();
  if (settings.inline_max_rows > 0 || settings.write_manifest_every_n <= 1) return true;
  const std::shared_ptr<const TableManifest> manifest = run.manifest(table);
  const std::size_t pending = run.with_table_log(core::to_string(table), [&](const TableLog& log) {
    std::set<LogPosition> commits;
    for (const LoggedPart& part : log.parts) {
      if (!manifest || !manifest->has_part(part.bucket_id, part.part.path)) commits.insert(part.at);
    }
    return commits.size();
  });
  return static_cast<std::int64_t>(pending) >= settings.write_manifest_every_n;
}

/// The committed frame's shape goes to the tracker now: the record need not be read back.
void note_shape(RunLog& run, const PendingTable& table, const LogPosition& at) {
  if (!table.shape || table.prepared.slices.empty()) return;
  std::vector<std::pair<std::int64_t, std::string>> parts;
  for (const AppendedPart& part : table.parts) parts.emplace_back(part.bucket_id, part.path);
  run.shapes().note_committed(table.prepared.table, at, table.prepared.slices.front().rows.schema(), parts);
}

}  // namespace

AppendSummary summary_of_parts(std::string table, std::string run_id, std::vector<AppendedPart> parts) {
  AppendSummary summary;
  summary.table = std::move(table);
  summary.run_id = std::move(run_id);
  summary.parts = std::move(parts);
  std::stable_sort(summary.parts.begin(), summary.parts.end(),
                   [](const AppendedPart& a, const AppendedPart& b) { return a.bucket_id < b.bucket_id; });
  for (const AppendedPart& part : summary.parts) {
    summary.rows += part.rows;
    if (summary.buckets.empty() || summary.buckets.back() != part.bucket_id) summary.buckets.push_back(part.bucket_id);
  }
  return summary;
}

TableCommit table_commit(const IoSettings& settings, const std::string& table,
                         const std::vector<InlineRows>& inline_rows, const std::vector<AppendedPart>& parts,
                         const std::string& created_at) {
  TableCommit commit;
  commit.table = table;
  commit.tick_bucket_size = settings.tick_bucket_size;
  commit.inline_rows = inline_rows;
  for (const AppendedPart& part : parts) {
    commit.parts.emplace_back(part.bucket_id,
                              PartEntry{part.path, part.rows, part.bytes, part.tick_min, part.tick_max, created_at});
  }
  return commit;
}

void checkpoint_after_parts(RunLog& run, core::TableName table, const std::vector<AppendedPart>& parts) {
  if (parts.empty() || !checkpoint_due(run, table)) return;
  try {
    const std::unique_ptr<FileLock> lock = lock_table(run, table);
    // The first writer of a bucket in this process deletes what crashed appends left in it.
    std::set<std::int64_t> buckets;
    for (const AppendedPart& part : parts) buckets.insert(part.bucket_id);
    buckets = run.buckets_not_cleaned(table, buckets);
    if (!buckets.empty() && clean_leftovers_locked(run, table, &buckets)) run.remember_cleaned(table, buckets);
    checkpoint_table_locked(run, table);
  } catch (const IoError&) {
    // The commit is durable in the log and every crv-io reader sees it; the next
    // checkpoint (any later append, seal, or open) writes the manifest.
  }
}

namespace {

std::vector<AppendSummary> commit_once(RunLog& run, std::span<const TableAppend> appends,
                                       const AppendOptions& options) {
  const IoSettings& settings = run.settings();
  std::vector<PendingTable> tables;
  tables.reserve(appends.size());
  for (const TableAppend& append : appends) {
    // The bucket size check reads the log's new tail, which the shape then follows.
    check_tick_bucket_size(run, append.table.name());
    std::shared_ptr<const StoredShape> shape = stored_shape_for(run, append);
    tables.push_back(
        {prepare_append(settings, append.table, append.frame, options, shape.get()), {}, {}, {}, std::move(shape)});
  }
  for (PendingTable& table : tables) choose_inline_rows(run, table);

  CommitRecord record;
  record.commit_id = random_uuid4_hex();
  // Held from before the first part is written until the record is in the log, so that a
  // cleaner never deletes the parts of a commit in flight (clean_leftovers_locked).
  std::vector<std::unique_ptr<FileLock>> writing;
  WrittenParts written(run.env());
  for (PendingTable& table : tables) {
    if (table.part_slices.empty()) continue;
    writing.push_back(lock_table_writers(run, table.prepared.table));
    const PartProvenance provenance{record.commit_id, 0, run.known_segment(), {}};
    table.parts =
        write_parts(run.env(), settings, run.run_id(), table.prepared.table, table.part_slices, provenance, written);
  }
  record.created_at = utc_now_iso(run.env());
  for (const PendingTable& table : tables) {
    if (table.inline_rows.empty() && table.parts.empty()) continue;
    record.tables.push_back(
        table_commit(settings, table.prepared.name, table.inline_rows, table.parts, record.created_at));
  }
  if (!record.tables.empty()) {
    const AppendLog::Appended appended =
        run.log().append(RecordType::Commit, encode_commit(record), [&](const LogPosition& end) {
          recheck_shapes(run, tables, end);
          // From here on the parts stay, whatever happens: a failed log append may still have
          // put the whole record in the file (a failed flush or fsync says nothing about the
          // bytes), and a record naming a removed part would be worse than an orphan, which
          // vacuum removes.
          written.commit();
        });
    for (const PendingTable& table : tables) note_shape(run, table, appended.at);
  }
  writing.clear();

  for (const PendingTable& table : tables) checkpoint_after_parts(run, table.prepared.table, table.parts);
  std::vector<AppendSummary> summaries;
  summaries.reserve(tables.size());
  for (const PendingTable& table : tables) summaries.push_back(summarize(table, run.run_id()));
  return summaries;
}

}  // namespace

std::vector<AppendSummary> commit_tables(RunLog& run, std::span<const TableAppend> appends,
                                         const AppendOptions& options) {
  constexpr int kAttempts = 8;
  for (int attempt = 1;; ++attempt) {
    try {
      return commit_once(run, appends, options);
    } catch (const ShapeChangedMeanwhile&) {
      // Nothing was logged and this attempt's parts are removed: conform the frames again,
      // to the shapes stored now (a lossless cast, or the error naming the field).
      if (attempt == kAttempts) {
        throw IoWriteError("cannot append to run '" + run.run_id() +
                           "': other writers changed the shape of a struct "
                           "column of its tables during each of " +
                           std::to_string(kAttempts) + " attempts; nothing was written, append again");
      }
    }
  }
}

}  // namespace crv::io::detail
