#pragma once
// A table's files as a directory walk finds them, and which of them a walk may adopt
// (private to the io layer). A part on disk is not a committed part: an append that crashed
// after renaming some of its parts, or a seal that crashed before its record, leaves files
// that no commit names. The walk tells them apart by what the log names and what each part
// records of its commit (part_provenance.hpp), so that no read path, rebuild included, shows
// an append that did not commit.

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crv/io/env.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/rebuild.hpp"
#include "crv/io/settings.hpp"
#include "io/part_provenance.hpp"

namespace crv::io::detail {

struct TableLog;

/// A canonical part file found by the walk.
struct WalkedPart {
  std::int64_t bucket_id = 0;
  std::string relative;  ///< "bucket=000012/part-....parquet"
  /// The footer's rows, tick range, size and time (path = the file name); nullopt when the
  /// footer was not read (the walk was asked not to) or the part has no rows.
  std::optional<PartEntry> entry;
  PartProvenance provenance;
  bool footer_read = false;
};

struct TableWalk {
  std::vector<WalkedPart> parts;
  std::vector<UnreadablePart> unreadable;  ///< footers that failed their checks, foreign names
  std::vector<std::string> tmp_files;      ///< "bucket=.../x.tmp", and "manifest.json.tmp"
};

/// Lists the table's bucket directories (only `only_buckets` when given). The footer of each
/// canonical part is read and checked (run, table, descriptor) unless `skip_footer` says not
/// to (the cleaner reads only the footers of parts that no commit names).
TableWalk walk_table(Env& env, const IoSettings& settings, std::string_view run_id, core::TableName table,
                     const std::function<bool(const std::string& relative)>& skip_footer = {},
                     const std::set<std::int64_t>* only_buckets = nullptr);

/// What decides adoption: the parts a manifest or a live log record names.
struct CommittedParts {
  std::set<std::string> named;     ///< "bucket=.../part-..." in the manifest (when intact) or a live record
  std::set<std::string> replaced;  ///< named by a live seal as replaced
  bool manifest_intact = false;    ///< a manifest.json was loaded and passed its checks
  /// The oldest log segment readers still read (0: no log): a part whose provenance says it
  /// was written at or after it would be named by a live record if its commit had happened.
  std::uint64_t first_live_segment = 0;
};

/// `named` and `replaced` from the table's live log records, plus `manifest` when given.
CommittedParts committed_parts(const TableLog& log, std::uint64_t first_live_segment, const TableManifest* manifest);

class AppendLog;

/// Readers skip the segments before the log's CHECKPOINT, but until vacuum retires them they
/// still tell whether a part written back then was ever committed: when the walk found parts
/// that nothing names and that were written in such a segment, reads the segments from the
/// oldest of them (as far as they all still exist) into `committed`, and lowers its
/// first_live_segment to match. Costs nothing when there are no such parts.
void add_skipped_segments(const AppendLog& log, std::string_view table, const TableWalk& walk,
                          CommittedParts& committed);

enum class Adoption {
  Named,        ///< a manifest or live record names it
  Adopted,      ///< no record names it, but it is a whole append whose record may have been retired
  Uncommitted,  ///< written after the oldest live segment, and no live record names it
  Incomplete,   ///< some parts of its append are missing: a crashed append's leftovers
  Replaced,     ///< a seal or compaction replaced it (awaiting vacuum)
  Unlisted,     ///< the manifest is intact and does not list it (an orphan: repair decides)
};

/// Why a part was not adopted, for reports.
const char* adoption_reason(Adoption adoption);

/// The verdict for each part of `walk` (same order). Parts whose footers were not read are
/// judged by the log and the manifest only (Named, or Unlisted), and count for no commit, so
/// Incomplete verdicts are only sound when every footer was read.
std::vector<Adoption> judge_walk(const TableWalk& walk, const CommittedParts& committed);

/// The walk as a manifest: the Named and Adopted parts that have rows. Others are reported
/// in `not_adopted`.
RebuildResult adopted_manifest(std::string_view table, const TableWalk& walk, const std::vector<Adoption>& verdicts);

/// The whole walk: every footer read, judged against `log` (the table's live records, the
/// oldest live segment `first_live_segment`) and `manifest` (null when absent or corrupt).
RebuildResult walk_committed(Env& env, const IoSettings& settings, std::string_view run_id, core::TableName table,
                             const AppendLog& append_log, const TableLog& log, std::uint64_t first_live_segment,
                             const TableManifest* manifest);

}  // namespace crv::io::detail
