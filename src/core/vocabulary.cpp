#include "crv/core/vocabulary.hpp"

#include <algorithm>
#include <array>

namespace crv::core {
namespace {

constexpr std::array<std::string_view, 12> kEdgeKinds = {
    "self_to_positive_valence",
    "self_to_negative_valence",
    "self_to_object",
    "self_to_agent",
    "agent_to_positive_valence",
    "agent_to_negative_valence",
    "agent_to_object",
    "agent_to_agent",
    "agent_pair_to_object",
    "object_to_positive_valence",
    "object_to_negative_valence",
    "object_to_object",
};

constexpr std::array<std::string_view, 4> kIdentityEdgeSlots = {"subject_id", "object_id", "related_agent_id",
                                                                "token_id"};

constexpr std::array<std::string_view, 2> kSubjectToken = {"subject_id", "token_id"};
constexpr std::array<std::string_view, 2> kSubjectObject = {"subject_id", "object_id"};
constexpr std::array<std::string_view, 1> kSubject = {"subject_id"};
constexpr std::array<std::string_view, 1> kToken = {"token_id"};
constexpr std::array<std::string_view, 3> kSubjectRelatedToken = {"subject_id", "related_agent_id", "token_id"};

struct EdgeKindSlots {
  std::string_view edge_kind;
  std::span<const std::string_view> slots;
};

constexpr std::array<EdgeKindSlots, 12> kRequiredSlots = {{
    {"self_to_positive_valence", {}},
    {"self_to_negative_valence", {}},
    {"self_to_object", kSubjectToken},
    {"self_to_agent", kSubjectObject},
    {"agent_to_positive_valence", kSubject},
    {"agent_to_negative_valence", kSubject},
    {"agent_to_object", kSubjectToken},
    {"agent_to_agent", kSubjectObject},
    {"agent_pair_to_object", kSubjectRelatedToken},
    {"object_to_positive_valence", kToken},
    {"object_to_negative_valence", kToken},
    {"object_to_object", kSubjectObject},
}};

constexpr std::array<std::string_view, 10> kExchangeEventTypes = {
    "trade",      "order_post",  "order_cancel", "swap",      "gift",
    "peer_offer", "peer_accept", "peer_reject",  "cast_vote", "vote_outcome",
};

constexpr std::array<std::string_view, 2> kSides = {"buy", "sell"};

constexpr std::array<std::string_view, 4> kVisibilityScopes = {"public", "group", "room", "dm"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

std::span<const std::string_view> edge_kinds() { return kEdgeKinds; }
bool is_edge_kind(std::string_view value) { return contains(kEdgeKinds, value); }

std::span<const std::string_view> identity_edge_slots() { return kIdentityEdgeSlots; }

std::optional<std::span<const std::string_view>> required_slots_for_edge_kind(std::string_view edge_kind) {
  for (const EdgeKindSlots& entry : kRequiredSlots) {
    if (entry.edge_kind == edge_kind) return entry.slots;
  }
  return std::nullopt;
}

std::span<const std::string_view> exchange_event_types() { return kExchangeEventTypes; }
bool is_exchange_event_type(std::string_view value) { return contains(kExchangeEventTypes, value); }

std::span<const std::string_view> sides() { return kSides; }
bool is_side(std::string_view value) { return contains(kSides, value); }

std::span<const std::string_view> visibility_scopes() { return kVisibilityScopes; }
bool is_visibility_scope(std::string_view value) { return contains(kVisibilityScopes, value); }

}  // namespace crv::core
