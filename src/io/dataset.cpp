#include "crv/io/dataset.hpp"

#include <utility>

#include "crv/io/paths.hpp"

namespace crv::io {

Dataset::Dataset(IoSettings settings, std::string_view run_id, Env& env)
    : settings_(std::move(settings)), run_id_(run_id), env_(&env) {
  settings_.validate();
  run_root(settings_, run_id_);  // validates the run id
}

AppendSummary Dataset::append(TableRef table, const frame::Frame& frame, const AppendOptions& options) {
  return append_to_table(*env_, settings_, run_id_, table, frame, options);
}

std::shared_ptr<const TableManifest> Dataset::cached_manifest(core::TableName table) const {
  const std::filesystem::path path = manifest_path(settings_, run_id_, table);
  const std::lock_guard guard(cache_mutex_);
  if (!env_->file_exists(path)) {
    cache_.erase(table);
    return nullptr;
  }
  const FileIdentity identity = env_->file_identity(path);
  if (const auto it = cache_.find(table); it != cache_.end() && it->second.identity == identity) {
    return it->second.manifest;
  }
  std::optional<TableManifest> loaded = load_manifest(*env_, path);
  if (!loaded) {
    cache_.erase(table);
    return nullptr;
  }
  auto manifest = std::make_shared<const TableManifest>(std::move(*loaded));
  cache_[table] = CachedManifest{identity, manifest};
  return manifest;
}

std::optional<TableManifest> Dataset::manifest(TableRef table) const {
  const auto manifest = cached_manifest(table.name());
  if (!manifest) return std::nullopt;
  return *manifest;
}

Scan Dataset::scan(TableRef table, Where where) const {
  auto input = std::make_shared<ScanInput>();
  input->env = env_;
  input->settings = settings_;
  input->run_id = run_id_;
  input->table = table.name();
  input->manifest = cached_manifest(table.name());
  return Scan(std::move(input), where);
}

frame::Frame Dataset::read(TableRef table, Where where, std::optional<std::int64_t> limit) const {
  Scan scan = this->scan(table, where);
  if (limit) scan = scan.limit(*limit);
  return scan.collect();
}

TableManifest Dataset::rebuild_manifest(TableRef table) {
  return rebuild_manifest_with_report(table).manifest;
}

RebuildResult Dataset::rebuild_manifest_with_report(TableRef table) {
  return rebuild_table_manifest(*env_, settings_, run_id_, table);
}

}  // namespace crv::io
