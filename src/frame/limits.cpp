#include <crv/frame/limits.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace crv::frame {
namespace {

bool has_offsets(TypeId id) { return id == TypeId::String || id == TypeId::Binary; }

/// The first row in [begin, end) of `column` holding a string or binary value (at any
/// nesting) longer than kMaxValueBytes, with the length found; -1 when there is none.
/// Rows are in `column`'s coordinates; a list maps an item back to the row holding it.
int64_t first_long_value(const Column& column, int64_t begin, int64_t end, int64_t* length) {
  if (begin >= end) return -1;
  const TypeId id = column.type_id();
  if (has_offsets(id)) {
    const int32_t* offsets = column.list_offsets();
    // Most columns are smaller than one value may be: then no value is too long.
    if (offsets[end] - offsets[begin] <= kMaxValueBytes) return -1;
    for (int64_t row = begin; row < end; ++row) {
      const int64_t bytes = int64_t{offsets[row + 1]} - offsets[row];
      if (bytes > kMaxValueBytes && column.is_valid(row)) {
        *length = bytes;
        return row;
      }
    }
    return -1;
  }
  if (id == TypeId::Struct) {
    int64_t first = -1;
    for (int k = 0; k < column.num_children(); ++k) {
      const int64_t end_k = first >= 0 ? first : end;  // only an earlier row matters now
      int64_t found_length = 0;
      const int64_t row = first_long_value(column.child(k), begin, end_k, &found_length);
      if (row >= 0) {
        first = row;
        *length = found_length;
      }
    }
    return first;
  }
  if (id == TypeId::List) {
    const int32_t* offsets = column.list_offsets();
    const int64_t item = first_long_value(column.list_items(), offsets[begin], offsets[end], length);
    if (item < 0) return -1;
    // The row whose items [offsets[row], offsets[row + 1]) hold `item`.
    return std::upper_bound(offsets + begin, offsets + end + 1, item) - offsets - 1;
  }
  return -1;
}

}  // namespace

int nesting_depth(const DataType& type) {
  int deepest = 0;
  for (const Field& field : type.fields()) deepest = std::max(deepest, nesting_depth(*field.type) + 1);
  return deepest;
}

int64_t leaf_columns(const DataType& type) {
  if (type.fields().empty()) return 1;
  int64_t leaves = 0;
  for (const Field& field : type.fields()) leaves += leaf_columns(*field.type);
  return leaves;
}

std::optional<LimitViolation> find_nesting_violation(const std::vector<Field>& schema) {
  for (const Field& field : schema) {
    const int depth = nesting_depth(*field.type);
    if (depth > kMaxNestingDepth) {
      return LimitViolation{field.name,
                            fmt::format("column '{}' is nested {} levels deep, more than the limit of {} "
                                        "struct and list levels",
                                        field.name, depth, kMaxNestingDepth),
                            "flatten it, or store the deepest part as a JSON string"};
    }
  }
  return std::nullopt;
}

std::optional<LimitViolation> find_schema_limit_violation(const std::vector<Field>& schema) {
  if (auto violation = find_nesting_violation(schema)) return violation;
  int64_t leaves = 0;
  for (const Field& field : schema) leaves += leaf_columns(*field.type);
  if (leaves > kMaxLeafColumns) {
    return LimitViolation{"",
                          fmt::format("{} columns ({} leaf columns counting struct fields) exceed the limit of {} leaf "
                                      "columns",
                                      schema.size(), leaves, kMaxLeafColumns),
                          "split the columns over several tables, or store the widest struct as a JSON string"};
  }
  return std::nullopt;
}

std::optional<LimitViolation> find_limit_violation(const Frame& frame) {
  if (auto violation = find_schema_limit_violation(frame.schema())) return violation;
  for (size_t c = 0; c < frame.num_columns(); ++c) {
    int64_t length = 0;
    const int64_t row = first_long_value(frame.column(c), 0, frame.num_rows(), &length);
    if (row < 0) continue;
    const std::string& name = frame.schema()[c].name;
    return LimitViolation{name,
                          fmt::format("column '{}', row {}: a value of {} bytes, more than the limit of {} bytes "
                                      "for one string or binary value",
                                      name, row, length, kMaxValueBytes),
                          "split the value over several rows, or store it as a file and keep its path"};
  }
  return std::nullopt;
}

}  // namespace crv::frame
