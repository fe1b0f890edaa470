// Row-level validation: closed vocabularies and the identity_edges slot rules.

#include <span>
#include <string>

#include "crv/core/vocabulary.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/validate.hpp"

namespace crv::io {
namespace {

using frame::Column;

std::string list(std::span<const std::string_view> values) {
  std::string text;
  for (std::string_view value : values) {
    if (!text.empty()) text += ", ";
    text += value;
  }
  return text;
}

// 'value', quotes included.
std::string quoted(std::string_view value) {
  std::string text = "'";
  text += value;
  text += '\'';
  return text;
}

[[noreturn]] void fail(const core::TableDescriptor& descriptor, std::int64_t row, std::string_view column,
                       const std::string& rule) {
  throw IoSchemaError("table '" + std::string(core::to_string(descriptor.name)) + "', row " + std::to_string(row) +
                      ", column '" + std::string(column) + "': " + rule);
}

const Column* string_column(const core::TableDescriptor& descriptor, const frame::Frame& frame, std::string_view name) {
  const auto index = frame.index_of(name);
  if (!index) return nullptr;
  const Column& column = frame.column(*index);
  if (column.type_id() != frame::TypeId::String) {
    throw IoSchemaError("table '" + std::string(core::to_string(descriptor.name)) + "', column '" + std::string(name) +
                        "': row validation needs str values, got " + column.type()->to_string());
  }
  return &column;
}

/// Non-null values of `name` (when present) must belong to the vocabulary.
void check_vocabulary(const core::TableDescriptor& descriptor, const frame::Frame& frame, std::string_view name,
                      std::span<const std::string_view> vocabulary, bool (*is_member)(std::string_view)) {
  const Column* column = string_column(descriptor, frame, name);
  if (column == nullptr) return;
  for (std::int64_t row = 0; row < column->length(); ++row) {
    if (column->is_null(row)) continue;
    const std::string_view value = column->string_value(row);
    if (!is_member(value)) {
      fail(descriptor, row, name, quoted(value) + " is not one of the closed vocabulary (" + list(vocabulary) + ")");
    }
  }
}

void check_identity_edges(const core::TableDescriptor& descriptor, const frame::Frame& frame) {
  const Column* kinds = string_column(descriptor, frame, "edge_kind");
  if (kinds == nullptr) return;
  const std::span<const std::string_view> slot_names = core::identity_edge_slots();
  std::vector<const Column*> slots;
  for (std::string_view slot : slot_names) slots.push_back(string_column(descriptor, frame, slot));
  for (std::int64_t row = 0; row < kinds->length(); ++row) {
    if (kinds->is_null(row)) continue;
    const std::string_view kind = kinds->string_value(row);
    const auto required = core::required_slots_for_edge_kind(kind);
    if (!required) {
      fail(descriptor, row, "edge_kind", quoted(kind) + " is not an edge kind (" + list(core::edge_kinds()) + ")");
    }
    for (std::string_view slot : *required) {
      const Column* column = nullptr;
      for (std::size_t k = 0; k < slot_names.size(); ++k) {
        if (slot_names[k] == slot) column = slots[k];
      }
      if (column == nullptr || column->is_null(row)) {
        fail(descriptor, row, slot,
             "edge_kind '" + std::string(kind) + "' requires non-null " + list(*required) + "; " + std::string(slot) +
                 " is " + (column == nullptr ? "missing" : "null"));
      }
    }
  }
}

void check_cache_hit(const core::TableDescriptor& descriptor, const frame::Frame& frame) {
  const auto index = frame.index_of("cache_hit");
  if (!index) return;
  const Column& column = frame.column(*index);
  if (column.type_id() != frame::TypeId::Int64) return;
  const std::int64_t* values = column.values<std::int64_t>();
  for (std::int64_t row = 0; row < column.length(); ++row) {
    if (column.is_valid(row) && values[row] != 0 && values[row] != 1) {
      fail(descriptor, row, "cache_hit", "must be 0 or 1, got " + std::to_string(values[row]));
    }
  }
}

}  // namespace

void validate_rows(const core::TableDescriptor& descriptor, const frame::Frame& frame) {
  switch (descriptor.name) {
    case core::TableName::IdentityEdges: check_identity_edges(descriptor, frame); break;
    case core::TableName::Exchange:
      check_vocabulary(descriptor, frame, "exchange_event_type", core::exchange_event_types(),
                       &core::is_exchange_event_type);
      check_vocabulary(descriptor, frame, "side", core::sides(), &core::is_side);
      break;
    case core::TableName::Messages:
    case core::TableName::ScenariosSeen:
      check_vocabulary(descriptor, frame, "visibility_scope", core::visibility_scopes(), &core::is_visibility_scope);
      break;
    case core::TableName::OracleCalls: check_cache_hit(descriptor, frame); break;
    default: break;
  }
}

}  // namespace crv::io
