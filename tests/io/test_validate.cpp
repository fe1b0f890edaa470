#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crv/core/table_descriptor.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/validate.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using ::testing::HasSubstr;
using testing::quickstart_edges;

const core::TableDescriptor& edges() { return core::get_table(core::TableName::IdentityEdges); }

std::string schema_error(const frame::Frame& frame, bool strict = true) {
  try {
    validate_frame(edges(), frame, strict);
  } catch (const IoSchemaError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ValidateFrame, ConformsToDescriptorOrderWithoutBucket) {
  const frame::Frame input{
      {"edge_weight", frame::Column::from<double>({0.5})},
      {"edge_kind", frame::Column::from<std::string>({"self_to_object"})},
      {"observer_agent_id", frame::Column::from<std::string>({"A0"})},
      {"bucket", frame::Column::from<std::int64_t>({99})},
      {"tick", frame::Column::from<std::int64_t>({3})},
  };
  const frame::Frame out = validate_frame(edges(), input, true);
  EXPECT_EQ(out.names(), (std::vector<std::string>{"tick", "observer_agent_id", "edge_kind", "edge_weight"}));
}

TEST(ValidateFrame, StrictRejectsExtraColumns) {
  const frame::Frame input =
      quickstart_edges().with_column("mood", frame::Column::from<std::string>({"a", "b", "c", "d"}));
  const std::string message = schema_error(input);
  EXPECT_THAT(message, HasSubstr("mood"));
  EXPECT_THAT(message, HasSubstr("strict"));
}

TEST(ValidateFrame, NonStrictKeepsExtrasAfterDescriptorColumns) {
  const frame::Frame input =
      quickstart_edges().with_column("mood", frame::Column::from<std::string>({"a", "b", "c", "d"}));
  const frame::Frame out = validate_frame(edges(), input, false);
  EXPECT_EQ(out.names().back(), "mood");
  EXPECT_EQ(out.num_rows(), 4);
}

TEST(ValidateFrame, MissingRequiredColumnsAreNamed) {
  const frame::Frame input = quickstart_edges().drop("edge_weight").drop("edge_kind");
  const std::string message = schema_error(input);
  EXPECT_THAT(message, HasSubstr("edge_kind"));
  EXPECT_THAT(message, HasSubstr("edge_weight"));
  EXPECT_THAT(message, HasSubstr("missing required"));
}

TEST(ValidateFrame, IntegerEdgeWeightIsCastToF64) {
  const frame::Frame input =
      quickstart_edges().with_column("edge_weight", frame::Column::from<std::int64_t>({0, 1, 2, 3}));
  const frame::Frame out = validate_frame(edges(), input, true);
  const frame::Column& weight = out.column("edge_weight");
  ASSERT_EQ(weight.type_id(), frame::TypeId::Float64);
  EXPECT_DOUBLE_EQ(weight.value<double>(3), 3.0);
}

TEST(ValidateFrame, Int32TickAndBoolAreWidenedToI64) {
  const frame::Frame input = quickstart_edges()
                                 .with_column("tick", frame::Column::from<std::int32_t>({0, 1, 2, 101}))
                                 .with_column("edge_sign", frame::Column::from<bool>({true, false, true, false}));
  const frame::Frame out = validate_frame(edges(), input, true);
  EXPECT_EQ(out.column("tick").type_id(), frame::TypeId::Int64);
  EXPECT_EQ(out.column("edge_sign").type_id(), frame::TypeId::Int64);
  EXPECT_EQ(out.column("edge_sign").value<std::int64_t>(0), 1);
}

TEST(ValidateFrame, IntegersAreCastToStrAsTheirDecimalText) {
  // Lossless (the text parses back to the same integer), as Polars casts; without the cast
  // the frame was refused with "no lossless cast from i64 to str".
  const frame::Frame input = quickstart_edges().with_column(
      "observer_agent_id", frame::Column::from<std::int64_t>({7, -12, 0, 9007199254740993}));
  const frame::Frame out = validate_frame(edges(), input, true);
  const frame::Column& ids = out.column("observer_agent_id");
  ASSERT_EQ(ids.type_id(), frame::TypeId::String);
  EXPECT_EQ(ids.string_value(0), "7");
  EXPECT_EQ(ids.string_value(1), "-12");
  EXPECT_EQ(ids.string_value(3), "9007199254740993");
}

TEST(ValidateFrame, LossyCastNamesColumnTypesAndRow) {
  const frame::Frame input =
      quickstart_edges().with_column("edge_sign", frame::Column::from<double>({1.0, -1.0, 0.5, 1.0}));
  const std::string message = schema_error(input);
  EXPECT_THAT(message, HasSubstr("edge_sign"));
  EXPECT_THAT(message, HasSubstr("f64"));
  EXPECT_THAT(message, HasSubstr("i64"));
  EXPECT_THAT(message, HasSubstr("row 2"));
}

TEST(ValidateFrame, StringToNumberIsNotASafeCast) {
  const frame::Frame input =
      quickstart_edges().with_column("edge_weight", frame::Column::from<std::string>({"0.1", "0.2", "0.3", "0.4"}));
  const std::string message = schema_error(input);
  EXPECT_THAT(message, HasSubstr("edge_weight"));
  EXPECT_THAT(message, HasSubstr("expected f64, got str"));
  EXPECT_THAT(message, HasSubstr("row 0"));
}

TEST(ValidateFrame, RequiredColumnsHoldNoNulls) {
  const frame::Frame input = quickstart_edges().with_column(
      "observer_agent_id", frame::Column::from<std::string>({"A0", "A1", std::nullopt, "A3"}));
  const std::string message = schema_error(input);
  EXPECT_THAT(message, HasSubstr("observer_agent_id"));
  EXPECT_THAT(message, HasSubstr("row 2"));
}

TEST(ValidateFrame, AllNullNullableColumnOfAnyTypeBecomesTyped) {
  const frame::Frame input = quickstart_edges().with_column("edge_sign", frame::Column::nulls(frame::utf8(), 4));
  const frame::Frame out = validate_frame(edges(), input, true);
  EXPECT_EQ(out.column("edge_sign").type_id(), frame::TypeId::Int64);
  EXPECT_EQ(out.column("edge_sign").null_count(), 4);
}

TEST(ValidateFrame, StructColumnMustBeAStruct) {
  const frame::Frame input{
      {"tick", frame::Column::from<std::int64_t>({1})},
      {"agent_id", frame::Column::from<std::string>({"A"})},
      {"chosen_action", frame::Column::from<std::string>({"buy"})},
      {"action_candidates",
       frame::Column::list_of({0, 0}, frame::Column::nulls(frame::struct_({{"a", frame::int64(), true}}), 0))},
      {"token_value_estimates", frame::Column::struct_of({{"x", frame::Column::from<double>({1.0})}})},
  };
  try {
    validate_frame(core::get_table(core::TableName::Decisions), input, true);
    FAIL() << "expected IoSchemaError";
  } catch (const IoSchemaError& error) {
    EXPECT_THAT(error.what(), HasSubstr("chosen_action"));
    EXPECT_THAT(error.what(), HasSubstr("expected struct"));
  }
}

TEST(ValidateRows, IdentityEdgeSlotsAndVocabulary) {
  const frame::Frame good =
      validate_frame(edges(),
                     quickstart_edges()
                         .with_column("subject_id", frame::Column::from<std::string>({"A0", "A1", "A2", "A0"}))
                         .with_column("token_id", frame::Column::from<std::string>({"T", "T", "T", "T"})),
                     true);
  EXPECT_NO_THROW(validate_rows(edges(), good));

  const frame::Frame missing_slot = validate_frame(
      edges(), quickstart_edges().with_column("subject_id", frame::Column::from<std::string>({"A0", "A1", "A2", "A0"})),
      true);
  try {
    validate_rows(edges(), missing_slot);
    FAIL() << "expected IoSchemaError";
  } catch (const IoSchemaError& error) {
    EXPECT_THAT(error.what(), HasSubstr("row 0"));
    EXPECT_THAT(error.what(), HasSubstr("token_id"));
    EXPECT_THAT(error.what(), HasSubstr("self_to_object"));
  }

  const frame::Frame bad_kind = quickstart_edges().with_column(
      "edge_kind", frame::Column::from<std::string>({"self_to_positive_valence", "friendship", "x", "y"}));
  try {
    validate_rows(edges(), bad_kind);
    FAIL() << "expected IoSchemaError";
  } catch (const IoSchemaError& error) {
    EXPECT_THAT(error.what(), HasSubstr("row 1"));
    EXPECT_THAT(error.what(), HasSubstr("friendship"));
  }
}

TEST(ValidateRows, ExchangeVocabularies) {
  const auto& exchange = core::get_table(core::TableName::Exchange);
  const frame::Frame rows{
      {"exchange_event_type", frame::Column::from<std::string>({"trade", "trade"})},
      {"side", frame::Column::from<std::string>({"buy", "hold"})},
  };
  try {
    validate_rows(exchange, rows);
    FAIL() << "expected IoSchemaError";
  } catch (const IoSchemaError& error) {
    EXPECT_THAT(error.what(), HasSubstr("row 1"));
    EXPECT_THAT(error.what(), HasSubstr("side"));
    EXPECT_THAT(error.what(), HasSubstr("hold"));
  }
}

}  // namespace
}  // namespace crv::io
