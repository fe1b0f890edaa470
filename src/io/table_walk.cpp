#include "io/table_walk.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <exception>
#include <limits>
#include <map>
#include <utility>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/iso_time.hpp"
#include "io/log/append_log.hpp"
#include "io/log/log_state.hpp"
#include "io/part_check.hpp"
#include "io/part_io.hpp"

namespace crv::io::detail {
namespace {

/// [min, max] of the tick column: statistics where present, decoded values otherwise.
/// nullopt for a file without rows.
std::optional<std::pair<std::int64_t, std::int64_t>> tick_range(const parquet::FileReader& reader) {
  std::optional<std::pair<std::int64_t, std::int64_t>> range;
  const auto widen = [&range](std::int64_t low, std::int64_t high) {
    if (!range) {
      range = {low, high};
    } else {
      range->first = std::min(range->first, low);
      range->second = std::max(range->second, high);
    }
  };
  bool has_tick = false;
  for (const frame::Field& field : reader.frame_schema()) has_tick = has_tick || field.name == "tick";
  if (!has_tick) throw IoReadError("the file has no 'tick' column");
  for (int group = 0; group < reader.num_row_groups(); ++group) {
    if (reader.num_rows(group) == 0) continue;
    if (const auto stats = reader.int_column_range(group, "tick")) {
      widen(stats->first, stats->second);
      continue;
    }
    parquet::ReadOptions options;
    options.columns = {"tick"};
    const frame::Frame ticks = reader.read_row_group(group, options);
    const frame::Column& column = ticks.column("tick");
    if (column.type_id() != frame::TypeId::Int64) {
      throw IoReadError("the 'tick' column is " + column.type()->to_string() + ", not i64");
    }
    const std::int64_t* values = column.values<std::int64_t>();
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    bool any = false;
    for (std::int64_t row = 0; row < column.length(); ++row) {
      if (column.is_null(row)) continue;
      low = std::min(low, values[row]);
      high = std::max(high, values[row]);
      any = true;
    }
    if (any) widen(low, high);
  }
  return range;
}

/// Reads and checks one part's footer into `part`; false (and an entry in `walk.unreadable`)
/// when it fails.
bool read_footer(Env& env, std::string_view run_id, core::TableName table, const std::filesystem::path& path,
                 WalkedPart& part, TableWalk& walk) {
  try {
    // A FIFO or device named like a part fails here at once (the Env opens without blocking
    // and refuses anything but a regular file).
    const auto reader = open_parquet_file(env, path);
    check_part(*reader, path.string(), PartExpectation{run_id, table, nullptr, {}, nullptr});
    part.provenance = read_provenance(*reader);
    part.footer_read = true;
    if (const auto range = tick_range(*reader)) {
      PartEntry entry;
      entry.path = path.filename().string();
      entry.rows = reader->num_rows();
      entry.bytes = static_cast<std::int64_t>(env.file_size(path));
      entry.tick_min = range->first;
      entry.tick_max = range->second;
      entry.created_at = iso_utc(env.file_identity(path).mtime_ns);
      part.entry = std::move(entry);
    }
    return true;
  } catch (const std::exception& error) {
    walk.unreadable.push_back({part.relative, error.what()});
    return false;
  }
}

}  // namespace

TableWalk walk_table(Env& env, const IoSettings& settings, std::string_view run_id, core::TableName table,
                     const std::function<bool(const std::string& relative)>& skip_footer,
                     const std::set<std::int64_t>* only_buckets) {
  TableWalk walk;
  const std::filesystem::path dir = table_dir(settings, run_id, table);
  if (!env.is_directory(dir)) return walk;
  for (const std::string& name : env.list_dir(dir)) {
    if (is_tmp_file_name(name)) walk.tmp_files.push_back(name);
  }
  for (const std::string& bucket_name : env.list_dir(dir)) {
    const std::optional<std::int64_t> bucket_id = parse_bucket_dir_name(bucket_name);
    if (!bucket_id || (only_buckets && !only_buckets->contains(*bucket_id))) continue;
    if (!env.is_directory(dir / bucket_name)) continue;
    for (const std::string& file_name : env.list_dir(dir / bucket_name)) {
      const std::string relative = bucket_name + "/" + file_name;
      if (is_tmp_file_name(file_name)) {
        walk.tmp_files.push_back(relative);
        continue;
      }
      if (!is_part_file_name(file_name)) continue;
      if (!is_canonical_part_name(file_name)) {
        // A manifest may list only part-<32 hex>.parquet names: adopting another file would
        // make a manifest that no reader accepts.
        walk.unreadable.push_back(
            {relative, "not a part name (crv-io and the reference write part-<32 lowercase hex>.parquet)"});
        continue;
      }
      WalkedPart part;
      part.bucket_id = *bucket_id;
      part.relative = relative;
      if (skip_footer && skip_footer(relative)) {
        walk.parts.push_back(std::move(part));
        continue;
      }
      if (read_footer(env, run_id, table, dir / bucket_name / file_name, part, walk))
        walk.parts.push_back(std::move(part));
    }
  }
  return walk;
}

CommittedParts committed_parts(const TableLog& log, std::uint64_t first_live_segment, const TableManifest* manifest) {
  CommittedParts committed;
  committed.first_live_segment = first_live_segment;
  committed.manifest_intact = manifest != nullptr;
  if (manifest) {
    for (const auto& [bucket_id, partition] : manifest->partitions) {
      for (const PartEntry& part : partition.parts)
        committed.named.insert(bucket_dir_name(bucket_id) + "/" + part.path);
    }
  }
  for (const LoggedPart& part : log.parts)
    committed.named.insert(bucket_dir_name(part.bucket_id) + "/" + part.part.path);
  for (const LoggedSeal& seal : log.seals) {
    const std::string bucket = bucket_dir_name(seal.seal.bucket_id) + "/";
    if (!seal.seal.is_drop()) committed.named.insert(bucket + seal.seal.part.path);
    for (const std::string& name : seal.seal.replaced) committed.replaced.insert(bucket + name);
  }
  return committed;
}

const char* adoption_reason(Adoption adoption) {
  switch (adoption) {
    case Adoption::Named: return "named by the manifest or the append log";
    case Adoption::Adopted: return "a whole append that no live record names (its record was retired)";
    case Adoption::Uncommitted:
      return "uncommitted: written by an append or seal whose commit record never reached the log (a crash)";
    case Adoption::Incomplete: return "part of an append whose other parts are missing (a crash before its commit)";
    case Adoption::Replaced: return "replaced by a sealed or compacted part (vacuum deletes it after the grace period)";
    case Adoption::Unlisted: return "a whole append that the manifest does not list (an orphan)";
  }
  return "?";
}

std::vector<Adoption> judge_walk(const TableWalk& walk, const CommittedParts& committed) {
  // How many parts of each append are present, to tell a whole append from a crashed one's leftovers.
  // A part a sealed or compacted part replaced counts for its commit even once vacuum has
  // deleted it (its rows are in the replacing part).
  std::map<std::string, std::int64_t> present;
  std::set<std::string> on_disk;
  for (const WalkedPart& part : walk.parts) {
    on_disk.insert(part.relative);
    if (part.provenance.known()) ++present[part.provenance.commit_id];
  }
  for (const WalkedPart& part : walk.parts) {
    const std::string bucket = bucket_dir_name(part.bucket_id) + "/";
    for (const ReplacedPart& gone : part.provenance.replaces) {
      if (!gone.commit_id.empty() && !on_disk.contains(bucket + gone.name)) ++present[gone.commit_id];
    }
  }
  std::vector<Adoption> verdicts;
  verdicts.reserve(walk.parts.size());
  for (const WalkedPart& part : walk.parts) {
    const PartProvenance& provenance = part.provenance;
    if (committed.replaced.contains(part.relative)) {
      verdicts.push_back(Adoption::Replaced);
    } else if (committed.named.contains(part.relative)) {
      verdicts.push_back(Adoption::Named);
    } else if (!provenance.known()) {
      // Written by the reference (or crv-io before provenance): nothing tells a crashed append
      // from a committed one, so the walk adopts it as the reference's rebuild does.
      verdicts.push_back(part.footer_read ? Adoption::Adopted : Adoption::Unlisted);
    } else if (committed.first_live_segment > 0 && provenance.log_segment >= committed.first_live_segment) {
      verdicts.push_back(Adoption::Uncommitted);
    } else if (present[provenance.commit_id] < provenance.commit_parts) {
      verdicts.push_back(Adoption::Incomplete);
    } else {
      verdicts.push_back(committed.manifest_intact ? Adoption::Unlisted : Adoption::Adopted);
    }
  }
  // A part that a present, committed sealed part replaced is not read again (its seal record
  // may be retired, and the manifest lost).
  // Replacement is transitive (a compaction replaces a sealed part that replaced small ones),
  // so a part's own replacement does not cancel what it replaced.
  const std::vector<Adoption> initial = verdicts;
  std::map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < walk.parts.size(); ++k) index[walk.parts[k].relative] = k;
  for (std::size_t k = 0; k < walk.parts.size(); ++k) {
    if (initial[k] != Adoption::Named && initial[k] != Adoption::Adopted) continue;
    const std::string bucket = bucket_dir_name(walk.parts[k].bucket_id) + "/";
    for (const ReplacedPart& gone : walk.parts[k].provenance.replaces) {
      const auto it = index.find(bucket + gone.name);
      if (it != index.end() && verdicts[it->second] != Adoption::Named) verdicts[it->second] = Adoption::Replaced;
    }
  }
  return verdicts;
}

