// Seals: a bucket's inline rows (and small parts) rewritten as one part sorted by tick.

#include "io/log/log_operations.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <set>

#include "crv/frame/kernels.hpp"
#include "crv/io/paths.hpp"
#include "io/append_parts.hpp"
#include "io/iso_time.hpp"
#include "io/log/inline_rows_io.hpp"
#include "io/part_check.hpp"
#include "io/part_io.hpp"
#include "io/random_uuid.hpp"
#include "io/scan_output.hpp"
#include "io/shape_unify.hpp"

namespace crv::io::detail {

namespace {

frame::Frame read_all(parquet::FileReader& reader) { return reader.read(); }

/// The indices that sort `tick` ascending, stably; empty when it is sorted already.
std::vector<std::int64_t> tick_order(const frame::Column& tick) {
  const std::int64_t* ticks = tick.values<std::int64_t>();
  const auto rows = static_cast<std::size_t>(tick.length());
  if (std::is_sorted(ticks, ticks + rows)) return {};
  std::vector<std::int64_t> order(rows);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [ticks](std::int64_t a, std::int64_t b) { return ticks[a] < ticks[b]; });
  return order;
}

/// `schema` (the bucket's rows, unified by name) with each struct and list[struct] column
/// widened to the table's stored shape: the rewritten part carries every field the table
/// has (absent ones null, the table's field order), so that the parts sealed from now on
/// agree and reads decode them in one concatenated pass.
std::vector<frame::Field> with_table_shape(RunLog& run, core::TableName table, std::vector<frame::Field> schema) {
  const std::shared_ptr<const StoredShape> stored = run.shapes().current(run, table, false);
  for (frame::Field& field : schema) {
    const frame::Field* known = field.type->is_nested() ? stored->column(field.name) : nullptr;
    if (!known) continue;
    std::optional<ShapeConflict> conflict;
    frame::TypePtr widened = unify_shapes(known->type, field.type, field.name, conflict);
    if (!conflict) field.type = std::move(widened);  // a table stored before the check stays as it is
  }
  return schema;
}

}  // namespace

std::vector<std::int64_t> buckets_with_inline_rows(RunLog& run, core::TableName table) {
  return run.with_table_log(core::to_string(table), [](const TableLog& log) {
    std::set<std::int64_t> buckets;
    for (const LoggedRows& rows : log.rows) buckets.insert(rows.rows.bucket_id);
    return std::vector<std::int64_t>(buckets.begin(), buckets.end());
  });
}

std::optional<SealSummary> seal_bucket(RunLog& run, core::TableName table, std::int64_t bucket_id, bool merge_parts) {
  // A part at least this large is left as it is; smaller ones are merged when compacting.
  constexpr std::int64_t kTargetPartBytes = 128ll << 20;
  const std::unique_ptr<FileLock> lock = lock_table(run, table);
  const std::string name(core::to_string(table));
  Env& env = run.env();
  const std::filesystem::path bucket_path = bucket_dir(run.settings(), run.run_id(), table, bucket_id);
  const std::set<std::int64_t> this_bucket{bucket_id};
  clean_leftovers_locked(run, table, &this_bucket);

  const TableLogRead read = run.table_log(name);
  const TableLog& log = read.log;
  const LogPosition covers_before = read.end;
  const std::shared_ptr<const TableManifest> manifest = run.manifest(table);
  TableSnapshot snapshot =
      merge_log(manifest ? std::optional<TableManifest>(*manifest) : run.walked_manifest(table, read), name, &log);
  check_manifest_parts(snapshot.manifest, manifest_path(run.settings(), run.run_id(), table), run.run_id());

  std::vector<frame::Frame> pieces;
  std::vector<ReplacedPart> replaced;  // with their commits, for the sealed part's provenance
  std::vector<std::pair<std::string, std::vector<frame::Field>>> schemas;
  SealSummary summary;
  summary.table = name;
  summary.bucket_id = bucket_id;
  for (const LoggedRows& rows : snapshot.inline_rows) {
    if (rows.rows.bucket_id != bucket_id) continue;
    const std::string label = "inline rows logged at " + rows.at.to_string();
    pieces.push_back(read_all(*open_inline_rows(rows.rows.parquet, label)));
    schemas.emplace_back(label, pieces.back().schema());
    ++summary.inline_batches;
  }
  const auto partition = snapshot.manifest.partitions.find(bucket_id);
  std::vector<const PartEntry*> small_parts;
  if (partition != snapshot.manifest.partitions.end()) {
    for (const PartEntry& part : partition->second.parts) {
      if (part.bytes < kTargetPartBytes) small_parts.push_back(&part);
    }
  }
  const bool take_parts = merge_parts || summary.inline_batches > 0;
  if (summary.inline_batches == 0 && (!merge_parts || small_parts.size() < 2)) return std::nullopt;
  if (take_parts) {
    for (const PartEntry* part : small_parts) {
      const std::filesystem::path path = bucket_path / part->path;
      const auto reader = open_parquet_file(env, path);
      check_part(*reader, path.string(), PartExpectation{run.run_id(), table, part, {}, &run.settings()});
      pieces.push_back(read_all(*reader));
      schemas.emplace_back(part->path, pieces.back().schema());
      summary.replaced.push_back(part->path);
      // Replacement is transitive: what this part replaced is replaced too, so a walk still
      // counts it for its commit after vacuum deleted both.
      PartProvenance provenance = read_provenance(*reader);
      replaced.push_back({part->path, provenance.commit_id});
      replaced.insert(replaced.end(), provenance.replaces.begin(), provenance.replaces.end());
    }
  }
  const std::vector<frame::Field> schema = with_table_shape(run, table, output_schema(table, schemas, {}));
  for (frame::Frame& piece : pieces) piece = conform(piece, schema);
  frame::Frame rows = pieces.size() == 1 ? pieces.front() : frame::concat(pieces);
  if (std::vector<std::int64_t> order = tick_order(rows.column("tick")); !order.empty()) {
    rows = frame::take(rows, order);
  }

  WrittenParts written(env);
  const BucketSlice slice{bucket_id, std::move(rows)};
  // The seal holds the table lock, which every cleaner holds too: no writers' lock needed.
  const PartProvenance provenance{random_uuid4_hex(), 0, std::max<std::uint64_t>(read.end.segment, 1), replaced};
  const std::vector<AppendedPart> parts =
      write_parts(env, run.settings(), run.run_id(), table, {&slice}, provenance, written);
  const AppendedPart& part = parts.front();
  SealRecord record;
  record.table = name;
  record.bucket_id = bucket_id;
  record.covers_before = covers_before;
  record.part = PartEntry{part.path, part.rows, part.bytes, part.tick_min, part.tick_max, utc_now_iso(env)};
  record.replaced = summary.replaced;
  written.commit();  // as in commit_tables: once the record may be in the log, the part stays
  const AppendLog::Appended appended = run.log().append(RecordType::Seal, encode_seal(record));
  run.shapes().note_committed(table, appended.at, slice.rows.schema(), {{bucket_id, part.path}});
  summary.rows = part.rows;
  summary.part = part.path;
  checkpoint_table_locked(run, table);
  return summary;
}

}  // namespace crv::io::detail
