#pragma once
// The shape of a column, unified by field name (private to the io layer): struct fields are
// matched by name, at any depth and inside lists, so that parts whose struct columns gained
// or lost fields between appends read as one column (absent fields as nulls). Only a field
// whose type differs (i64 vs str, a struct vs a scalar) cannot be unified.

#include <optional>
#include <string>

#include "crv/frame/column.hpp"
#include "crv/frame/data_type.hpp"

namespace crv::io::detail {

/// Where two types of one column disagree: the field path ("additional_payload.legs",
/// "salient_agent_pairs[].weight") and the two types found there.
struct ShapeConflict {
  std::string path;
  frame::TypePtr first;
  frame::TypePtr second;
};

/// `first` and `second` unified by field name: struct fields merged (first's order, then
/// second's new fields; a field one side lacks becomes nullable), list items unified, equal
/// leaves kept. Where they disagree, first's type is kept and, when `conflict` is empty, the
/// disagreement is recorded there. `path` names the column (the start of every field path).
/// Returns `first` itself when it already holds everything `second` has.
frame::TypePtr unify_shapes(const frame::TypePtr& first, const frame::TypePtr& second, const std::string& path,
                            std::optional<ShapeConflict>& conflict);

/// Whether `a` and `b` agree wherever both have a field: struct fields only one of them has,
/// field order and nullability do not matter. Types only, no values.
bool shapes_agree(const frame::DataType& a, const frame::DataType& b);

/// `column` as a column of `target`, a unification of its type (unify_shapes): struct fields
/// taken by name in target's order, the ones it lacks as nulls, list items likewise. The
/// values are shared, not copied. IoSchemaError when a field's type differs from target's.
frame::Column conform_shape(const frame::Column& column, const frame::TypePtr& target);

/// "additional_payload.legs" for a struct field, "salient_agent_pairs[]" for list items.
std::string field_path(const std::string& parent, const std::string& field);
std::string item_path(const std::string& parent);

}  // namespace crv::io::detail
