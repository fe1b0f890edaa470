#pragma once
/// @file
/// The closed vocabularies of REFERENCE.md section 1, serialized lower_snake.

#include <optional>
#include <span>
#include <string_view>

#include "crv/export.hpp"

namespace crv::core {

/// identity_edges.edge_kind values.
CRV_IO_EXPORT std::span<const std::string_view> edge_kinds();
CRV_IO_EXPORT bool is_edge_kind(std::string_view value);  ///< whether `value` is one of edge_kinds()

/// The identity_edges slot columns (subject_id, object_id, related_agent_id, token_id).
CRV_IO_EXPORT std::span<const std::string_view> identity_edge_slots();

/// The identity_edges slots that must be non-null for an edge kind (possibly none);
/// nullopt when `edge_kind` is not an edge kind.
CRV_IO_EXPORT std::optional<std::span<const std::string_view>> required_slots_for_edge_kind(std::string_view edge_kind);

/// exchange.exchange_event_type values.
CRV_IO_EXPORT std::span<const std::string_view> exchange_event_types();
/// Whether `value` is one of exchange_event_types().
CRV_IO_EXPORT bool is_exchange_event_type(std::string_view value);

/// exchange.side values.
CRV_IO_EXPORT std::span<const std::string_view> sides();
CRV_IO_EXPORT bool is_side(std::string_view value);  ///< whether `value` is one of sides()

/// visibility_scope values (messages, scenarios_seen).
CRV_IO_EXPORT std::span<const std::string_view> visibility_scopes();
CRV_IO_EXPORT bool is_visibility_scope(std::string_view value);  ///< whether `value` is one of visibility_scopes()

}  // namespace crv::core
