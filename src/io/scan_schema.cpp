// The output schema of a scan over parts whose columns may differ.

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crv/core/table_descriptor.hpp"
#include "crv/io/errors.hpp"
#include "io/shape_unify.hpp"
#include "scan_output.hpp"

namespace crv::io::detail {
namespace {

frame::TypePtr descriptor_type(core::DType dtype) {
  switch (dtype) {
    case core::DType::I64: return frame::int64();
    case core::DType::F64: return frame::float64();
    case core::DType::Str: return frame::utf8();
    case core::DType::Struct: return frame::struct_({});
    case core::DType::ListStruct: return frame::list(frame::struct_({}));
  }
  return frame::utf8();
}

using PartSchemas = std::vector<std::pair<std::string, std::vector<frame::Field>>>;

/// The type of `name` in the parts, unified by field name (struct fields that only some parts
/// have read as null in the others), or nullptr when no part has it.
frame::TypePtr part_type(core::TableName table, const PartSchemas& parts, const std::string& name) {
  frame::TypePtr type;
  const std::string* first_part = nullptr;
  for (const auto& [part, schema] : parts) {
    for (const frame::Field& field : schema) {
      if (field.name != name) continue;
      if (!type) {
        type = field.type;
        first_part = &part;
        continue;
      }
      std::optional<ShapeConflict> conflict;
      type = unify_shapes(type, field.type, name, conflict);
      if (!conflict) continue;
      const std::string where =
          conflict->path == name ? "column '" + name + "'" : "column '" + name + "', field '" + conflict->path + "',";
      throw IoSchemaError("table '" + std::string(core::to_string(table)) + "', " + where + " is " +
                          conflict->first->to_string() + " in '" + *first_part + "' but " +
                          conflict->second->to_string() + " in '" + part +
                          "': they cannot be read as one column; rewrite one of the parts with the other's type "
                          "(crv-io refuses such appends: another writer or an older crv-io wrote them)");
    }
  }
  return type;
}

}  // namespace

std::vector<frame::Field> output_schema(core::TableName table, const PartSchemas& parts,
                                        const std::vector<std::string>& selection) {
  const core::TableDescriptor& descriptor = core::get_table(table);
  std::vector<frame::Field> schema;
  if (!selection.empty()) {
    for (const std::string& name : selection) {
      frame::TypePtr type = part_type(table, parts, name);
      if (!type) {
        const auto dtype = descriptor.dtype_of(name);
        if (!dtype) {
          std::string known;
          for (const std::string& column : descriptor.column_names()) known += (known.empty() ? "" : ", ") + column;
          throw IoSchemaError("table '" + std::string(core::to_string(table)) + "' has no column '" + name +
                              "' (columns: " + known + ")");
        }
        type = descriptor_type(*dtype);
      }
      schema.push_back({name, type, true});
    }
    return schema;
  }
  for (const core::ColumnSpec& spec : descriptor.columns) {
    frame::TypePtr type = part_type(table, parts, spec.name);
    if (type) {
      schema.push_back({spec.name, type, true});
    } else if (parts.empty()) {
      schema.push_back({spec.name, descriptor_type(spec.dtype), true});
    }
  }
  for (const auto& [part, part_schema] : parts) {
    for (const frame::Field& field : part_schema) {
      const bool listed =
          std::any_of(schema.begin(), schema.end(), [&field](const frame::Field& f) { return f.name == field.name; });
      if (!listed) schema.push_back({field.name, part_type(table, parts, field.name), true});
    }
  }
  return schema;
}

frame::Frame conform(const frame::Frame& frame, const std::vector<frame::Field>& schema) {
  std::vector<std::pair<std::string, frame::Column>> columns;
  columns.reserve(schema.size());
  for (const frame::Field& field : schema) {
    const auto index = frame.index_of(field.name);
    columns.emplace_back(field.name, index ? conform_shape(frame.column(*index), field.type)
                                           : frame::Column::nulls(field.type, frame.num_rows()));
  }
  return frame::Frame(std::move(columns));
}

frame::Frame empty_frame(const std::vector<frame::Field>& schema) {
  std::vector<std::pair<std::string, frame::Column>> columns;
  columns.reserve(schema.size());
  for (const frame::Field& field : schema) {
    columns.emplace_back(field.name, frame::Column::nulls(field.type, 0));
  }
  return frame::Frame(std::move(columns));
}

}  // namespace crv::io::detail
