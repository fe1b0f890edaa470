#pragma once
// What a Parquet file's footer says of its columns: null counts and min/max, merged over its
// row groups, read through the reader's metadata views (crv/parquet/metadata.hpp).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace crv::cli {

struct ColumnFooterStatistics {
  std::string column;                 ///< the leaf's path, dotted ("position.x")
  std::string physical_type;          ///< INT64, BYTE_ARRAY, ...
  std::optional<std::int64_t> nulls;  ///< nullopt when a row group does not record it
  nlohmann::json min;                 ///< decoded (statistic_value.hpp); null when unknown
  nlohmann::json max;
};

/// Reads the footer of `file` only (no data page) and returns one entry per leaf column, in
/// schema order. min/max are given for top-level columns (nested leaves: nulls only).
std::vector<ColumnFooterStatistics> footer_statistics(const std::filesystem::path& file);

/// `into` widened by `more` (same columns by name): nulls added, min and max extended. A
/// column `more` lacks makes `into`'s nulls unknown.
void merge_footer_statistics(std::vector<ColumnFooterStatistics>& into,
                             const std::vector<ColumnFooterStatistics>& more);

}  // namespace crv::cli
