#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "crv/core/constants.hpp"
#include "crv/core/error.hpp"
#include "crv/core/table_descriptor.hpp"

namespace crv::core {
namespace {

using Names = std::vector<std::string>;
using NameSet = std::set<std::string, std::less<>>;

struct Expected {
  TableName table;
  Names columns;
  NameSet required;
  NameSet nullable;
};

// REFERENCE.md section 1, column order included.
const std::vector<Expected>& expected_tables() {
  static const std::vector<Expected> tables = {
      {TableName::Exchange,
       {"bucket", "tick", "venue_id", "token_id", "exchange_event_type", "side", "quantity", "price", "actor_agent_id",
        "counterparty_agent_id", "baseline_value", "additional_payload"},
       {"bucket", "tick", "venue_id", "token_id", "exchange_event_type", "additional_payload"},
       {"side", "quantity", "price", "actor_agent_id", "counterparty_agent_id", "baseline_value"}},
      {TableName::IdentityEdges,
       {"bucket", "tick", "observer_agent_id", "edge_kind", "subject_id", "object_id", "related_agent_id", "token_id",
        "edge_weight", "edge_sign"},
       {"bucket", "tick", "observer_agent_id", "edge_kind", "edge_weight"},
       {"subject_id", "object_id", "related_agent_id", "token_id", "edge_sign"}},
      {TableName::ScenariosSeen,
       {"bucket", "tick", "observer_agent_id", "token_id", "owner_status", "peer_alignment_label", "group_label",
        "visibility_scope", "channel_name", "salient_agent_pairs", "exchange_snapshot", "recent_affect_index",
        "salient_other_agent_id", "context_hash"},
       {"bucket", "tick", "observer_agent_id", "context_hash", "salient_agent_pairs", "exchange_snapshot"},
       {"token_id", "owner_status", "peer_alignment_label", "group_label", "visibility_scope", "channel_name",
        "recent_affect_index", "salient_other_agent_id"}},
      {TableName::Messages,
       {"bucket", "tick", "sender_agent_id", "channel_name", "visibility_scope", "audience", "speech_act",
        "topic_label", "stance_label", "claims", "style"},
       {"bucket", "tick", "sender_agent_id", "channel_name", "visibility_scope", "audience", "speech_act",
        "topic_label", "claims", "style"},
       {"stance_label"}},
      {TableName::Decisions,
       {"bucket", "tick", "agent_id", "chosen_action", "action_candidates", "token_value_estimates"},
       {"bucket", "tick", "agent_id", "chosen_action", "action_candidates", "token_value_estimates"},
       {}},
      {TableName::OracleCalls,
       {"bucket", "tick", "agent_id", "engine", "signature_id", "persona_id", "persona_hash", "representation_hash",
        "context_hash", "value_json", "latency_ms", "cache_hit", "n_tool_calls", "tool_seq"},
       {"bucket", "tick", "agent_id", "engine", "signature_id", "persona_id", "persona_hash", "representation_hash",
        "context_hash", "value_json", "latency_ms", "cache_hit", "n_tool_calls", "tool_seq"},
       {}},
      {TableName::Holdings,
       {"bucket", "tick", "agent_id", "token_id", "quantity"},
       {"bucket", "tick", "agent_id", "token_id", "quantity"},
       {}},
      {TableName::HoldingsValuation,
       {"bucket", "tick", "agent_id", "token_id", "quantity", "avg_unit_cost", "cost_value", "mark_price", "mark_value",
        "realized_pnl", "unrealized_pnl", "price_source", "accounting_method"},
       {"bucket", "tick", "agent_id", "token_id", "quantity"},
       {"avg_unit_cost", "cost_value", "mark_price", "mark_value", "realized_pnl", "unrealized_pnl", "price_source",
        "accounting_method"}},
  };
  return tables;
}

TEST(TableDescriptor, EveryDescriptorMatchesTheReference) {
  ASSERT_EQ(list_tables().size(), expected_tables().size());
  for (const Expected& expected : expected_tables()) {
    const TableDescriptor& descriptor = get_table(expected.table);
    SCOPED_TRACE(std::string(to_string(expected.table)));
    EXPECT_EQ(descriptor.name, expected.table);
    EXPECT_EQ(descriptor.column_names(), expected.columns);
    EXPECT_EQ(descriptor.required, expected.required);
    EXPECT_EQ(descriptor.nullable, expected.nullable);
    EXPECT_EQ(descriptor.partitioning, Names{"bucket"});
    EXPECT_EQ(descriptor.version, 1);
    EXPECT_EQ(descriptor.allowed_columns(), expected.columns);
  }
}

TEST(TableDescriptor, RegistryOrderFollowsAllTableNames) {
  for (std::size_t i = 0; i < all_table_names().size(); ++i) {
    EXPECT_EQ(list_tables()[i].name, all_table_names()[i]);
  }
}

TEST(TableDescriptor, Dtypes) {
  const TableDescriptor& exchange = get_table(TableName::Exchange);
  EXPECT_EQ(exchange.dtype_of("bucket"), DType::I64);
  EXPECT_EQ(exchange.dtype_of("tick"), DType::I64);
  EXPECT_EQ(exchange.dtype_of("venue_id"), DType::Str);
  EXPECT_EQ(exchange.dtype_of("quantity"), DType::F64);
  EXPECT_EQ(exchange.dtype_of("additional_payload"), DType::Struct);
  EXPECT_EQ(exchange.dtype_of("nope"), std::nullopt);

  const TableDescriptor& scenarios = get_table("scenarios_seen");
  EXPECT_EQ(scenarios.dtype_of("salient_agent_pairs"), DType::ListStruct);
  EXPECT_EQ(scenarios.dtype_of("exchange_snapshot"), DType::Struct);
  EXPECT_EQ(scenarios.dtype_of("recent_affect_index"), DType::F64);

  EXPECT_EQ(get_table(TableName::IdentityEdges).dtype_of("edge_sign"), DType::I64);
  EXPECT_EQ(get_table(TableName::IdentityEdges).dtype_of("edge_weight"), DType::F64);
  EXPECT_EQ(get_table(TableName::Decisions).dtype_of("action_candidates"), DType::ListStruct);
  const TableDescriptor& oracle = get_table(TableName::OracleCalls);
  for (const char* column : {"latency_ms", "cache_hit", "n_tool_calls"}) {
    EXPECT_EQ(oracle.dtype_of(column), DType::I64) << column;
  }
  EXPECT_EQ(oracle.dtype_of("tool_seq"), DType::Struct);
  EXPECT_EQ(get_table(TableName::Holdings).dtype_of("quantity"), DType::I64);
  EXPECT_EQ(get_table(TableName::HoldingsValuation).dtype_of("mark_price"), DType::F64);
  EXPECT_EQ(get_table(TableName::HoldingsValuation).dtype_of("price_source"), DType::Str);
}

TEST(TableDescriptor, RequiredAndNullableHelpers) {
  const TableDescriptor& edges = get_table(TableName::IdentityEdges);
  EXPECT_TRUE(edges.is_required("tick"));
  EXPECT_TRUE(edges.is_required("edge_kind"));
  EXPECT_FALSE(edges.is_nullable("edge_kind"));
  EXPECT_TRUE(edges.is_nullable("subject_id"));
  EXPECT_FALSE(edges.is_required("subject_id"));
  EXPECT_TRUE(edges.is_allowed("subject_id"));
  EXPECT_FALSE(edges.is_allowed("extra"));
  ASSERT_NE(edges.find_column("edge_weight"), nullptr);
  EXPECT_EQ(edges.find_column("edge_weight")->dtype, DType::F64);
  EXPECT_EQ(edges.find_column("missing"), nullptr);
}

TEST(TableDescriptor, RequiredAndNullableAreDisjointAndCoverTheColumns) {
  for (const TableDescriptor& descriptor : list_tables()) {
    for (const ColumnSpec& column : descriptor.columns) {
      EXPECT_NE(descriptor.is_required(column.name), descriptor.is_nullable(column.name)) << column.name;
    }
    EXPECT_EQ(descriptor.required.size() + descriptor.nullable.size(), descriptor.columns.size());
  }
}

TEST(TableDescriptor, UnknownTableByNameIsCoreError) {
  EXPECT_THROW(get_table("nope"), CoreError);
  EXPECT_EQ(get_table("holdings").name, TableName::Holdings);
}

TEST(Constants, MatchTheReference) {
  EXPECT_EQ(TICK_BUCKET_SIZE, 100);
  EXPECT_EQ(ROW_GROUP_SIZE, 131072);
  EXPECT_EQ(COMPRESSION, "zstd");
}

}  // namespace
}  // namespace crv::core
