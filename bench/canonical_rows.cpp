#include "canonical_rows.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crv/core/vocabulary.hpp"
#include "crv/frame/column.hpp"

namespace crv::bench {
namespace {

using core::DType;
using frame::Column;

// A closed vocabulary's first value for the columns that have one (so that the rows pass
// validate_rows too: "self_to_positive_valence" needs no identity slot); empty otherwise.
std::string_view vocabulary_value(std::string_view column) {
  if (column == "edge_kind") return core::edge_kinds().front();
  if (column == "exchange_event_type") return core::exchange_event_types().front();
  if (column == "visibility_scope") return core::visibility_scopes().front();
  return {};
}

std::vector<std::int64_t> row_numbers(std::int64_t start, std::int64_t count) {
  std::vector<std::int64_t> k(static_cast<std::size_t>(count));
  for (std::int64_t j = 0; j < count; ++j) k[static_cast<std::size_t>(j)] = start + j;
  return k;
}

Column string_values(std::string_view column, const std::vector<std::int64_t>& k) {
  const std::string_view fixed = vocabulary_value(column);
  std::vector<std::string> values;
  values.reserve(k.size());
  for (const std::int64_t row : k) {
    // Appended, not "v" + to_string(row): GCC 12's -Wrestrict misfires on the latter.
    std::string& value = values.emplace_back(fixed.empty() ? "v" : fixed);
    if (fixed.empty()) value += std::to_string(row);
  }
  return Column::from<std::string>(values);
}

Column int_values(std::string_view column, std::vector<std::int64_t> k) {
  if (column == "cache_hit") {
    for (std::int64_t& v : k) v %= 2;  // the rule of validate_rows: 0 or 1
  }
  return Column::from<std::int64_t>(k);
}

Column double_values(const std::vector<std::int64_t>& k) {
  std::vector<double> values;
  values.reserve(k.size());
  for (const std::int64_t row : k) values.push_back(static_cast<double>(row) / 2);
  return Column::from<double>(values);
}

// {v: k}: the smallest struct a Parquet group can hold (one field).
Column struct_values(const std::vector<std::int64_t>& k) {
  std::vector<std::pair<std::string, Column>> fields;
  fields.emplace_back("v", Column::from<std::int64_t>(k));
  return Column::struct_of(std::move(fields));
}

// [{v: k}]: one item a row, so that the list's items are written too.
Column list_of_struct_values(const std::vector<std::int64_t>& k) {
  std::vector<std::int32_t> offsets(k.size() + 1);
  for (std::size_t j = 0; j < offsets.size(); ++j) offsets[j] = static_cast<std::int32_t>(j);
  return Column::list_of(offsets, struct_values(k));
}

}  // namespace

frame::Frame minimal_table_rows(const core::TableDescriptor& table, std::int64_t start, std::int64_t count,
                                std::int64_t rows_per_tick) {
  const std::vector<std::int64_t> k = row_numbers(start, count);
  std::vector<std::int64_t> ticks = k;
  for (std::int64_t& t : ticks) t /= rows_per_tick;
  std::vector<std::pair<std::string, Column>> columns;
  for (const core::ColumnSpec& spec : table.columns) {
    if (spec.name == "bucket" || !table.is_required(spec.name)) continue;  // append computes bucket
    Column column;
    if (spec.name == "tick") {
      column = Column::from<std::int64_t>(ticks);
    } else if (spec.dtype == DType::Str) {
      column = string_values(spec.name, k);
    } else if (spec.dtype == DType::I64) {
      column = int_values(spec.name, k);
    } else if (spec.dtype == DType::F64) {
      column = double_values(k);
    } else if (spec.dtype == DType::Struct) {
      column = struct_values(k);
    } else {
      column = list_of_struct_values(k);
    }
    columns.emplace_back(spec.name, std::move(column));
  }
  return frame::Frame(std::move(columns));
}

}  // namespace crv::bench
