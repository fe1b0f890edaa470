// jsonl_schema: a table's JSONL read with its descriptor's scalar columns as typed hints
// gives what inference and then the append's validation give: the same frame, or the same
// error (a value the typed path does not take sends its column back to inference).

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crv/core/table_descriptor.hpp"
#include "crv/frame/json.hpp"
#include "crv/frame/jsonl_reader.hpp"
#include "crv/frame/kernels.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/jsonl_schema.hpp"
#include "crv/io/validate.hpp"

namespace crv::io {
namespace {

/// validate_frame of `read`'s frame: its text, or the error's message.
template <class Read>
std::string validated(const core::TableDescriptor& descriptor, Read read) {
  try {
    const frame::Frame f = validate_frame(descriptor, read(), false);
    return f.to_string() + "\n" + [&] {
      std::string types;
      for (const frame::Field& field : f.schema()) types += field.name + ":" + field.type->to_string() + " ";
      return types;
    }();
  } catch (const std::exception& e) {
    return std::string("error: ") + e.what();
  }
}

void expect_as_inference_then_validation(core::TableName table, const std::string& text) {
  const core::TableDescriptor& descriptor = core::get_table(table);
  const std::string expected = validated(descriptor, [&] {
    std::istringstream in(text);
    return frame::frame_from_jsonl(in);
  });
  for (const size_t chunk : {size_t{3}, size_t{1} << 20}) {
    frame::JsonlReadOptions options;
    options.chunk_bytes = chunk;
    EXPECT_EQ(validated(descriptor,
                        [&] {
                          std::istringstream in(text);
                          return frame::read_jsonl(in, jsonl_schema(table), options);
                        }),
              expected)
        << text;
  }
}

TEST(JsonlSchema, HintsAreTheDescriptorsScalarColumns) {
  const frame::JsonlSchema schema = jsonl_schema(core::TableName::Exchange);
  EXPECT_EQ(schema.mode, frame::JsonlSchema::Mode::Infer);
  std::vector<std::string> names;
  for (const frame::Field& f : schema.fields) names.push_back(f.name);
  EXPECT_NE(std::find(names.begin(), names.end(), "price"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "additional_payload"), names.end());  // a struct: inferred
}

TEST(JsonlSchema, TypedReadsEqualInferenceThenValidation) {
  const std::string edge = R"("observer_agent_id":"A","edge_kind":"self_to_object")";
  const std::vector<std::string> inputs = {
      "{\"tick\":0," + edge + ",\"edge_weight\":0.5}\n{\"tick\":1," + edge + ",\"edge_weight\":1}\n",
      "{\"tick\":0," + edge + ",\"edge_weight\":1}\n{\"tick\":2," + edge + ",\"edge_weight\":2}\n",  // ints into f64
      "{\"tick\":1.0," + edge + ",\"edge_weight\":0.5}\n",                                           // 1.0 into i64
      "{\"tick\":1.5," + edge + ",\"edge_weight\":0.5}\n",                                           // lossy
      "{\"tick\":\"1\"," + edge + ",\"edge_weight\":0.5}\n",                                         // a string tick
      "{\"tick\":0," + edge + ",\"edge_weight\":0.5}\n{\"tick\":\"x\"," + edge + ",\"edge_weight\":0.5}\n",
      "{\"tick\":true," + edge + ",\"edge_weight\":0.5}\n",            // bool casts to i64
      "{\"tick\":0," + edge + ",\"edge_weight\":9007199254740993}\n",  // not exact in f64
      "{\"tick\":0," + edge + ",\"edge_weight\":9007199254740993}\n{\"tick\":1," + edge + ",\"edge_weight\":0.5}\n",
      "{\"tick\":9007199254740993," + edge + ",\"edge_weight\":0.5}\n{\"tick\":1.0," + edge + ",\"edge_weight\":0}\n",
      "{\"tick\":0," + edge + ",\"edge_weight\":0.5,\"subject_id\":7}\n",     // an integer into str
      "{\"tick\":0," + edge + ",\"edge_weight\":0.5,\"subject_id\":null}\n",  // all null
      "{\"tick\":null," + edge + ",\"edge_weight\":0.5}\n",                   // required null
      "{" + edge + ",\"edge_weight\":0.5}\n",                                 // missing tick
      "{\"tick\":0," + edge + ",\"edge_weight\":0.5,\"extra\":1}\n",          // not in the descriptor
      "{\"tick\":18446744073709551615," + edge + ",\"edge_weight\":0.5}\n",   // beyond i64
      "{\"tick\":0," + edge + ",\"edge_weight\":0.5,\"edge_sign\":-1}\n{\"tick\":1," + edge + ",\"edge_weight\":0.5}\n",
  };
  for (const std::string& text : inputs) expect_as_inference_then_validation(core::TableName::IdentityEdges, text);
}

TEST(JsonlSchema, StructColumnsAreInferredAsBefore) {
  const std::string row = R"("venue_id":"v","token_id":"T","exchange_event_type":"trade")";
  expect_as_inference_then_validation(core::TableName::Exchange,
                                      "{\"tick\":1," + row +
                                          ",\"price\":2,\"additional_payload\":{\"legs\":1}}\n"
                                          "{\"tick\":2," +
                                          row + ",\"price\":2.5,\"additional_payload\":null}\n");
  expect_as_inference_then_validation(core::TableName::Exchange,
                                      "{\"tick\":1," + row + ",\"additional_payload\":[1]}\n");
}

}  // namespace
}  // namespace crv::io
