#pragma once
// One shape per struct column (issue 13; private to the io layer): what a table stores of its
// struct, list[struct] and extra columns, and an append's frame checked and conformed
// against it. New fields and absent ones are fine (reads unify by name, shape_unify.hpp); a
// field whose type differs from the stored one is cast when the scalar rules of validation
// lose nothing (i32 -> i64, an integral f64 -> i64, an exact i64 -> f64), and refused
// otherwise, before anything is written: a table that accepted its appends stays readable.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crv/core/table_descriptor.hpp"
#include "crv/frame/data_type.hpp"
#include "crv/frame/frame.hpp"

namespace crv::io::detail {

/// The stored types of a table's shape columns, each unified by field name over every part
/// and inline batch (first-seen field order).
struct StoredShape {
  std::vector<frame::Field> columns;

  const frame::Field* column(std::string_view name) const;
};

/// The columns whose shape can drift between appends: the descriptor's struct and
/// list[struct] columns, and columns outside the descriptor. (The descriptor's scalar
/// columns are cast to their dtype by validation.)
bool is_shape_column(const core::TableDescriptor& descriptor, std::string_view name);

/// `shape` with the shape columns of `fields` unified into it by field name (a column it
/// lacks added as nullable; where types conflict, as in a table written before this check,
/// the stored type stays). Returns whether it changed.
bool widen_shape(StoredShape& shape, const core::TableDescriptor& descriptor, const std::vector<frame::Field>& fields);

/// `body` (a validated frame of `descriptor`'s table) with every shape column conformed to
/// the stored type: fields cast where that is lossless, fields the table does not have
/// yet kept as they are. IoSchemaError naming the column, the field path, both types, the
/// first row and its value when a field's type conflicts with the stored one (all-null
/// fields never conflict). Returns `body` itself when nothing needs to change.
frame::Frame conform_to_stored_shape(const core::TableDescriptor& descriptor, const frame::Frame& body,
                                     const StoredShape& stored);

/// Whether every shape column of `fields` agrees with the stored one (shapes_agree): what a
/// commit checks again under the log's lock, against what other writers committed meanwhile.
bool agrees_with_stored_shape(const core::TableDescriptor& descriptor, const std::vector<frame::Field>& fields,
                              const StoredShape& stored);

}  // namespace crv::io::detail
