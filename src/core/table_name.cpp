#include "crv/core/table_name.hpp"

#include <string>

#include "core/enum_names.hpp"
#include "crv/core/error.hpp"

namespace crv::core {
namespace {

constexpr std::array<TableName, kTableCount> kAllTables = {
    TableName::Exchange,  TableName::IdentityEdges, TableName::ScenariosSeen, TableName::Messages,
    TableName::Decisions, TableName::OracleCalls,   TableName::Holdings,      TableName::HoldingsValuation,
};

}  // namespace

std::string_view to_string(TableName table) {
  switch (table) {
    case TableName::Exchange: return "exchange";
    case TableName::IdentityEdges: return "identity_edges";
    case TableName::ScenariosSeen: return "scenarios_seen";
    case TableName::Messages: return "messages";
    case TableName::Decisions: return "decisions";
    case TableName::OracleCalls: return "oracle_calls";
    case TableName::Holdings: return "holdings";
    case TableName::HoldingsValuation: return "holdings_valuation";
  }
  throw CoreError("invalid TableName value " + std::to_string(static_cast<int>(table)));
}

std::optional<TableName> try_parse_table_name(std::string_view name) { return detail::find_by_name(kAllTables, name); }

TableName parse_table_name(std::string_view name) {
  if (auto table = try_parse_table_name(name)) return *table;
  throw CoreError("unknown table name '" + std::string(name) + "'; valid names: " + detail::joined_names(kAllTables));
}

const std::array<TableName, kTableCount>& all_table_names() { return kAllTables; }

}  // namespace crv::core
