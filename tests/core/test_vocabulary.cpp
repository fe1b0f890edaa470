#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crv/core/vocabulary.hpp"

namespace crv::core {
namespace {

std::vector<std::string> strings(std::span<const std::string_view> values) { return {values.begin(), values.end()}; }

TEST(Vocabulary, EdgeKinds) {
  EXPECT_EQ(edge_kinds().size(), 12u);
  EXPECT_TRUE(is_edge_kind("agent_pair_to_object"));
  EXPECT_TRUE(is_edge_kind("self_to_positive_valence"));
  EXPECT_FALSE(is_edge_kind("agent_to_self"));
  EXPECT_FALSE(is_edge_kind("Agent_To_Agent"));
}

TEST(Vocabulary, RequiredSlotsPerEdgeKind) {
  using V = std::vector<std::string>;
  const auto slots = [](std::string_view kind) {
    const auto found = required_slots_for_edge_kind(kind);
    EXPECT_TRUE(found.has_value()) << kind;
    return found ? strings(*found) : V{};
  };
  EXPECT_EQ(slots("self_to_positive_valence"), V{});
  EXPECT_EQ(slots("self_to_negative_valence"), V{});
  EXPECT_EQ(slots("self_to_object"), (V{"subject_id", "token_id"}));
  EXPECT_EQ(slots("self_to_agent"), (V{"subject_id", "object_id"}));
  EXPECT_EQ(slots("agent_to_positive_valence"), V{"subject_id"});
  EXPECT_EQ(slots("agent_to_negative_valence"), V{"subject_id"});
  EXPECT_EQ(slots("agent_to_object"), (V{"subject_id", "token_id"}));
  EXPECT_EQ(slots("agent_to_agent"), (V{"subject_id", "object_id"}));
  EXPECT_EQ(slots("agent_pair_to_object"), (V{"subject_id", "related_agent_id", "token_id"}));
  EXPECT_EQ(slots("object_to_positive_valence"), V{"token_id"});
  EXPECT_EQ(slots("object_to_negative_valence"), V{"token_id"});
  EXPECT_EQ(slots("object_to_object"), (V{"subject_id", "object_id"}));
  EXPECT_FALSE(required_slots_for_edge_kind("unknown").has_value());
  for (std::string_view kind : edge_kinds()) EXPECT_TRUE(required_slots_for_edge_kind(kind)) << kind;
  EXPECT_EQ(strings(identity_edge_slots()), (V{"subject_id", "object_id", "related_agent_id", "token_id"}));
}

TEST(Vocabulary, ExchangeEventTypesAndSides) {
  EXPECT_EQ(strings(exchange_event_types()),
            (std::vector<std::string>{"trade", "order_post", "order_cancel", "swap", "gift", "peer_offer",
                                      "peer_accept", "peer_reject", "cast_vote", "vote_outcome"}));
  EXPECT_TRUE(is_exchange_event_type("swap"));
  EXPECT_FALSE(is_exchange_event_type("buy"));
  EXPECT_EQ(strings(sides()), (std::vector<std::string>{"buy", "sell"}));
  EXPECT_TRUE(is_side("sell"));
  EXPECT_FALSE(is_side("hold"));
}

TEST(Vocabulary, VisibilityScopes) {
  EXPECT_EQ(strings(visibility_scopes()), (std::vector<std::string>{"public", "group", "room", "dm"}));
  EXPECT_TRUE(is_visibility_scope("dm"));
  EXPECT_FALSE(is_visibility_scope("private"));
}

}  // namespace
}  // namespace crv::core
