// Checkpoints: manifest.json rewritten as the merge of the manifest and the live log.

#include "io/log/log_operations.hpp"

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/append_manifest_cache.hpp"
#include "io/append_parts.hpp"
#include "io/atomic_write.hpp"
#include "io/manifest_errors.hpp"
#include "io/manifest_stamp.hpp"

namespace crv::io::detail {

std::unique_ptr<FileLock> lock_table(RunLog& run, core::TableName table) {
  const std::filesystem::path dir = table_dir(run.settings(), run.run_id(), table);
  // A new table directory is made durable (its parent fsynced) before anything is put in it.
  ensure_bucket_dirs(run.env(), run.settings(), run.run_id(), table, {});
  try {
    return run.env().lock_file(dir / ".lock");
  } catch (const IoError& error) {
    throw IoWriteError("cannot lock table directory '" + dir.string() + "': " + error.what(), error.sys_errno());
  }
}

bool checkpoint_table_locked(RunLog& run, core::TableName table) {
  Env& env = run.env();
  const std::filesystem::path path = manifest_path(run.settings(), run.run_id(), table);
  std::optional<ManifestFile> current = load_manifest_for_append(env, path);
  const std::string name(core::to_string(table));
  const TableLogRead read = run.table_log(name);
  const TableLog& log = read.log;
  TableSnapshot merged =
      merge_log(current ? std::optional<TableManifest>(std::move(current->manifest)) : run.walked_manifest(table, read),
                name, &log);
  if (!current && !merged.manifest.partitions.empty()) merged.checkpointed = false;
  if (merged.checkpointed) {
    if (current)
      remember_saved_manifest(path, env.file_identity(path),
                              ManifestFile{std::move(merged.manifest), std::move(current->text)});
    return false;
  }
  stamp_write_time(merged.manifest, env);
  std::string text = manifest_text(merged.manifest);
  try {
    PreparedFile prepared(env, path, text);
    const FileIdentity identity = env.file_identity(tmp_path(path));
    // Cached before the rename: this process's appenders see the new file as soon as it is
    // renamed, while the directory's fsync is still running.
    run.remember_manifest(table, identity, std::make_shared<const TableManifest>(merged.manifest));
    prepared.commit();
    remember_saved_manifest(path, identity, ManifestFile{std::move(merged.manifest), std::move(text)});
  } catch (const IoError& error) {
    throw manifest_write_error(path, error);
  }
  return true;
}

bool checkpoint_table(RunLog& run, core::TableName table) {
  const std::unique_ptr<FileLock> lock = lock_table(run, table);
  return checkpoint_table_locked(run, table);
}

}  // namespace crv::io::detail
