// UTF-8 of str values, checked on append (Dataset::append frames, and so the JSONL and
// Parquet inputs of `crv-io append` and frames imported through the C Data Interface): a
// value that is not UTF-8 is an IoSchemaError naming the table, column and row, and
// nothing is written; Polars used to refuse such a part later.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "crv/frame/arrow_c_data.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using ::testing::HasSubstr;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;
constexpr auto kExchange = core::TableName::Exchange;

std::string append_error(Dataset& dataset, core::TableName table, const frame::Frame& rows,
                         const AppendOptions& options = {}) {
  try {
    dataset.append(table, rows, options);
  } catch (const IoSchemaError& e) {
    return e.what();
  }
  return "";
}

TEST(InputUtf8, AStrValueThatIsNotUtf8IsRefusedNamingColumnAndRow) {
  for (const bool streaming : {false, true}) {
    TempRoot root;
    Dataset dataset(streaming ? root.streaming_settings() : root.settings(), "run_utf8");
    const frame::Frame rows = testing::edges_at({1, 2, 3})
                                  .drop("observer_agent_id")
                                  .with_column("observer_agent_id", frame::Column::from<std::string>({"A1", "A\xC3\xA9",
                                                                                                      "A\xFF"
                                                                                                      "3"}));
    for (const bool validate : {true, false}) {
      const std::string message = append_error(dataset, kEdges, rows, {.validate_schema = validate});
      EXPECT_THAT(message, HasSubstr("table 'identity_edges', column 'observer_agent_id', row 2: not valid UTF-8"));
      EXPECT_THAT(message, HasSubstr("byte 1"));  // where in the value
      EXPECT_THAT(message, HasSubstr("Nothing was appended"));
    }
    EXPECT_EQ(dataset.read(kEdges).num_rows(), 0);
    EXPECT_TRUE(testing::files_ending_with(root.path(), ".parquet").empty());
    // The same rows with the value fixed are appended.
    dataset.append(kEdges, testing::edges_at({1, 2, 3}));
    EXPECT_EQ(dataset.read(kEdges).num_rows(), 3);
  }
}

TEST(InputUtf8, ANestedStringThatIsNotUtf8IsNamedWithItsField) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_utf8");
  const frame::Column payload =
      frame::Column::struct_of({{"legs", frame::Column::from<std::int64_t>({1, 2})},
                                {"note", frame::Column::from<std::string>({"ok", "\xED\xA0\x80"})}});
  const frame::Frame rows{
      {"tick", frame::Column::from<std::int64_t>({3, 4})},
      {"venue_id", frame::Column::from<std::string>({"v", "v"})},
      {"token_id", frame::Column::from<std::string>({"T", "T"})},
      {"exchange_event_type", frame::Column::from<std::string>({"trade", "gift"})},
      {"additional_payload", payload},
  };
  EXPECT_THAT(append_error(dataset, kExchange, rows),
              HasSubstr("table 'exchange', column 'additional_payload', field 'note', row 1: not valid UTF-8"));
}

TEST(InputUtf8, AFrameImportedThroughTheCDataInterfaceIsCheckedToo) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_utf8");
  const frame::Frame rows = testing::edges_at({1})
                                .drop("edge_kind")
                                .with_column("edge_kind", frame::Column::from<std::string>({"self_to_object\x80"}));
  ArrowArray array;
  ArrowSchema schema;
  frame::export_frame(rows, &array, &schema);
  const frame::Frame imported = frame::import_frame(&array, &schema);
  EXPECT_THAT(append_error(dataset, kEdges, imported), HasSubstr("column 'edge_kind', row 0: not valid UTF-8"));
}

}  // namespace
}  // namespace crv::io
