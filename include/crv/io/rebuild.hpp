#pragma once
/// @file
/// Re-deriving a table's manifest from its files (REFERENCE.md section 6).

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "crv/export.hpp"
#include "crv/io/env.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/settings.hpp"
#include "crv/io/table_ref.hpp"

namespace crv::io {

/// A file that could not be read while rebuilding, and why.
struct UnreadablePart {
  std::string path;   ///< relative to the table directory
  std::string error;  ///< the reader's message
};

/// What Dataset::rebuild_manifest_with_report rebuilt, and what it left out.
struct RebuildResult {
  TableManifest manifest;                  ///< the manifest written
  std::vector<UnreadablePart> unreadable;  ///< left out of the manifest
  /// Readable parts left out, and why: the leftovers of appends and seals that crashed before
  /// their commit, parts a seal replaced, orphans an intact manifest does not list.
  std::vector<UnreadablePart> not_adopted;
};

/// Walks the table's bucket=* directories and every part-*.parquet in them (skipping
/// .tmp files), takes rows from the footers and tick ranges from the tick column's
/// statistics (decoding the tick column only where a row group has none), and returns the
/// manifest of the committed parts: those the manifest (when it loads) or the run's append
/// log names, and, of the others, whole appends written before the log's oldest live
/// segment (their records may be retired) when there is no intact manifest. Parts written by
/// other tools record no commit and are adopted as they are. Unreadable files and parts left
/// out are listed instead of failing the walk. Nothing is written.
CRV_IO_EXPORT RebuildResult scan_table_files(Env& env, const IoSettings& settings, std::string_view run_id,
                                             TableRef table);

/// scan_table_files(), then writes the manifest atomically under the table's lock
/// (IoManifestError when it cannot be written).
/// `adjust`, when given, is applied to the walked manifest before it is written (the
/// Dataset applies the append log's seals, so that replaced parts are not listed again).
CRV_IO_EXPORT RebuildResult rebuild_table_manifest(Env& env, const IoSettings& settings, std::string_view run_id,
                                                   TableRef table,
                                                   const std::function<TableManifest(TableManifest)>& adjust = {});

}  // namespace crv::io
