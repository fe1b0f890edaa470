#include "io/shape_unify.hpp"

#include <memory>
#include <utility>
#include <vector>

#include "crv/io/errors.hpp"

namespace crv::io::detail {
namespace {

using frame::DataType;
using frame::Field;
using frame::TypeId;
using frame::TypePtr;

bool is_struct(const DataType& type) { return type.id() == TypeId::Struct; }
bool is_list(const DataType& type) { return type.id() == TypeId::List; }

void note_conflict(std::optional<ShapeConflict>& conflict, const std::string& path, const TypePtr& first,
                   const TypePtr& second) {
  if (!conflict) conflict = ShapeConflict{path, first, second};
}

TypePtr unify_structs(const TypePtr& first, const TypePtr& second, const std::string& path,
                      std::optional<ShapeConflict>& conflict) {
  std::vector<Field> fields = first->fields();
  bool changed = false;
  for (Field& field : fields) {
    const auto other = second->field_index(field.name);
    if (!other) {
      // Absent from `second`: its rows read the field as null.
      changed = changed || !field.nullable;
      field.nullable = true;
      continue;
    }
    const Field& theirs = second->fields()[*other];
    TypePtr merged = unify_shapes(field.type, theirs.type, field_path(path, field.name), conflict);
    const bool nullable = field.nullable || theirs.nullable;
    if (merged != field.type || nullable != field.nullable) changed = true;
    field.type = std::move(merged);
    field.nullable = nullable;
  }
  for (const Field& theirs : second->fields()) {
    if (first->field_index(theirs.name)) continue;
    fields.push_back(Field{theirs.name, theirs.type, true});
    changed = true;
  }
  return changed ? frame::struct_(std::move(fields)) : first;
}

TypePtr unify_lists(const TypePtr& first, const TypePtr& second, const std::string& path,
                    std::optional<ShapeConflict>& conflict) {
  const Field& mine = first->item_field();
  const Field& theirs = second->item_field();
  TypePtr item = unify_shapes(mine.type, theirs.type, item_path(path), conflict);
  const bool nullable = mine.nullable || theirs.nullable;
  if (item == mine.type && nullable == mine.nullable) return first;
  return frame::list(Field{mine.name, std::move(item), nullable});
}

}  // namespace

std::string field_path(const std::string& parent, const std::string& field) { return parent + "." + field; }
std::string item_path(const std::string& parent) { return parent + "[]"; }

TypePtr unify_shapes(const TypePtr& first, const TypePtr& second, const std::string& path,
                     std::optional<ShapeConflict>& conflict) {
  if (first == second) return first;
  if (is_struct(*first) && is_struct(*second)) return unify_structs(first, second, path, conflict);
  if (is_list(*first) && is_list(*second)) return unify_lists(first, second, path, conflict);
  if (!first->is_nested() && !second->is_nested() && first->equals(*second)) return first;
  note_conflict(conflict, path, first, second);
  return first;
}

bool shapes_agree(const DataType& a, const DataType& b) {
  if (&a == &b) return true;
  if (is_struct(a) && is_struct(b)) {
    for (const Field& field : a.fields()) {
      const auto other = b.field_index(field.name);
      if (other && !shapes_agree(*field.type, *b.fields()[*other].type)) return false;
    }
    return true;
  }
  if (is_list(a) && is_list(b)) return shapes_agree(*a.item_type(), *b.item_type());
  return !a.is_nested() && !b.is_nested() && a.equals(b);
}

frame::Column conform_shape(const frame::Column& column, const TypePtr& target) {
  if (frame::type_equals(column.type(), target)) return column;
  const frame::ArrayData& data = column.data();
  // The same rows, validity and (for lists) offsets; only the children change. Children
  // are taken whole: the struct's offset applies to them as it did before.
  auto out = std::make_shared<frame::ArrayData>();
  out->type = target;
  out->length = data.length;
  out->offset = data.offset;
  out->null_count = data.null_count;
  out->validity = data.validity;
  if (is_struct(*target) && is_struct(*data.type)) {
    for (const Field& field : target->fields()) {
      const auto index = data.type->field_index(field.name);
      out->children.push_back(index ? conform_shape(frame::Column(data.children[*index]), field.type).data_ptr()
                                    : frame::Column::nulls(field.type, data.offset + data.length).data_ptr());
    }
    return frame::Column(std::move(out));
  }
  if (is_list(*target) && is_list(*data.type)) {
    out->values = data.values;
    out->children.push_back(conform_shape(frame::Column(data.children.front()), target->item_type()).data_ptr());
    return frame::Column(std::move(out));
  }
  throw IoSchemaError("cannot read a column of type " + data.type->to_string() + " as " + target->to_string() +
                      ": its fields' types differ");
}

}  // namespace crv::io::detail
