#include "crv/io/rebuild.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/log/run_log.hpp"
#include "io/table_walk.hpp"

namespace crv::io {

RebuildResult scan_table_files(Env& env, const IoSettings& settings, std::string_view run_id, TableRef table) {
  // The log says which parts are committed; a walk alone would adopt the leftovers of crashed
  // appends (table_walk.hpp).
  detail::RunLog run(env, settings, std::string(run_id));
  const detail::TableLogRead read = run.table_log(table.str());
  std::shared_ptr<const TableManifest> manifest;
  try {
    manifest = run.manifest(table.name());
  } catch (const IoManifestError&) {
    // A corrupt manifest is what a rebuild replaces: the walk then knows only the log.
  }
  return detail::walk_committed(env, settings, run_id, table.name(), run.log(), read.log, read.first_segment,
                                manifest.get());
}

RebuildResult rebuild_table_manifest(Env& env, const IoSettings& settings, std::string_view run_id, TableRef table,
                                     const std::function<TableManifest(TableManifest)>& adjust) {
  const std::filesystem::path dir = table_dir(settings, run_id, table.name());
  if (!env.is_directory(dir)) {
    throw IoManifestError("cannot rebuild the manifest of table '" + std::string(table.str()) + "' of run '" +
                          std::string(run_id) + "': no directory '" + dir.string() + "'");
  }
  const auto lock = env.lock_file(dir / ".lock");
  RebuildResult result = scan_table_files(env, settings, run_id, table);
  if (adjust) result.manifest = adjust(std::move(result.manifest));
  const std::filesystem::path path = manifest_path(settings, run_id, table.name());
  try {
    if (const auto previous = load_manifest(env, path)) result.manifest.created_at = previous->created_at;
  } catch (const IoManifestError&) {
    // A corrupt manifest is what a rebuild replaces; its creation time is lost with it.
  }
  save_manifest(env, path, result.manifest);
  return result;
}

}  // namespace crv::io
