// All eight canonical tables round-trip through append and read, struct and
// list-of-struct columns included.

#include <gtest/gtest.h>

#include <sstream>

#include "crv/core/table_descriptor.hpp"
#include "crv/frame/json.hpp"
#include "crv/io/dataset.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using nlohmann::json;
using testing::TempRoot;

/// Two rows per table (ticks 5 and 130: two buckets), every descriptor column but bucket.
std::vector<json> rows_of(core::TableName table) {
  switch (table) {
    case core::TableName::Exchange:
      return {
          json::parse(
              R"({"tick":5,"venue_id":"v","token_id":"T","exchange_event_type":"trade","side":"buy","quantity":2.5,"price":10.0,"actor_agent_id":"A","counterparty_agent_id":"B","baseline_value":9.5,"additional_payload":{"legs":1,"note":"x"}})"),
          json::parse(
              R"({"tick":130,"venue_id":"v","token_id":"T","exchange_event_type":"gift","side":null,"quantity":null,"price":null,"actor_agent_id":"A","counterparty_agent_id":null,"baseline_value":null,"additional_payload":{"legs":2,"note":null}})")};
    case core::TableName::IdentityEdges:
      return {
          json::parse(
              R"({"tick":5,"observer_agent_id":"A","edge_kind":"agent_to_agent","subject_id":"B","object_id":"C","related_agent_id":null,"token_id":null,"edge_weight":0.5,"edge_sign":1})"),
          json::parse(
              R"({"tick":130,"observer_agent_id":"A","edge_kind":"self_to_positive_valence","subject_id":null,"object_id":null,"related_agent_id":null,"token_id":null,"edge_weight":-0.25,"edge_sign":-1})")};
    case core::TableName::ScenariosSeen:
      return {
          json::parse(
              R"({"tick":5,"observer_agent_id":"A","token_id":"T","owner_status":"owner","peer_alignment_label":"ally","group_label":"g","visibility_scope":"public","channel_name":"c","salient_agent_pairs":[{"a":"A","b":"B","w":0.5},{"a":"B","b":"C","w":1.5}],"exchange_snapshot":{"price":10.0,"volume":3},"recent_affect_index":0.1,"salient_other_agent_id":"B","context_hash":"h1"})"),
          json::parse(
              R"({"tick":130,"observer_agent_id":"B","token_id":null,"owner_status":null,"peer_alignment_label":null,"group_label":null,"visibility_scope":"dm","channel_name":null,"salient_agent_pairs":[],"exchange_snapshot":{"price":11.0,"volume":4},"recent_affect_index":null,"salient_other_agent_id":null,"context_hash":"h2"})")};
    case core::TableName::Messages:
      return {
          json::parse(
              R"({"tick":5,"sender_agent_id":"A","channel_name":"c","visibility_scope":"group","audience":{"kind":"group","size":3},"speech_act":"claim","topic_label":"t","stance_label":"pro","claims":{"n":1,"text":"x"},"style":{"tone":"calm"}})"),
          json::parse(
              R"({"tick":130,"sender_agent_id":"B","channel_name":"c","visibility_scope":"room","audience":{"kind":"room","size":9},"speech_act":"ask","topic_label":"t","stance_label":null,"claims":{"n":0,"text":null},"style":{"tone":"loud"}})")};
    case core::TableName::Decisions:
      return {
          json::parse(
              R"({"tick":5,"agent_id":"A","chosen_action":{"kind":"buy","qty":1},"action_candidates":[{"kind":"buy","score":0.9},{"kind":"hold","score":0.1}],"token_value_estimates":{"T":10.5}})"),
          json::parse(
              R"({"tick":130,"agent_id":"B","chosen_action":{"kind":"hold","qty":0},"action_candidates":[{"kind":"hold","score":1.0}],"token_value_estimates":{"T":9.0}})")};
    case core::TableName::OracleCalls:
      return {
          json::parse(
              R"({"tick":5,"agent_id":"A","engine":"e","signature_id":"s","persona_id":"p","persona_hash":"ph","representation_hash":"rh","context_hash":"ch","value_json":"{}","latency_ms":12,"cache_hit":0,"n_tool_calls":2,"tool_seq":{"first":"search","count":2}})"),
          json::parse(
              R"({"tick":130,"agent_id":"B","engine":"e","signature_id":"s","persona_id":"p","persona_hash":"ph","representation_hash":"rh","context_hash":"ch","value_json":"[1]","latency_ms":3,"cache_hit":1,"n_tool_calls":0,"tool_seq":{"first":null,"count":0}})")};
    case core::TableName::Holdings:
      return {json::parse(R"({"tick":5,"agent_id":"A","token_id":"T","quantity":3})"),
              json::parse(R"({"tick":130,"agent_id":"A","token_id":"T","quantity":4})")};
    case core::TableName::HoldingsValuation:
      return {
          json::parse(
              R"({"tick":5,"agent_id":"A","token_id":"T","quantity":3,"avg_unit_cost":1.5,"cost_value":4.5,"mark_price":2.0,"mark_value":6.0,"realized_pnl":0.0,"unrealized_pnl":1.5,"price_source":"last_trade","accounting_method":"wac"})"),
          json::parse(
              R"({"tick":130,"agent_id":"A","token_id":"T","quantity":4,"avg_unit_cost":null,"cost_value":null,"mark_price":null,"mark_value":null,"realized_pnl":null,"unrealized_pnl":null,"price_source":null,"accounting_method":null})")};
  }
  return {};
}

TEST(RoundTrip, AllEightTables) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_tables");
  AppendOptions options;
  options.validate_rows = true;
  for (core::TableName table : core::all_table_names()) {
    SCOPED_TRACE(std::string(core::to_string(table)));
    const std::vector<json> rows = rows_of(table);
    std::stringstream jsonl;
    for (const json& row : rows) jsonl << row.dump() << '\n';
    const frame::Frame input = frame::frame_from_jsonl(jsonl);
    const AppendSummary summary = dataset.append(table, input, options);
    EXPECT_EQ(summary.buckets, (std::vector<std::int64_t>{0, 1}));

    const frame::Frame output = dataset.read(table);
    ASSERT_EQ(output.num_rows(), 2);
    std::vector<std::string> expected_names{"bucket"};
    for (const core::ColumnSpec& spec : core::get_table(table).columns) {
      if (spec.name != "bucket") expected_names.push_back(spec.name);
    }
    EXPECT_EQ(output.names(), expected_names);
    EXPECT_EQ(testing::int_values(output.column("bucket")), (std::vector<std::int64_t>{0, 1}));
    for (std::size_t row = 0; row < rows.size(); ++row) {
      for (const auto& [key, value] : rows[row].items()) {
        const json actual = frame::value_to_json(output.column(key), static_cast<std::int64_t>(row));
        if (value.is_number()) {
          ASSERT_TRUE(actual.is_number()) << key;
          EXPECT_DOUBLE_EQ(actual.get<double>(), value.get<double>()) << key;
        } else {
          EXPECT_EQ(actual, value) << key << " row " << row;
        }
      }
    }
    // Reading the same rows again through batches gives the same frame.
    ScanBatchReader batches = dataset.scan(table).batches();
    std::int64_t batched = 0;
    while (auto batch = batches.next()) batched += batch->num_rows();
    EXPECT_EQ(batched, 2);
  }
}

}  // namespace
}  // namespace crv::io