RebuildResult adopted_manifest(std::string_view table, const TableWalk& walk, const std::vector<Adoption>& verdicts) {
  RebuildResult result{TableManifest::create(std::string(table)), walk.unreadable, {}};
  for (std::size_t k = 0; k < walk.parts.size(); ++k) {
    const WalkedPart& part = walk.parts[k];
    if (verdicts[k] == Adoption::Named || verdicts[k] == Adoption::Adopted) {
      if (part.entry) result.manifest.add_part(part.bucket_id, *part.entry);
    } else {
      result.not_adopted.push_back({part.relative, adoption_reason(verdicts[k])});
    }
  }
  return result;
}

void add_skipped_segments(const AppendLog& log, std::string_view table, const TableWalk& walk,
                          CommittedParts& committed) {
  if (committed.first_live_segment <= 1) return;
  std::uint64_t oldest = committed.first_live_segment;
  for (const WalkedPart& part : walk.parts) {
    const bool unnamed = !committed.named.contains(part.relative) && !committed.replaced.contains(part.relative);
    if (unnamed && part.provenance.known())
      oldest = std::min(oldest, std::max<std::uint64_t>(part.provenance.log_segment, 1));
  }
  if (oldest == committed.first_live_segment) return;
  // Only an unbroken run of segments up to the live ones says "never committed".
  const std::vector<std::uint64_t> segments = log.segments();
  std::uint64_t from = committed.first_live_segment;
  while (from > oldest && std::binary_search(segments.begin(), segments.end(), from - 1)) --from;
  for (std::uint64_t segment = from; segment < committed.first_live_segment; ++segment) {
    const SegmentRead read = log.read_segment(segment, 0);
    if (!read.exists) return;  // retired meanwhile: what was read so far still holds
    const std::string what = "a record of the append log segment " + segment_file_name(segment);
    for (const RawRecord& record : read.records) {
      if (record.type == RecordType::Commit) {
        for (const TableCommit& entry : decode_commit(record.payload, what).tables) {
          if (entry.table != table) continue;
          for (const auto& [bucket_id, part] : entry.parts)
            committed.named.insert(bucket_dir_name(bucket_id) + "/" + part.path);
        }
      } else if (record.type == RecordType::Seal) {
        const SealRecord seal = decode_seal(record.payload, what);
        if (seal.table != table) continue;
        const std::string bucket = bucket_dir_name(seal.bucket_id) + "/";
        if (!seal.is_drop()) committed.named.insert(bucket + seal.part.path);
        for (const std::string& name : seal.replaced) committed.replaced.insert(bucket + name);
      }
    }
  }
  committed.first_live_segment = from;
}

RebuildResult walk_committed(Env& env, const IoSettings& settings, std::string_view run_id, core::TableName table,
                             const AppendLog& append_log, const TableLog& log, std::uint64_t first_live_segment,
                             const TableManifest* manifest) {
  const TableWalk walk = walk_table(env, settings, run_id, table);
  CommittedParts committed = committed_parts(log, first_live_segment, manifest);
  add_skipped_segments(append_log, core::to_string(table), walk, committed);
  return adopted_manifest(core::to_string(table), walk, judge_walk(walk, committed));
}

}  // namespace crv::io::detail
