// RowWriter: rows set by column name or handle against the table's descriptor, every misuse
// an error naming the column, and a round trip through Dataset::append and read.

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "crv/frame/json.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/row_writer.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

/// The message of `call`'s exception of type E, or "" when it throws none.
template <class E, class Call>
std::string message_of(Call call) {
  try {
    call();
  } catch (const E& e) {
    return e.what();
  }
  return "";
}

#define EXPECT_HAS(text, part) EXPECT_NE(std::string(text).find(part), std::string::npos) << (text)

TEST(RowWriter, RoundTripsThroughAppendAndRead) {
  TempRoot root;
  Dataset ds(root.settings(), "20250101-000000");
  RowWriter w = ds.row_writer(kEdges);
  const ColumnHandle weight = w.column("edge_weight");
  for (std::int64_t tick = 0; tick < 3; ++tick) {
    w.tick(tick * 100);
    for (int agent = 0; agent < 2; ++agent) {
      w.set("observer_agent_id", "agent_" + std::to_string(agent)).set("edge_kind", "self_to_object");
      w.set(weight, 0.25 * agent);
      if (agent == 1) w.set("subject_id", "agent_0").set("edge_sign", 1);
      w.end_row();
    }
  }
  EXPECT_EQ(w.num_rows(), 6);
  const AppendSummary summary = w.append_to(ds);
  EXPECT_EQ(summary.rows, 6);
  EXPECT_EQ(w.num_rows(), 0);

  const frame::Frame read = ds.read(kEdges);
  ASSERT_EQ(read.num_rows(), 6);
  EXPECT_EQ(read.column("tick").value<std::int64_t>(5), 200);
  EXPECT_EQ(read.column("observer_agent_id").string_value(1), "agent_1");
  EXPECT_EQ(read.column("edge_weight").value<double>(1), 0.25);
  EXPECT_TRUE(read.column("subject_id").is_null(0));
  EXPECT_EQ(read.column("subject_id").string_value(1), "agent_0");
  EXPECT_EQ(read.column("edge_sign").value<std::int64_t>(1), 1);
  EXPECT_TRUE(read.column("edge_sign").is_null(2));
}

TEST(RowWriter, TheFrameHasTheDescriptorsTypesInItsOrder) {
  RowWriter w(kEdges);
  w.tick(7).set("observer_agent_id", "a").set("edge_kind", "self_to_object").set("edge_weight", 1);  // int: exact
  w.end_row();
  const frame::Frame f = w.take();
  ASSERT_EQ(f.num_rows(), 1);
  EXPECT_EQ(f.schema()[0].name, "tick");
  EXPECT_EQ(f.column("tick").value<std::int64_t>(0), 7);
  EXPECT_EQ(f.column("edge_weight").type()->to_string(), "f64");
  EXPECT_FALSE(f.has_column("bucket"));
}

TEST(RowWriter, AnUnknownColumnIsNamedWithTheClosestOne) {
  RowWriter w(kEdges);
  const std::string error = message_of<IoSchemaError>([&] { w.set("edge_wieght", 0.3); });
  EXPECT_HAS(error, "table 'identity_edges' has no column 'edge_wieght' (did you mean 'edge_weight'?)");
  EXPECT_HAS(error, "its columns: tick, observer_agent_id");
  EXPECT_HAS(message_of<IoArgumentError>([&] { w.column("bucket"); }), "computed from tick");
}

TEST(RowWriter, AValueOfAnotherTypeIsRefusedNamingTheColumn) {
  RowWriter w(kEdges);
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.set("tick", 0.5); }),
             "column 'tick' is i64, not a floating-point number (0.5)");
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.set("edge_weight", "heavy"); }), "column 'edge_weight' is f64");
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.set("observer_agent_id", 3); }),
             "column 'observer_agent_id' is str, not an integer (3)");
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.set("edge_weight", std::int64_t{9007199254740993}); }),
             "not exact in a double");
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.set("tick", std::uint64_t{18446744073709551615u}); }), "beyond i64");
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.set_json("tick", nlohmann::json::array()); }),
             "column 'tick' is i64, not JSON array");
  // Nothing was set by the refused calls: the row can still be completed.
  w.tick(0).set("observer_agent_id", "a").set("edge_kind", "self_to_object").set("edge_weight", 0.1);
  w.end_row();
  EXPECT_EQ(w.num_rows(), 1);
}

TEST(RowWriter, AMissingRequiredValueNamesTheColumnAndLeavesTheRowOpen) {
  RowWriter w(kEdges);
  w.set("observer_agent_id", "a").set("edge_weight", 0.1);
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.end_row(); }),
             "row 0: required column 'tick' is not set (set it, or give every row's tick with tick())");
  w.tick(3);
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.end_row(); }), "required column 'edge_kind' is not set");
  EXPECT_HAS(message_of<IoArgumentError>([&] { w.take(); }), "row 0 has values set but was not ended");
  w.set("edge_kind", "self_to_object");
  w.end_row();
  EXPECT_EQ(w.take().num_rows(), 1);
}

TEST(RowWriter, AValueSetTwiceInARowIsRefused) {
  RowWriter w(kEdges);
  w.set("edge_weight", 0.1);
  EXPECT_HAS(message_of<IoArgumentError>([&] { w.set("edge_weight", 0.2); }),
             "column 'edge_weight' is set twice in row 0; call end_row()");
  EXPECT_HAS(message_of<IoArgumentError>([&] { w.set(w.column("edge_weight"), std::nullopt); }), "set twice");
}

TEST(RowWriter, NestedColumnsTakeJson) {
  TempRoot root;
  Dataset ds(root.settings(), "20250101-000000");
  RowWriter w = ds.row_writer(core::TableName::Exchange);
  for (int k = 0; k < 2; ++k) {
    w.tick(k).set("venue_id", "v").set("token_id", "T").set("exchange_event_type", "trade");
    w.set_json("additional_payload", k == 0 ? nlohmann::json{{"legs", 2}} : nlohmann::json{{"venue", "x"}});
    w.end_row();
  }
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.set_json("additional_payload", nlohmann::json::array()); }),
             "column 'additional_payload' is struct, not JSON array");
  w.append_to(ds);
  const frame::Frame read = ds.read(core::TableName::Exchange);
  ASSERT_EQ(read.num_rows(), 2);
  EXPECT_EQ(frame::value_to_json(read.column("additional_payload"), 0),
            nlohmann::ordered_json::parse(R"({"legs":2,"venue":null})"));
  EXPECT_EQ(frame::value_to_json(read.column("additional_payload"), 1),
            nlohmann::ordered_json::parse(R"({"legs":null,"venue":"x"})"));

  // A nested column no row gave a value has no struct type to infer: it is left out.
  RowWriter nulls = ds.row_writer(core::TableName::Exchange);
  nulls.tick(5).set("venue_id", "v").set("token_id", "T").set("exchange_event_type", "trade");
  nulls.set("additional_payload", std::nullopt).end_row();
  EXPECT_FALSE(nulls.take().has_column("additional_payload"));
}

TEST(RowWriter, ANullInARequiredColumnIsTheAppendsError) {
  TempRoot root;
  Dataset ds(root.settings(), "20250101-000000");
  RowWriter w = ds.row_writer(kEdges);
  w.tick(0).set("observer_agent_id", std::nullopt).set("edge_kind", "self_to_object").set("edge_weight", 0.5);
  w.end_row();
  EXPECT_HAS(message_of<IoSchemaError>([&] { w.append_to(ds); }), "column 'observer_agent_id': required column holds");
}

}  // namespace
}  // namespace crv::io
