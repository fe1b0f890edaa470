#include <sstream>

#include "crv/io/paths.hpp"
#include "crv/io/scan.hpp"

namespace crv::io {
namespace {

/// The reason without a leading "kept: " or "pruned: " (the report says which).
std::string_view bare_reason(std::string_view reason) {
  for (std::string_view prefix : {std::string_view("kept: "), std::string_view("pruned: ")}) {
    if (reason.starts_with(prefix)) return reason.substr(prefix.size());
  }
  return reason;
}

}  // namespace

std::size_t ScanExplanation::parts_kept() const {
  std::size_t kept = 0;
  for (const PartDecision& part : parts) kept += part.kept ? 1 : 0;
  return kept;
}

std::size_t ScanExplanation::row_groups_kept() const {
  std::size_t kept = 0;
  for (const PartDecision& part : parts) {
    for (const auto& group : part.row_groups) kept += group.kept ? 1 : 0;
  }
  return kept;
}

std::size_t ScanExplanation::row_groups_pruned() const {
  std::size_t pruned = 0;
  for (const PartDecision& part : parts) {
    for (const auto& group : part.row_groups) pruned += group.kept ? 0 : 1;
  }
  return pruned;
}

nlohmann::json ScanExplanation::to_json() const {
  nlohmann::json partitions_json = nlohmann::json::array();
  for (const PartitionDecision& partition : partitions) {
    partitions_json.push_back(
        {{"bucket_id", partition.bucket_id}, {"kept", partition.kept}, {"reason", partition.reason}});
  }
  nlohmann::json parts_json = nlohmann::json::array();
  for (const PartDecision& part : parts) {
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& group : part.row_groups) {
      nlohmann::json pages;  // null: no page index (or the row group was pruned)
      if (group.pages) {
        pages = {{"pages", group.pages->pages}, {"kept", group.pages->pages_kept}, {"rows", group.pages->rows_kept}};
      }
      groups.push_back({{"row_group", group.row_group},
                        {"kept", group.kept},
                        {"reason", group.reason},
                        {"pages", std::move(pages)}});
    }
    parts_json.push_back({{"path", part.relative_path},
                          {"bucket_id", part.bucket_id},
                          {"kept", part.kept},
                          {"reason", part.reason},
                          {"row_groups", std::move(groups)}});
  }
  return {{"table", table},
          {"where",
           {{"tick_min", where.tick_min ? nlohmann::json(*where.tick_min) : nlohmann::json()},
            {"tick_max", where.tick_max ? nlohmann::json(*where.tick_max) : nlohmann::json()}}},
          {"source", from_manifest ? "manifest" : "directory walk"},
          {"columns", columns},
          {"limit", limit ? nlohmann::json(*limit) : nlohmann::json()},
          {"partitions", std::move(partitions_json)},
          {"parts", std::move(parts_json)}};
}

std::string ScanExplanation::to_string() const {
  std::ostringstream out;
  out << "scan " << table << " where tick in " << where.to_string() << '\n';
  if (from_manifest) {
    std::size_t kept = 0;
    for (const PartitionDecision& partition : partitions) kept += partition.kept ? 1 : 0;
    out << "source: manifest, " << partitions.size() << " partition(s): " << kept << " kept, "
        << partitions.size() - kept << " pruned\n";
  } else {
    out << "source: no manifest; parts found by a directory walk of bucket=* directories\n";
  }
  for (const PartitionDecision& partition : partitions) {
    out << "  partition " << bucket_dir_name(partition.bucket_id) << (partition.kept ? " kept: " : " pruned: ")
        << bare_reason(partition.reason) << '\n';
  }
  for (const PartDecision& part : parts) {
    out << "  part " << part.relative_path << (part.kept ? " kept: " : " pruned: ") << bare_reason(part.reason) << '\n';
    for (const auto& group : part.row_groups) {
      out << "    row group " << group.row_group << (group.kept ? " kept: " : " pruned: ") << bare_reason(group.reason);
      if (group.pages) {
        out << "; page index: " << group.pages->pages_kept << " of " << group.pages->pages << " pages kept ("
            << group.pages->rows_kept << " rows)";
      }
      out << '\n';
    }
  }
  out << "parts: " << parts_kept() << " kept of " << parts.size() << "; row groups: " << row_groups_kept() << " kept, "
      << row_groups_pruned() << " pruned";
  if (!columns.empty()) {
    out << "; columns:";
    for (const std::string& column : columns) out << ' ' << column;
  }
  if (limit) out << "; limit " << *limit;
  out << '\n';
  return out.str();
}

}  // namespace crv::io
