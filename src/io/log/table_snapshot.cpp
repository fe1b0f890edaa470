#include "io/log/table_snapshot.hpp"

#include <algorithm>

namespace crv::io::detail {
namespace {

std::vector<std::pair<std::int64_t, std::string>> part_names(const TableManifest& manifest) {
  std::vector<std::pair<std::int64_t, std::string>> names;
  for (const auto& [bucket_id, partition] : manifest.partitions) {
    for (const PartEntry& part : partition.parts) names.emplace_back(bucket_id, part.path);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TableSnapshot merge_log(std::optional<TableManifest> base, std::string_view table, const TableLog* log) {
  TableSnapshot snapshot;
  const bool had_manifest = base.has_value();
  snapshot.had_manifest = had_manifest;
  snapshot.logged = log != nullptr && !log->empty();
  snapshot.manifest = base ? std::move(*base) : TableManifest::create(std::string(table));
  if (!log) {
    snapshot.checkpointed = had_manifest || snapshot.manifest.partitions.empty();
    return snapshot;
  }
  const auto before = part_names(snapshot.manifest);
  const std::string updated_at = snapshot.manifest.updated_at;
  // Parts and seals in log order: a seal removes what it replaced, even a part logged earlier.
  std::size_t p = 0;
  std::size_t s = 0;
  while (p < log->parts.size() || s < log->seals.size()) {
    const bool part_first = s == log->seals.size() || (p < log->parts.size() && log->parts[p].at < log->seals[s].at);
    if (part_first) {
      const LoggedPart& part = log->parts[p++];
      if (!snapshot.manifest.has_part(part.bucket_id, part.part.path)) {
        snapshot.manifest.add_part(part.bucket_id, part.part);
      }
      continue;
    }
    const SealRecord& seal = log->seals[s++].seal;
    for (const std::string& name : seal.replaced) snapshot.manifest.remove_part(seal.bucket_id, name);
    if (!seal.is_drop() && !snapshot.manifest.has_part(seal.bucket_id, seal.part.path)) {
      snapshot.manifest.add_part(seal.bucket_id, seal.part);
    }
  }
  snapshot.inline_rows = log->rows;  // the state keeps only rows no seal covers
  const auto after = part_names(snapshot.manifest);
  snapshot.checkpointed = had_manifest ? before == after : after.empty();
  if (snapshot.checkpointed) snapshot.manifest.updated_at = updated_at;
  return snapshot;
}

}  // namespace crv::io::detail
