#include "cli/part_footer.hpp"

#include <algorithm>

#include "cli/statistic_value.hpp"
#include "crv/parquet/reader.hpp"

namespace crv::cli {
namespace {

/// The smaller (or larger) bound, comparing only like with like: numbers with numbers, text
/// with text (statistic_value's forms); anything else keeps what is there.
nlohmann::json extreme(const nlohmann::json& current, const nlohmann::json& candidate, bool want_min) {
  if (current.is_null()) return candidate;
  if (candidate.is_null()) return current;
  const bool comparable = (current.is_number() && candidate.is_number()) ||
                          (current.is_string() && candidate.is_string()) ||
                          (current.is_boolean() && candidate.is_boolean());
  if (!comparable) return current;
  return (want_min ? candidate < current : current < candidate) ? candidate : current;
}

}  // namespace

namespace {

// The schema leaf of a column chunk, by its Parquet path (a nested leaf's path names the
// group elements, "list" and "element" included); nullptr when the schema has no such leaf.
const parquet::SchemaNode* leaf_of(const parquet::SchemaNode& root, const std::vector<std::string>& path) {
  const parquet::SchemaNode* node = &root;
  for (const std::string& name : path) {
    const auto child = std::find_if(node->children.begin(), node->children.end(),
                                    [&name](const parquet::SchemaNode& c) { return c.name == name; });
    if (child == node->children.end()) return nullptr;
    node = &*child;
  }
  return node->children.empty() ? node : nullptr;
}

// One column chunk's null count and bounds (nested leaves' too: their own statistics).
ColumnFooterStatistics chunk_statistics(const parquet::FileReader& reader, const parquet::ColumnChunkView& chunk) {
  ColumnFooterStatistics column{chunk.path(), parquet::to_string(chunk.physical_type()), std::nullopt, nullptr,
                                nullptr};
  const std::optional<parquet::ColumnStatistics> statistics = chunk.statistics();
  if (!statistics) return column;
  column.nulls = statistics->null_count;
  const parquet::SchemaNode* node = leaf_of(reader.schema_tree(), chunk.path_in_schema());
  if (node == nullptr) return column;
  if (statistics->min_value) column.min = statistic_value(node, chunk.physical_type(), *statistics->min_value);
  if (statistics->max_value) column.max = statistic_value(node, chunk.physical_type(), *statistics->max_value);
  return column;
}

}  // namespace

std::vector<ColumnFooterStatistics> footer_statistics(const std::filesystem::path& file) {
  const auto reader = parquet::FileReader::open(file);
  const parquet::FileMetadataView metadata = reader->metadata();
  std::vector<ColumnFooterStatistics> columns;
  for (int g = 0; g < metadata.num_row_groups(); ++g) {
    const parquet::RowGroupView group = metadata.row_group(g);
    std::vector<ColumnFooterStatistics> of_group;
    for (int c = 0; c < group.num_columns(); ++c) of_group.push_back(chunk_statistics(*reader, group.column(c)));
    if (g == 0) {
      columns = std::move(of_group);
    } else {
      merge_footer_statistics(columns, of_group);
    }
  }
  return columns;
}

void merge_footer_statistics(std::vector<ColumnFooterStatistics>& into,
                             const std::vector<ColumnFooterStatistics>& more) {
  for (ColumnFooterStatistics& column : into) {
    const auto other = std::find_if(more.begin(), more.end(),
                                    [&](const ColumnFooterStatistics& c) { return c.column == column.column; });
    if (other == more.end()) {
      column.nulls.reset();
      continue;
    }
    column.nulls = column.nulls && other->nulls ? std::optional(*column.nulls + *other->nulls) : std::nullopt;
    column.min = extreme(column.min, other->min, true);
    column.max = extreme(column.max, other->max, false);
  }
  for (const ColumnFooterStatistics& column : more) {
    const bool known = std::any_of(into.begin(), into.end(),
                                   [&](const ColumnFooterStatistics& c) { return c.column == column.column; });
    if (!known) {
      into.push_back(column);
      into.back().nulls.reset();  // the parts without it have nulls there, uncounted
    }
  }
}

}  // namespace crv::cli
