#include "io/stored_shape.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "crv/frame/bit_util.hpp"
#include "crv/frame/cast.hpp"
#include "crv/frame/pretty_print.hpp"
#include "crv/io/errors.hpp"
#include "io/shape_unify.hpp"

namespace crv::io::detail {
namespace {

using frame::Column;
using frame::DataType;
using frame::Field;
using frame::TypeId;
using frame::TypePtr;

/// For each value of a nested column's child, the row of the appended frame it belongs to,
/// or -1 when a null struct or list above it hides it (its value is then never read).
using RowMap = std::vector<std::int64_t>;

/// A frame's own columns have no map: value i is row i.
std::int64_t row_of(const RowMap* rows, std::int64_t i) { return rows ? (*rows)[static_cast<std::size_t>(i)] : i; }

/// What every error starts with, and what it says to do.
struct FieldError {
  std::string table;
  std::string column;

  std::string at(const std::string& path) const {
    return "table '" + table + "', column '" + column + "'" + (path == column ? "" : ", field '" + path + "'");
  }
  static std::string what_to_do(const TypePtr& stored) {
    return "; append the field as " + stored->to_string() +
           ", or under another name (a table keeps one type per field, so that every reader can read it)";
  }
};

/// The first value that is not null and not hidden by a null parent, or -1.
std::int64_t first_visible(const Column& column, const RowMap* rows) {
  for (std::int64_t i = 0; i < column.length(); ++i) {
    if (column.is_valid(i) && row_of(rows, i) >= 0) return i;
  }
  return -1;
}

/// The scalar rules of validation (validate.hpp), for any integer or float width: integers,
/// bool and floats to an integer, integers and floats to a float, each value checked.
bool castable(const DataType& from, const DataType& to) {
  if (to.is_integer()) return from.is_integer() || from.id() == TypeId::Bool || from.is_floating();
  if (to.is_floating()) return from.is_integer() || from.is_floating();
  return false;
}

Column conform_value(const Column& column, const TypePtr& stored, const std::string& path, const RowMap* rows,
                     const FieldError& error);

/// A leaf, or a nested value against a stored type of another kind: nulls of the stored type
/// when nothing visible is set, a lossless cast, or the error.
Column conform_leaf(const Column& column, const TypePtr& stored, const std::string& path, const RowMap* rows,
                    const FieldError& error) {
  const std::int64_t first = first_visible(column, rows);
  if (first < 0) return Column::nulls(stored, column.length());
  const std::string from = column.type()->to_string();
  if (!castable(*column.type(), *stored)) {
    throw IoSchemaError(error.at(path) + ": " + from + " in this append but " + stored->to_string() +
                        " in the table (no lossless cast from " + from + " to " + stored->to_string() +
                        "); first row " + std::to_string(row_of(rows, first)) + ", value " +
                        frame::format_cell(column, first) + FieldError::what_to_do(stored));
  }
  frame::CastResult cast = frame::cast(column, stored);
  if (cast.failed > 0) {
    for (std::int64_t i = 0; i < column.length(); ++i) {
      if (!column.is_valid(i) || row_of(rows, i) < 0 || cast.column.is_valid(i)) continue;
      throw IoSchemaError(error.at(path) + ": " + from + " in this append but " + stored->to_string() +
                          " in the table, and a value does not convert exactly; first row " +
                          std::to_string(row_of(rows, i)) + ", value " + frame::format_cell(column, i) +
                          FieldError::what_to_do(stored));
    }
  }
  return std::move(cast.column);
}

/// The validity of `column` starting at bit 0 (shared when it does already).
std::shared_ptr<frame::Buffer> validity_at_zero(const Column& column) {
  const frame::ArrayData& data = column.data();
  if (!data.validity || data.offset == 0) return data.validity;
  std::shared_ptr<frame::Buffer> bits = frame::Buffer::allocate(frame::bits::bytes_for_bits(data.length), true);
  frame::bits::copy_bits(data.validity->data(), data.offset, data.length, bits->mutable_data(), 0);
  return bits;
}

Column conform_struct(const Column& column, const TypePtr& stored, const std::string& path, const RowMap* rows,
                      const FieldError& error) {
  const std::int64_t length = column.length();
  RowMap child_rows(static_cast<std::size_t>(length));
  for (std::int64_t i = 0; i < length; ++i)
    child_rows[static_cast<std::size_t>(i)] = column.is_valid(i) ? row_of(rows, i) : -1;
  std::vector<Field> fields;
  auto out = std::make_shared<frame::ArrayData>();
  const std::vector<Field>& own = column.type()->fields();
  for (std::size_t k = 0; k < own.size(); ++k) {
    Column child = column.child(static_cast<int>(k));  // sliced to the struct's rows
    bool nullable = own[k].nullable;
    if (const auto index = stored->field_index(own[k].name)) {
      Column conformed =
          conform_value(child, stored->fields()[*index].type, field_path(path, own[k].name), &child_rows, error);
      // A cast or nulls may set nulls where the field had none.
      if (conformed.data_ptr() != child.data_ptr()) nullable = true;
      child = std::move(conformed);
    }
    fields.push_back(Field{own[k].name, child.type(), nullable});
    out->children.push_back(child.data_ptr());
  }
  // The children are sliced, so the struct starts at 0 too.
  out->type = frame::struct_(std::move(fields));
  out->length = length;
  out->null_count = column.null_count();
  out->validity = validity_at_zero(column);
  return Column(std::move(out));
}

Column conform_list(const Column& column, const TypePtr& stored, const std::string& path, const RowMap* rows,
                    const FieldError& error) {
  const Column items = column.list_items();  // the whole item column, addressed by the offsets
  const std::int32_t* offsets = column.list_offsets();
  RowMap item_rows(static_cast<std::size_t>(items.length()), -1);
  for (std::int64_t r = 0; r < column.length(); ++r) {
    const std::int64_t row = column.is_valid(r) ? row_of(rows, r) : -1;
    if (row < 0) continue;
    for (std::int32_t j = offsets[r]; j < offsets[r + 1]; ++j) item_rows[static_cast<std::size_t>(j)] = row;
  }
  const Column conformed = conform_value(items, stored->item_type(), item_path(path), &item_rows, error);
  const Field& item = column.type()->item_field();
  // Same rows, validity and offsets: only the items change.
  auto out = std::make_shared<frame::ArrayData>(column.data());
  out->type = frame::list(Field{item.name, conformed.type(), true});
  out->children = {conformed.data_ptr()};
  return Column(std::move(out));
}

Column conform_value(const Column& column, const TypePtr& stored, const std::string& path, const RowMap* rows,
                     const FieldError& error) {
  const DataType& from = *column.type();
  if (shapes_agree(*stored, from)) return column;
  if (from.id() == TypeId::Struct && stored->id() == TypeId::Struct)
    return conform_struct(column, stored, path, rows, error);
  if (from.id() == TypeId::List && stored->id() == TypeId::List) return conform_list(column, stored, path, rows, error);
  return conform_leaf(column, stored, path, rows, error);
}

}  // namespace

const frame::Field* StoredShape::column(std::string_view name) const {
  for (const frame::Field& field : columns) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

bool is_shape_column(const core::TableDescriptor& descriptor, std::string_view name) {
  const auto dtype = descriptor.dtype_of(name);
  return !dtype || *dtype == core::DType::Struct || *dtype == core::DType::ListStruct;
}

bool widen_shape(StoredShape& shape, const core::TableDescriptor& descriptor, const std::vector<frame::Field>& fields) {
  bool changed = false;
  for (const frame::Field& field : fields) {
    if (!is_shape_column(descriptor, field.name)) continue;
    const auto known = std::find_if(shape.columns.begin(), shape.columns.end(),
                                    [&field](const frame::Field& column) { return column.name == field.name; });
    if (known == shape.columns.end()) {
      shape.columns.push_back({field.name, field.type, true});
      changed = true;
      continue;
    }
    // A table written before this check may hold conflicting parts: its first type stays.
    std::optional<ShapeConflict> ignored;
    frame::TypePtr unified = unify_shapes(known->type, field.type, field.name, ignored);
    if (unified == known->type) continue;
    known->type = std::move(unified);
    changed = true;
  }
  return changed;
}

frame::Frame conform_to_stored_shape(const core::TableDescriptor& descriptor, const frame::Frame& body,
                                     const StoredShape& stored) {
  if (stored.columns.empty()) return body;
  std::vector<std::pair<std::string, Column>> columns;
  columns.reserve(body.num_columns());
  bool changed = false;
  for (std::size_t k = 0; k < body.num_columns(); ++k) {
    const std::string& name = body.schema()[k].name;
    Column column = body.column(k);
    const Field* field = is_shape_column(descriptor, name) ? stored.column(name) : nullptr;
    if (field && !shapes_agree(*field->type, *column.type())) {
      column = conform_value(column, field->type, name, nullptr,
                             FieldError{std::string(core::to_string(descriptor.name)), name});
      changed = true;
    }
    columns.emplace_back(name, std::move(column));
  }
  return changed ? frame::Frame(std::move(columns)) : body;
}

bool agrees_with_stored_shape(const core::TableDescriptor& descriptor, const std::vector<frame::Field>& fields,
                              const StoredShape& stored) {
  for (const frame::Field& field : fields) {
    if (!is_shape_column(descriptor, field.name)) continue;
    const Field* column = stored.column(field.name);
    if (column && !shapes_agree(*column->type, *field.type)) return false;
  }
  return true;
}

}  // namespace crv::io::detail
