// Vacuum: deleting what no reader can need any more.

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/iso_time.hpp"
#include "io/log/log_operations.hpp"

namespace crv::io::detail {
namespace {

struct TableGarbage {
  std::set<std::string> live;                       // "bucket=.../part-..." the snapshot lists
  std::map<std::string, std::int64_t> replaced_at;  // replaced by a live seal, and when
  std::set<std::string> logged;                     // named by a live commit
};

TableGarbage classify(const TableSnapshot& snapshot, const TableLog& log) {
  TableGarbage garbage;
  for (const auto& [bucket_id, partition] : snapshot.manifest.partitions) {
    for (const PartEntry& part : partition.parts) garbage.live.insert(bucket_dir_name(bucket_id) + "/" + part.path);
  }
  for (const LoggedSeal& seal : log.seals) {
    for (const std::string& name : seal.seal.replaced) {
      garbage.replaced_at[bucket_dir_name(seal.seal.bucket_id) + "/" + name] =
          parse_iso_utc(seal.seal.part.created_at).value_or(0);
    }
  }
  for (const LoggedPart& part : log.parts)
    garbage.logged.insert(bucket_dir_name(part.bucket_id) + "/" + part.part.path);
  return garbage;
}

/// Returns whether the table's leftovers were cleaned (false: a commit was in flight).
bool vacuum_table(RunLog& run, core::TableName table, std::int64_t cutoff_ns, VacuumSummary& summary) {
  Env& env = run.env();
  const std::filesystem::path dir = table_dir(run.settings(), run.run_id(), table);
  if (!env.is_directory(dir)) return true;
  const std::unique_ptr<FileLock> lock = lock_table(run, table);
  const std::optional<std::vector<std::string>> cleaned = clean_leftovers_locked(run, table, nullptr);
  for (const std::string& relative : cleaned.value_or(std::vector<std::string>{})) {
    summary.removed.push_back(std::string(core::to_string(table)) + "/" + relative);
  }
  checkpoint_table_locked(run, table);
  const TableSnapshot snapshot = run.snapshot(table);
  const TableGarbage garbage = classify(snapshot, run.table_log(core::to_string(table)).log);
  for (const std::string& bucket_name : env.list_dir(dir)) {
    if (!parse_bucket_dir_name(bucket_name) || !env.is_directory(dir / bucket_name)) continue;
    for (const std::string& file_name : env.list_dir(dir / bucket_name)) {
      const std::string relative = bucket_name + "/" + file_name;
      const bool candidate = is_tmp_file_name(file_name) || is_part_file_name(file_name);
      if (!candidate || garbage.live.contains(relative)) continue;
      const std::filesystem::path path = dir / bucket_name / file_name;
      std::int64_t since = env.file_identity(path).mtime_ns;
      if (const auto it = garbage.replaced_at.find(relative); it != garbage.replaced_at.end()) {
        since = std::max(since, it->second);
      } else if (garbage.logged.contains(relative)) {
        continue;  // committed, not yet checkpointed: never garbage
      }
      if (since > cutoff_ns) continue;
      env.remove_file(path);
      summary.removed.push_back(std::string(core::to_string(table)) + "/" + relative);
    }
  }
  return cleaned.has_value();
}

/// The first segment of a run's log with a record a reader still needs: an inline row no
/// seal covers, or a record of a table whose manifest does not reflect it yet. The newest
/// segment when none does.
std::uint64_t first_needed_segment(RunLog& run, const LogState& state) {
  const std::vector<std::uint64_t>& segments = state.segments();
  if (segments.empty()) return 0;
  std::uint64_t needed = segments.back();
  for (const auto& [name, log] : state.tables()) {
    const std::optional<core::TableName> table = core::try_parse_table_name(name);
    if (!table) continue;
    if (!run.snapshot(*table).checkpointed) {
      const auto first = [](const auto& entries, std::uint64_t fallback) {
        return entries.empty() ? fallback : entries.front().at.segment;
      };
      needed = std::min({needed, first(log.parts, needed), first(log.seals, needed)});
    }
    for (const LoggedRows& rows : log.rows) needed = std::min(needed, rows.at.segment);
  }
  return needed;
}

}  // namespace

VacuumSummary vacuum_run(RunLog& run, std::chrono::seconds grace) {
  VacuumSummary summary;
  const std::int64_t cutoff = run.env().now_ns() - std::chrono::duration_cast<std::chrono::nanoseconds>(grace).count();
  bool all_cleaned = true;
  for (const core::TableName table : core::all_table_names()) {
    all_cleaned = vacuum_table(run, table, cutoff, summary) && all_cleaned;
  }
  // A leftover's provenance tells it from a committed part only while the segment it names
  // is live (table_walk.hpp): no segment is retired before every leftover is gone.
  if (!all_cleaned) return summary;
  // Segments before the CHECKPOINT are deleted once the grace has passed since their last
  // write, so that a follower's cursor into them stays good meanwhile.
  const std::uint64_t checkpoint = advance_log_checkpoint(run, true);
  std::uint64_t keep_from = checkpoint;
  for (const std::uint64_t segment : run.log().segments()) {
    if (segment >= checkpoint) break;
    if (run.env().file_identity(run.log().dir() / segment_file_name(segment)).mtime_ns > cutoff) {
      keep_from = segment;
      break;
    }
    summary.retired_segments.push_back(segment_file_name(segment));
  }
  if (!summary.retired_segments.empty()) run.log().retire_segments_before(keep_from);
  return summary;
}

std::uint64_t advance_log_checkpoint(RunLog& run, bool rotate) {
  // Rotate first: records written from now on go to a new segment, so what is computed
  // below from the older ones cannot be undone by a writer appending meanwhile. (Without
  // rotation the newest segment is never skipped: it may be appended to.)
  if (rotate ? run.log().rotate() == 0 : run.log().segments().empty()) return 0;
  const std::uint64_t needed = first_needed_segment(run, run.state());
  if (needed > 0) run.log().write_checkpoint(needed);
  return std::max(needed, run.log().checkpoint_segment());
}

}  // namespace crv::io::detail
