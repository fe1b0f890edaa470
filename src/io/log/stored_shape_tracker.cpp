#include "io/log/stored_shape_tracker.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "crv/core/parallel_tasks.hpp"
#include "crv/core/table_descriptor.hpp"
#include "crv/io/paths.hpp"
#include "io/log/inline_rows_io.hpp"
#include "io/log/run_log.hpp"
#include "io/part_io.hpp"
#include "io/shape_unify.hpp"

namespace crv::io::detail {
namespace {

std::string part_key(std::int64_t bucket_id, const std::string& name) { return std::to_string(bucket_id) + "/" + name; }

/// A part file or an inline batch whose schema joins the shape.
struct Source {
  LogPosition at;  ///< log order, for first-seen field order (parts of a manifest: none)
  std::shared_ptr<const std::string> inline_rows;
  std::filesystem::path path;
};

using Schema = std::vector<frame::Field>;

/// The schemas of `sources` (nullopt for a file that cannot be read), footers read in
/// parallel when there are several files (the first append of a process to a long table).
std::vector<std::optional<Schema>> read_schemas(Env& env, const std::vector<Source>& sources) {
  std::vector<std::optional<Schema>> schemas(sources.size());
  const auto files = std::count_if(sources.begin(), sources.end(), [](const Source& s) { return !s.inline_rows; });
  core::run_tasks(sources.size(), files > 1 ? core::hardware_threads() : 1, [&](std::size_t k) {
    const Source& source = sources[k];
    try {
      const auto reader = source.inline_rows ? open_inline_rows(source.inline_rows, "inline rows")
                                             : open_parquet_file(env, source.path);
      schemas[k] = reader->frame_schema();
    } catch (const std::exception&) {
      // Unreadable (a replaced part vacuumed since, a damaged file): left out, as the
      // tracker's contract says; every read of the table reports a damaged listed part.
    }
  });
  return schemas;
}

/// `shape` with the shape columns of `schemas` unified into it; `shape` itself when they
/// add nothing.
std::shared_ptr<const StoredShape> merge(const std::shared_ptr<const StoredShape>& shape, core::TableName table,
                                         const std::vector<std::optional<Schema>>& schemas) {
  const core::TableDescriptor& descriptor = core::get_table(table);
  StoredShape next = *shape;
  bool changed = false;
  for (const std::optional<Schema>& schema : schemas) {
    if (schema) changed = widen_shape(next, descriptor, *schema) || changed;
  }
  return changed ? std::make_shared<const StoredShape>(std::move(next)) : shape;
}

}  // namespace

std::shared_ptr<const StoredShape> StoredShapeTracker::current(RunLog& run, core::TableName table, bool log_only) {
  const std::lock_guard guard(mutex_);
  Tracked& tracked = tables_[table];
  bool dropped = false;
  // The log first, then the manifest: a record the state dropped before it was looked at is
  // reflected in a manifest written before the drop, which the manifest read then finds.
  read_log(run, table, tracked, dropped);
  if (!log_only || dropped || !tracked.manifest_read) read_manifest(run, table, tracked);
  return tracked.shape;
}

void StoredShapeTracker::read_log(RunLog& run, core::TableName table, Tracked& tracked, bool& dropped) {
  const IoSettings& settings = run.settings();
  std::vector<Source> sources;
  LogPosition end;
  std::uint64_t first_segment = 0;
  const auto file = [&](const LogPosition& at, std::int64_t bucket_id, const std::string& name) {
    // Only a part name inside its bucket directory is opened (as every reader checks).
    if (!is_canonical_part_name(name) || !tracked.parts.insert(part_key(bucket_id, name)).second) return;
    sources.push_back({at, nullptr, bucket_dir(settings, run.run_id(), table, bucket_id) / name});
  };
  run.with_table_state(core::to_string(table), [&](const TableLog& log, LogPosition state_end, std::uint64_t first) {
    const auto is_new = [&tracked](const LogPosition& at) {
      return at >= tracked.log_end && !tracked.noted.contains(at);
    };
    for (const LoggedRows& rows : log.rows) {
      if (is_new(rows.at)) sources.push_back({rows.at, rows.rows.parquet, {}});
    }
    for (const LoggedPart& part : log.parts) {
      if (is_new(part.at)) file(part.at, part.bucket_id, part.part.path);
    }
    for (const LoggedSeal& seal : log.seals) {
      if (is_new(seal.at)) file(seal.at, seal.seal.bucket_id, seal.seal.part.path);
    }
    end = state_end;
    first_segment = first;
  });
  // Records of segments the state forgot (reflected in the manifests, retired) that came
  // after what was looked at: only a manifest can tell them now.
  dropped = first_segment > tracked.log_end.segment;
  std::stable_sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) { return a.at < b.at; });
  if (!sources.empty()) tracked.shape = merge(tracked.shape, table, read_schemas(run.env(), sources));
  tracked.log_end = end;
  tracked.noted.erase(tracked.noted.begin(), tracked.noted.lower_bound(end));
}

void StoredShapeTracker::note_committed(core::TableName table, const LogPosition& at,
                                        const std::vector<frame::Field>& fields,
                                        const std::vector<std::pair<std::int64_t, std::string>>& parts) {
  const std::lock_guard guard(mutex_);
  Tracked& tracked = tables_[table];
  tracked.shape = merge(tracked.shape, table, std::vector<std::optional<Schema>>{std::optional<Schema>(fields)});
  for (const auto& [bucket_id, name] : parts) tracked.parts.insert(part_key(bucket_id, name));
  // Read already when another thread of this process followed the log past it.
  if (at >= tracked.log_end) tracked.noted.insert(at);
}

void StoredShapeTracker::read_manifest(RunLog& run, core::TableName table, Tracked& tracked) {
  const std::shared_ptr<const TableManifest> manifest = run.manifest(table);
  if (tracked.manifest_read && manifest == tracked.manifest && (manifest || tracked.walked)) return;
  std::optional<TableManifest> walked;
  if (!manifest && !tracked.walked) {
    // No manifest.json (deleted, or never checkpointed): the parts on disk, walked once.
    tracked.walked = true;
    walked = run.walked_manifest(table, run.table_log(core::to_string(table)));
  }
  tracked.manifest_read = true;
  tracked.manifest = manifest;
  const TableManifest* parts = manifest ? manifest.get() : (walked ? &*walked : nullptr);
  if (!parts) return;
  std::vector<Source> sources;
  for (const auto& [bucket_id, partition] : parts->partitions) {
    for (const PartEntry& part : partition.parts) {
      if (!tracked.parts.insert(part_key(bucket_id, part.path)).second) continue;
      sources.push_back({{}, nullptr, bucket_dir(run.settings(), run.run_id(), table, bucket_id) / part.path});
    }
  }
  if (!sources.empty()) tracked.shape = merge(tracked.shape, table, read_schemas(run.env(), sources));
}

}  // namespace crv::io::detail
