#pragma once
// A table as crv-io's readers see it: the parts of its manifest (the last checkpoint) with
// the log's later commits and seals applied, and the inline rows no seal has covered yet.
// The same merge is what a checkpoint writes to manifest.json, so a reader and the next
// checkpoint always agree.

#include <optional>
#include <vector>

#include "crv/io/manifest.hpp"
#include "io/log/log_state.hpp"

namespace crv::io::detail {

struct TableSnapshot {
  /// The merged parts (the manifest a checkpoint would write now).
  TableManifest manifest;
  /// Inline rows not yet in a part, in log order.
  std::vector<LoggedRows> inline_rows;
  /// Whether `manifest` lists exactly the parts of the manifest it was merged from.
  bool checkpointed = true;
  /// Whether a manifest.json was merged (false: the parts come from the log alone).
  bool had_manifest = false;
  /// Whether the parts were found by a directory walk (no manifest.json).
  bool walked = false;
  /// Whether the live log has records of the table (then it, not a walk, names the parts).
  bool logged = false;
  /// The log position the snapshot reflects (set by RunLog::snapshot).
  LogPosition log_end;
};

/// Merges `log` (may be null) into `base` (nullopt: no manifest yet). Part entries are
/// matched by name, so replaying a record that the manifest already reflects changes
/// nothing.
TableSnapshot merge_log(std::optional<TableManifest> base, std::string_view table, const TableLog* log);

}  // namespace crv::io::detail
