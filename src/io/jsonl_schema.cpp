#include "crv/io/jsonl_schema.hpp"

#include "crv/core/table_descriptor.hpp"

namespace crv::io {
namespace {

/// The frame type of a scalar descriptor dtype, or nullptr for a nested one.
frame::TypePtr hint_type(core::DType dtype) {
  switch (dtype) {
    case core::DType::I64: return frame::int64();
    case core::DType::F64: return frame::float64();
    case core::DType::Str: return frame::utf8();
    default: return nullptr;
  }
}

}  // namespace

frame::JsonlSchema jsonl_schema(TableRef table) {
  frame::JsonlSchema schema;
  for (const core::ColumnSpec& spec : core::get_table(table.name()).columns) {
    if (frame::TypePtr type = hint_type(spec.dtype)) schema.fields.push_back(frame::Field{spec.name, type, true});
  }
  return schema;
}

}  // namespace crv::io
