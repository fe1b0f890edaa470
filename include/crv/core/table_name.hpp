#pragma once
// The eight canonical CRV tables.

#include <array>
#include <optional>
#include <string_view>

#include "crv/export.hpp"

namespace crv::core {

enum class TableName {
  Exchange,
  IdentityEdges,
  ScenariosSeen,
  Messages,
  Decisions,
  OracleCalls,
  Holdings,
  HoldingsValuation,
};

inline constexpr std::size_t kTableCount = 8;

/// The lower_snake name of a table, as used on disk ("identity_edges").
CRV_IO_EXPORT std::string_view to_string(TableName table);

/// Parses a lower_snake table name. Throws CoreError listing the valid names.
CRV_IO_EXPORT TableName parse_table_name(std::string_view name);

/// Parses a lower_snake table name; nullopt when it names no canonical table.
CRV_IO_EXPORT std::optional<TableName> try_parse_table_name(std::string_view name);

/// Every canonical table, in the reference's order.
CRV_IO_EXPORT const std::array<TableName, kTableCount>& all_table_names();

}  // namespace crv::core
