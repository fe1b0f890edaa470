#pragma once
/// @file
/// The eight canonical CRV tables.

#include <array>
#include <optional>
#include <string_view>

#include "crv/export.hpp"

namespace crv::core {

/// The canonical tables a simulation emits.
enum class TableName {
  Exchange,           ///< "exchange": a venue's events (exchange_event_type, side, quantity, price)
  IdentityEdges,      ///< "identity_edges": an observer agent's weighted edges (edge_kind, edge_weight)
  ScenariosSeen,      ///< "scenarios_seen"
  Messages,           ///< "messages"
  Decisions,          ///< "decisions"
  OracleCalls,        ///< "oracle_calls"
  Holdings,           ///< "holdings": an agent's quantity of a token
  HoldingsValuation,  ///< "holdings_valuation"
};

inline constexpr std::size_t kTableCount = 8;  ///< the number of TableName values

/// The lower_snake name of a table, as used on disk ("identity_edges").
CRV_IO_EXPORT std::string_view to_string(TableName table);

/// Parses a lower_snake table name. Throws CoreError listing the valid names.
CRV_IO_EXPORT TableName parse_table_name(std::string_view name);

/// Parses a lower_snake table name; nullopt when it names no canonical table.
CRV_IO_EXPORT std::optional<TableName> try_parse_table_name(std::string_view name);

/// Every canonical table, in the reference's order.
CRV_IO_EXPORT const std::array<TableName, kTableCount>& all_table_names();

}  // namespace crv::core
