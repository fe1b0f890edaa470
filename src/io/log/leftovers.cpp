// Leftovers: the files of appends and seals that crashed before their commit, deleted by a
// writer that holds the table's lock while no commit is in flight (the first large append of
// a process into the bucket, its seal, vacuum, repair).

#include <map>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/append_parts.hpp"
#include "io/log/log_operations.hpp"
#include "io/table_walk.hpp"

namespace crv::io::detail {
namespace {

constexpr const char* kWritersLockName = ".writers";

/// Whether a cleaner may delete a part with this verdict: only what the live log proves
/// uncommitted. (Incomplete appends are judged by counting the parts of each commit, which
/// needs every footer; the cleaner reads only those of parts nothing names, so it leaves them
/// to repair.)
bool is_leftover(Adoption verdict) { return verdict == Adoption::Uncommitted; }

}  // namespace

std::unique_ptr<FileLock> lock_table_writers(RunLog& run, core::TableName table) {
  const std::filesystem::path dir = table_dir(run.settings(), run.run_id(), table);
  ensure_bucket_dirs(run.env(), run.settings(), run.run_id(), table, {});  // durably, if new
  try {
    return run.env().lock_file_with(dir / kWritersLockName, LockMode::Shared, true);
  } catch (const IoError& error) {
    throw IoWriteError("cannot take the writers' lock of table directory '" + dir.string() + "': " + error.what(),
                       error.sys_errno());
  }
}

std::unique_ptr<FileLock> lock_out_table_writers(RunLog& run, core::TableName table, bool wait) {
  const std::filesystem::path dir = table_dir(run.settings(), run.run_id(), table);
  return run.env().lock_file_with(dir / kWritersLockName, LockMode::Exclusive, wait);
}

std::optional<std::vector<std::string>> clean_leftovers_locked(RunLog& run, core::TableName table,
                                                               const std::set<std::int64_t>* buckets) {
  if (!run.env().is_directory(table_dir(run.settings(), run.run_id(), table))) return std::vector<std::string>{};
  const std::unique_ptr<FileLock> exclusive = lock_out_table_writers(run, table, false);
  if (!exclusive) return std::nullopt;  // a commit is writing its parts: they are not leftovers
  return clean_leftovers_quiet(run, table, buckets);
}

std::vector<std::string> clean_leftovers_quiet(RunLog& run, core::TableName table,
                                               const std::set<std::int64_t>* buckets) {
  Env& env = run.env();
  const std::filesystem::path dir = table_dir(run.settings(), run.run_id(), table);
  if (!env.is_directory(dir)) return {};
  // Read under the writers' lock: every commit that released it has its record in the log.
  const TableLogRead read = run.table_log(core::to_string(table));
  std::shared_ptr<const TableManifest> manifest;
  try {
    manifest = run.manifest(table);
  } catch (const IoManifestError&) {
    // Not intact: only what the live log decides is deleted.
  }
  CommittedParts committed = committed_parts(read.log, read.first_segment, manifest.get());
  const TableWalk walk = walk_table(
      env, run.settings(), run.run_id(), table,
      [&committed](const std::string& relative) {
        return committed.named.contains(relative) || committed.replaced.contains(relative);
      },
      buckets);
  add_skipped_segments(run.log(), core::to_string(table), walk, committed);
  const std::vector<Adoption> verdicts = judge_walk(walk, committed);

  std::vector<std::string> removed;
  for (const std::string& relative : walk.tmp_files) {
    if (relative.find('/') == std::string::npos) continue;  // table-level files are not the parts' business
    remove_file_quietly(env, dir / relative);
    removed.push_back(relative);
  }
  for (std::size_t k = 0; k < walk.parts.size(); ++k) {
    if (!is_leftover(verdicts[k])) continue;
    env.remove_file(dir / walk.parts[k].relative);
    removed.push_back(walk.parts[k].relative);
  }
  std::set<std::string> bucket_dirs;
  for (const std::string& relative : removed) bucket_dirs.insert(relative.substr(0, relative.find('/')));
  for (const std::string& bucket : bucket_dirs) env.sync_dir(dir / bucket);
  return removed;
}

}  // namespace crv::io::detail
