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

std::string dotted(const std::vector<std::string>& path) {
  std::string text;
  for (const std::string& name : path) text += (text.empty() ? "" : ".") + name;
  return text;
}

}  // namespace

std::vector<ColumnFooterStatistics> footer_statistics(const std::filesystem::path& file) {
  const auto reader = parquet::FileReader::open(file);
  std::vector<ColumnFooterStatistics> columns;
  bool first_group = true;
  for (const parquet::RowGroup& group : reader->metadata().row_groups) {
    std::vector<ColumnFooterStatistics> of_group;
    for (const parquet::ColumnChunk& chunk : group.columns) {
      if (!chunk.meta_data) continue;
      const parquet::ColumnMetaData& meta = *chunk.meta_data;
      ColumnFooterStatistics column{dotted(meta.path_in_schema), parquet::to_string(meta.type), std::nullopt, nullptr,
                                    nullptr};
      if (meta.statistics) {
        const parquet::Statistics& statistics = *meta.statistics;
        column.nulls = statistics.null_count;
        const parquet::SchemaElement* element =
            meta.path_in_schema.size() == 1 ? reader->element_of(meta.path_in_schema) : nullptr;
        if (element != nullptr && statistics.min_value) {
          column.min = statistic_value(element, meta.type, *statistics.min_value);
        }
        if (element != nullptr && statistics.max_value) {
          column.max = statistic_value(element, meta.type, *statistics.max_value);
        }
      }
      of_group.push_back(std::move(column));
    }
    if (first_group) {
      columns = std::move(of_group);
      first_group = false;
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
