#include "crv/io/validate.hpp"

#include <string>
#include <utility>
#include <vector>

#include "crv/frame/cast.hpp"
#include "crv/frame/pretty_print.hpp"
#include "crv/io/errors.hpp"

namespace crv::io {
namespace {

using core::DType;
using frame::Column;
using frame::DataType;
using frame::TypeId;

std::string where(const core::TableDescriptor& descriptor, std::string_view column) {
  return "table '" + std::string(core::to_string(descriptor.name)) + "', column '" + std::string(column) + "'";
}

frame::TypePtr scalar_type(DType dtype) {
  switch (dtype) {
    case DType::I64: return frame::int64();
    case DType::F64: return frame::float64();
    default: return frame::utf8();
  }
}

std::int64_t first_non_null_row(const Column& column) {
  for (std::int64_t row = 0; row < column.length(); ++row) {
    if (column.is_valid(row)) return row;
  }
  return -1;
}

std::int64_t first_null_row(const Column& column) {
  if (column.null_count() == 0) return -1;
  for (std::int64_t row = 0; row < column.length(); ++row) {
    if (column.is_null(row)) return row;
  }
  return -1;
}

/// Whether `from` may be cast to the descriptor dtype when every value survives.
bool castable(const DataType& from, DType to) {
  switch (to) {
    case DType::I64: return from.is_integer() || from.id() == TypeId::Bool || from.is_floating();
    case DType::F64: return from.is_integer() || from.is_floating();
    case DType::Str:  // decimal text is exact and parses back (Polars casts so too)
      return from.is_integer();
    default: return false;
  }
}

Column conform_scalar(const core::TableDescriptor& descriptor, const std::string& name, const Column& column,
                      DType dtype) {
  const frame::TypePtr target = scalar_type(dtype);
  if (column.type()->equals(*target)) return column;
  if (column.null_count() == column.length()) return Column::nulls(target, column.length());
  const std::string from = column.type()->to_string();
  const std::string to(core::to_string(dtype));
  if (!castable(*column.type(), dtype)) {
    const std::int64_t row = first_non_null_row(column);
    throw IoSchemaError(where(descriptor, name) + ": expected " + to + ", got " + from + " (no lossless cast from " +
                        from + " to " + to + "); first offending row " + std::to_string(row) + ", value " +
                        frame::format_cell(column, row));
  }
  frame::CastResult result = frame::cast(column, target);
  if (result.failed > 0) {
    throw IoSchemaError(where(descriptor, name) + ": cannot cast " + from + " to " + to + " without loss: " +
                        std::to_string(result.failed) + " value(s) do not convert exactly; first offending row " +
                        std::to_string(result.first_failed_row) + ", value " + result.first_failed_value);
  }
  return std::move(result.column);
}

void check_nested(const core::TableDescriptor& descriptor, const std::string& name, const Column& column, DType dtype) {
  const TypeId expected = dtype == DType::Struct ? TypeId::Struct : TypeId::List;
  if (column.type_id() == expected) return;
  const std::int64_t row = first_non_null_row(column);
  throw IoSchemaError(
      where(descriptor, name) + ": expected " + std::string(core::to_string(dtype)) + ", got " +
      column.type()->to_string() +
      (row >= 0 ? "; first offending row " + std::to_string(row) + ", value " + frame::format_cell(column, row)
                : std::string()));
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

frame::Frame validate_frame(const core::TableDescriptor& descriptor, const frame::Frame& frame, bool strict) {
  const std::string table(core::to_string(descriptor.name));
  std::vector<std::string> missing;
  for (const core::ColumnSpec& spec : descriptor.columns) {
    if (spec.name == "bucket") continue;
    if (descriptor.is_required(spec.name) && !frame.has_column(spec.name)) missing.push_back(spec.name);
  }
  if (!missing.empty()) {
    throw IoSchemaError("table '" + table + "': missing required column(s): " + join(missing) +
                        " (required: " + join([&] {
                          std::vector<std::string> required;
                          for (const core::ColumnSpec& spec : descriptor.columns) {
                            if (descriptor.is_required(spec.name)) required.push_back(spec.name);
                          }
                          return required;
                        }()) +
                        ")");
  }
  std::vector<std::string> extras;
  for (const std::string& name : frame.names()) {
    if (!descriptor.is_allowed(name)) extras.push_back(name);
  }
  if (strict && !extras.empty()) {
    throw IoSchemaError("table '" + table + "': column(s) not in the descriptor: " + join(extras) +
                        " (strict schema; allowed: " + join(descriptor.allowed_columns()) +
                        "; set strict_schema = false to keep extra columns)");
  }

  std::vector<std::pair<std::string, Column>> columns;
  columns.reserve(frame.num_columns());
  for (const core::ColumnSpec& spec : descriptor.columns) {
    if (spec.name == "bucket" || !frame.has_column(spec.name)) continue;
    Column column = frame.column(spec.name);
    if (spec.dtype == DType::Struct || spec.dtype == DType::ListStruct) {
      check_nested(descriptor, spec.name, column, spec.dtype);
    } else {
      column = conform_scalar(descriptor, spec.name, column, spec.dtype);
    }
    if (descriptor.is_required(spec.name)) {
      const std::int64_t row = first_null_row(column);
      if (row >= 0) {
        throw IoSchemaError(where(descriptor, spec.name) + ": required column holds " +
                            std::to_string(column.null_count()) + " null(s); first null at row " + std::to_string(row));
      }
    }
    columns.emplace_back(spec.name, std::move(column));
  }
  for (const std::string& name : extras) columns.emplace_back(name, frame.column(name));
  return frame::Frame(std::move(columns));
}

}  // namespace crv::io
