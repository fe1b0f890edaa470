#include "crv/core/table_descriptor.hpp"

#include <initializer_list>
#include <string>

#include "crv/core/error.hpp"

namespace crv::core {
namespace {

// One column of a descriptor definition: name, dtype, and whether it is required.
struct ColumnDef {
  const char* name;
  DType dtype;
  bool required;
};

constexpr bool kReq = true;
constexpr bool kOpt = false;

// Builds a descriptor from its columns after `bucket` and `tick`.
TableDescriptor make_descriptor(TableName name, std::initializer_list<ColumnDef> columns) {
  TableDescriptor descriptor{name, {}, {}, {}, {"bucket"}, 1};
  auto add = [&descriptor](const ColumnDef& def) {
    descriptor.columns.push_back(ColumnSpec{def.name, def.dtype});
    (def.required ? descriptor.required : descriptor.nullable).insert(def.name);
  };
  add({"bucket", DType::I64, kReq});
  add({"tick", DType::I64, kReq});
  for (const ColumnDef& def : columns) add(def);
  return descriptor;
}

// One row per column, laid out as a table.
// clang-format off
std::vector<TableDescriptor> build_registry() {
  using D = DType;
  std::vector<TableDescriptor> tables;
  tables.push_back(make_descriptor(TableName::Exchange, {
      {"venue_id", D::Str, kReq},
      {"token_id", D::Str, kReq},
      {"exchange_event_type", D::Str, kReq},
      {"side", D::Str, kOpt},
      {"quantity", D::F64, kOpt},
      {"price", D::F64, kOpt},
      {"actor_agent_id", D::Str, kOpt},
      {"counterparty_agent_id", D::Str, kOpt},
      {"baseline_value", D::F64, kOpt},
      {"additional_payload", D::Struct, kReq},
  }));
  tables.push_back(make_descriptor(TableName::IdentityEdges, {
      {"observer_agent_id", D::Str, kReq},
      {"edge_kind", D::Str, kReq},
      {"subject_id", D::Str, kOpt},
      {"object_id", D::Str, kOpt},
      {"related_agent_id", D::Str, kOpt},
      {"token_id", D::Str, kOpt},
      {"edge_weight", D::F64, kReq},
      {"edge_sign", D::I64, kOpt},
  }));
  tables.push_back(make_descriptor(TableName::ScenariosSeen, {
      {"observer_agent_id", D::Str, kReq},
      {"token_id", D::Str, kOpt},
      {"owner_status", D::Str, kOpt},
      {"peer_alignment_label", D::Str, kOpt},
      {"group_label", D::Str, kOpt},
      {"visibility_scope", D::Str, kOpt},
      {"channel_name", D::Str, kOpt},
      {"salient_agent_pairs", D::ListStruct, kReq},
      {"exchange_snapshot", D::Struct, kReq},
      {"recent_affect_index", D::F64, kOpt},
      {"salient_other_agent_id", D::Str, kOpt},
      {"context_hash", D::Str, kReq},
  }));
  tables.push_back(make_descriptor(TableName::Messages, {
      {"sender_agent_id", D::Str, kReq},
      {"channel_name", D::Str, kReq},
      {"visibility_scope", D::Str, kReq},
      {"audience", D::Struct, kReq},
      {"speech_act", D::Str, kReq},
      {"topic_label", D::Str, kReq},
      {"stance_label", D::Str, kOpt},
      {"claims", D::Struct, kReq},
      {"style", D::Struct, kReq},
  }));
  tables.push_back(make_descriptor(TableName::Decisions, {
      {"agent_id", D::Str, kReq},
      {"chosen_action", D::Struct, kReq},
      {"action_candidates", D::ListStruct, kReq},
      {"token_value_estimates", D::Struct, kReq},
  }));
  tables.push_back(make_descriptor(TableName::OracleCalls, {
      {"agent_id", D::Str, kReq},
      {"engine", D::Str, kReq},
      {"signature_id", D::Str, kReq},
      {"persona_id", D::Str, kReq},
      {"persona_hash", D::Str, kReq},
      {"representation_hash", D::Str, kReq},
      {"context_hash", D::Str, kReq},
      {"value_json", D::Str, kReq},
      {"latency_ms", D::I64, kReq},
      {"cache_hit", D::I64, kReq},
      {"n_tool_calls", D::I64, kReq},
      {"tool_seq", D::Struct, kReq},
  }));
  tables.push_back(make_descriptor(TableName::Holdings, {
      {"agent_id", D::Str, kReq},
      {"token_id", D::Str, kReq},
      {"quantity", D::I64, kReq},
  }));
  tables.push_back(make_descriptor(TableName::HoldingsValuation, {
      {"agent_id", D::Str, kReq},
      {"token_id", D::Str, kReq},
      {"quantity", D::I64, kReq},
      {"avg_unit_cost", D::F64, kOpt},
      {"cost_value", D::F64, kOpt},
      {"mark_price", D::F64, kOpt},
      {"mark_value", D::F64, kOpt},
      {"realized_pnl", D::F64, kOpt},
      {"unrealized_pnl", D::F64, kOpt},
      {"price_source", D::Str, kOpt},
      {"accounting_method", D::Str, kOpt},
  }));
  return tables;
}
// clang-format on

}  // namespace

bool TableDescriptor::is_required(std::string_view column) const { return required.find(column) != required.end(); }

bool TableDescriptor::is_nullable(std::string_view column) const { return nullable.find(column) != nullable.end(); }

bool TableDescriptor::is_allowed(std::string_view column) const { return is_required(column) || is_nullable(column); }

const ColumnSpec* TableDescriptor::find_column(std::string_view column) const {
  for (const ColumnSpec& spec : columns) {
    if (spec.name == column) return &spec;
  }
  return nullptr;
}

std::optional<DType> TableDescriptor::dtype_of(std::string_view column) const {
  if (const ColumnSpec* spec = find_column(column)) return spec->dtype;
  return std::nullopt;
}

std::vector<std::string> TableDescriptor::column_names() const {
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (const ColumnSpec& spec : columns) names.push_back(spec.name);
  return names;
}

std::vector<std::string> TableDescriptor::allowed_columns() const {
  std::vector<std::string> names;
  for (const ColumnSpec& spec : columns) {
    if (is_allowed(spec.name)) names.push_back(spec.name);
  }
  return names;
}

const std::vector<TableDescriptor>& list_tables() {
  static const std::vector<TableDescriptor> registry = build_registry();
  return registry;
}

const TableDescriptor& get_table(TableName table) {
  for (const TableDescriptor& descriptor : list_tables()) {
    if (descriptor.name == table) return descriptor;
  }
  throw CoreError("no descriptor for table '" + std::string(to_string(table)) + "'");
}

const TableDescriptor& get_table(std::string_view table) { return get_table(parse_table_name(table)); }

}  // namespace crv::core
