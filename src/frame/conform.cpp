#include <crv/frame/cast.hpp>
#include <crv/frame/conform.hpp>
#include <crv/frame/error.hpp>

#include <fmt/format.h>

#include <string>

namespace crv::frame {
namespace {

std::string names_of(const std::vector<Field>& fields) {
  std::string out;
  for (const Field& field : fields) out += (out.empty() ? "" : ", ") + field.name;
  return "[" + out + "]";
}

// The type `have` is given as when `requested` is asked for.
TypePtr conformed_type(const Field& have, const Field& requested) {
  const DataType& from = *have.type;
  const DataType& to = *requested.type;
  if (from.equals(to)) return have.type;
  if (from.is_nested() || to.is_nested()) {
    throw FrameError(
        fmt::format("requested schema: column '{}' is {} and cannot be given as {} (nested columns "
                    "are given only in their own type)",
                    have.name, from.to_string(), to.to_string()));
  }
  if (safe_cast_kind(from, to) == CastKind::Unsupported) {
    throw FrameError(
        fmt::format("requested schema: column '{}' is {} and cannot be given as {} (no cast between "
                    "these types)",
                    have.name, from.to_string(), to.to_string()));
  }
  return requested.type;
}

}  // namespace

std::vector<Field> conformed_schema(const std::vector<Field>& have, const std::vector<Field>& requested) {
  if (have.size() != requested.size()) {
    throw FrameError(fmt::format("requested schema has {} columns {}, the data {} columns {}", requested.size(),
                                 names_of(requested), have.size(), names_of(have)));
  }
  std::vector<Field> out;
  out.reserve(have.size());
  for (size_t i = 0; i < have.size(); ++i) {
    if (have[i].name != requested[i].name) {
      throw FrameError(
          fmt::format("requested schema: column {} is '{}', the data's is '{}' (names and their order "
                      "must match: {} against {})",
                      i, requested[i].name, have[i].name, names_of(requested), names_of(have)));
    }
    out.push_back(Field{have[i].name, conformed_type(have[i], requested[i]), requested[i].nullable});
  }
  return out;
}

Frame conform(const Frame& frame, const std::vector<Field>& requested) {
  std::vector<Field> schema = conformed_schema(frame.schema(), requested);
  std::vector<Column> columns;
  columns.reserve(schema.size());
  for (size_t i = 0; i < schema.size(); ++i) {
    const Column& column = frame.column(i);
    const Field& field = schema[i];
    if (!field.nullable && column.null_count() > 0) {
      throw FrameError(fmt::format("requested schema: column '{}' has {} nulls, and the request says not null",
                                   field.name, column.null_count()));
    }
    if (column.type()->equals(*field.type)) {
      columns.push_back(column);
      continue;
    }
    CastResult cast_result = cast(column, field.type);
    if (cast_result.failed > 0) {
      throw FrameError(
          fmt::format("requested schema: column '{}' row {}: the {} value {} does not convert exactly to {} "
                      "({} such values; request the column's own type)",
                      field.name, cast_result.first_failed_row, column.type()->to_string(),
                      cast_result.first_failed_value, field.type->to_string(), cast_result.failed));
    }
    columns.push_back(std::move(cast_result.column));
  }
  return Frame::make(std::move(schema), std::move(columns));
}

}  // namespace crv::frame
