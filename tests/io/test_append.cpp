#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/dataset_test_support.hpp"
#include "io/part_io.hpp"

namespace crv::io {
namespace {

using testing::edges_at;
using testing::files_ending_with;
using ::testing::HasSubstr;
using testing::int_values;
using testing::quickstart_edges;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

TEST(Append, CreatesOnePartPerBucketAndTheManifestWithoutTmp) {
  TempRoot root;
  Dataset dataset(root.settings(), "20250101-000000");
  const AppendSummary summary = dataset.append(kEdges, quickstart_edges());

  EXPECT_EQ(summary.table, "identity_edges");
  EXPECT_EQ(summary.run_id, "20250101-000000");
  EXPECT_EQ(summary.rows, 4);
  EXPECT_EQ(summary.buckets, (std::vector<std::int64_t>{0, 1}));
  ASSERT_EQ(summary.parts.size(), 2u);
  EXPECT_EQ(summary.parts[0].rows, 3);
  EXPECT_EQ(summary.parts[0].tick_min, 0);
  EXPECT_EQ(summary.parts[0].tick_max, 2);
  EXPECT_EQ(summary.parts[1].tick_min, 101);

  const auto dir = table_dir(root.settings(), "20250101-000000", kEdges);
  EXPECT_TRUE(files_ending_with(dir, ".tmp").empty());
  EXPECT_EQ(files_ending_with(dir, ".parquet").size(), 2u);
  for (const AppendedPart& part : summary.parts) {
    const auto path = bucket_dir(root.settings(), "20250101-000000", kEdges, part.bucket_id) / part.path;
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    EXPECT_EQ(static_cast<std::int64_t>(std::filesystem::file_size(path)), part.bytes);
    EXPECT_TRUE(is_part_file_name(part.path));
  }

  const auto manifest = dataset.manifest(kEdges);
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->table, "identity_edges");
  EXPECT_EQ(manifest->total_rows(), 4);
  EXPECT_EQ(manifest->bucket_ids(), (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(manifest->partitions.at(1).parts.at(0).path, summary.parts[1].path);

  const nlohmann::ordered_json json = summary.to_json();
  EXPECT_EQ(json["buckets"], nlohmann::json::array({0, 1}));
  EXPECT_EQ(json["parts"][0]["bucket_id"], 0);
  for (const char* key : {"table", "run_id", "parts", "rows", "buckets"}) EXPECT_TRUE(json.contains(key)) << key;
}

TEST(Append, PartsCarryMetadataBucketAndDescriptorOrder) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_meta");
  frame::Frame input = quickstart_edges().with_column("bucket", frame::Column::from<std::int64_t>({7, 7, 7, 7}));
  input = input.select({"edge_weight", "bucket", "edge_kind", "tick", "observer_agent_id"});
  const AppendSummary summary = dataset.append("identity_edges", input);

  const auto path = bucket_dir(root.settings(), "run_meta", kEdges, 1) / summary.parts[1].path;
  const auto reader = open_parquet_file(Env::posix(), path);
  const auto metadata = reader->key_value_metadata();
  EXPECT_EQ(metadata.at("crv_schema_version"), "0.1@2025-09-20");
  EXPECT_EQ(metadata.at("crv_table_name"), "identity_edges");
  EXPECT_EQ(metadata.at("crv_run_id"), "run_meta");
  const frame::Frame part = reader->read();
  EXPECT_EQ(part.names(),
            (std::vector<std::string>{"bucket", "tick", "observer_agent_id", "edge_kind", "edge_weight"}));
  EXPECT_EQ(int_values(part.column("bucket")), (std::vector<std::int64_t>{1}));
}

TEST(Append, SecondAppendAddsPartsToTheManifest) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_two");
  dataset.append(kEdges, edges_at({1, 2}));
  dataset.append(kEdges, edges_at({3, 150}));
  const auto manifest = dataset.manifest(kEdges);
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->total_rows(), 4);
  EXPECT_EQ(manifest->partitions.at(0).parts.size(), 2u);
  EXPECT_EQ(manifest->partitions.at(0).tick_min, 1);
  EXPECT_EQ(manifest->partitions.at(0).tick_max, 3);
  EXPECT_EQ(manifest->partitions.at(1).row_count, 1);
}

TEST(Append, UnsortedTicksAreSplitByBucket) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_unsorted");
  const AppendSummary summary = dataset.append(kEdges, edges_at({250, 3, 120, 4, 251}));
  EXPECT_EQ(summary.buckets, (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(summary.parts[0].rows, 2);
  EXPECT_EQ(summary.parts[2].tick_min, 250);
  EXPECT_EQ(summary.parts[2].tick_max, 251);
  const frame::Frame all = dataset.read(kEdges);
  EXPECT_EQ(int_values(all.column("tick")), (std::vector<std::int64_t>{3, 4, 120, 250, 251}));
}

TEST(Append, EmptyFrameIsANoOp) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_empty");
  const AppendSummary summary = dataset.append(kEdges, edges_at({}));
  EXPECT_TRUE(summary.parts.empty());
  EXPECT_EQ(summary.rows, 0);
  EXPECT_FALSE(dataset.manifest(kEdges));
}

TEST(Append, MissingOrNegativeTickIsASchemaError) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_tick");
  EXPECT_THROW(dataset.append(kEdges, quickstart_edges().drop("tick")), IoSchemaError);
  try {
    dataset.append(kEdges, edges_at({5, -1}));
    FAIL() << "expected IoSchemaError";
  } catch (const IoSchemaError& error) {
    EXPECT_THAT(error.what(), HasSubstr("negative tick -1"));
    EXPECT_THAT(error.what(), HasSubstr("row 1"));
  }
  EXPECT_FALSE(dataset.manifest(kEdges));
}

TEST(Append, SchemaErrorsLeaveNothingBehind) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_schema");
  EXPECT_THROW(dataset.append(kEdges, quickstart_edges().drop("edge_kind")), IoSchemaError);
  EXPECT_FALSE(std::filesystem::exists(table_dir(root.settings(), "run_schema", kEdges)));
}

TEST(Append, NonStrictSettingsKeepExtraColumns) {
  TempRoot root;
  IoSettings settings = root.settings();
  settings.strict_schema = false;
  Dataset dataset(settings, "run_loose");
  dataset.append(kEdges,
                 quickstart_edges().with_column("mood", frame::Column::from<std::string>({"a", "b", "c", "d"})));
  const frame::Frame all = dataset.read(kEdges);
  ASSERT_TRUE(all.has_column("mood"));
  EXPECT_EQ(all.names().back(), "mood");
  EXPECT_EQ(all.column("mood").string_value(3), "d");
}

TEST(Append, ValidateRowsRejectsBadEdgeSlots) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_rows");
  AppendOptions options;
  options.validate_rows = true;
  EXPECT_THROW(dataset.append(kEdges, quickstart_edges(), options), IoSchemaError);
  EXPECT_NO_THROW(dataset.append(kEdges, edges_at({1, 2}), options));
}

TEST(Append, HoldingsAndValuationWithNullValuationColumns) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_holdings");
  const frame::Frame holdings{
      {"tick", frame::Column::from<std::int64_t>({0, 0, 100})},
      {"agent_id", frame::Column::from<std::string>({"A0", "A1", "A0"})},
      {"token_id", frame::Column::from<std::string>({"T0", "T0", "T1"})},
      {"quantity", frame::Column::from<std::int64_t>({5, 3, 1})},
  };
  dataset.append(core::TableName::Holdings, holdings);
  frame::Frame valuation = holdings;
  for (const char* column :
       {"avg_unit_cost", "cost_value", "mark_price", "mark_value", "realized_pnl", "unrealized_pnl"}) {
    valuation = valuation.with_column(column, frame::Column::nulls(frame::float64(), 3));
  }
  valuation = valuation.with_column("price_source", frame::Column::nulls(frame::utf8(), 3))
                  .with_column("accounting_method", frame::Column::from<std::string>({"wac", std::nullopt, "wac"}));
  dataset.append(core::TableName::HoldingsValuation, valuation);

  const frame::Frame read_holdings = dataset.read(core::TableName::Holdings);
  EXPECT_EQ(read_holdings.num_rows(), 3);
  EXPECT_EQ(int_values(read_holdings.column("quantity")), (std::vector<std::int64_t>{5, 3, 1}));
  const frame::Frame read_valuation = dataset.read(core::TableName::HoldingsValuation);
  EXPECT_EQ(read_valuation.num_rows(), 3);
  EXPECT_EQ(read_valuation.column("mark_price").null_count(), 3);
  EXPECT_EQ(read_valuation.column("mark_price").type_id(), frame::TypeId::Float64);
  EXPECT_EQ(read_valuation.column("accounting_method").null_count(), 1);
}

TEST(Dataset, RejectsInvalidRunIdsAndTableNames) {
  TempRoot root;
  EXPECT_THROW(Dataset(root.settings(), ".."), std::exception);
  EXPECT_THROW(Dataset(root.settings(), "a/b"), std::exception);
  Dataset dataset(root.settings(), "ok");
  EXPECT_THROW(dataset.append("no_such_table", quickstart_edges()), IoSchemaError);
}

TEST(Dataset, ManifestIsReparsedOnlyWhenTheFileChanged) {
  TempRoot root;
  Dataset writer(root.settings(), "run_cache");
  const Dataset reader(root.settings(), "run_cache");
  EXPECT_FALSE(reader.manifest(kEdges));
  writer.append(kEdges, edges_at({1}));
  EXPECT_EQ(reader.manifest(kEdges)->total_rows(), 1);
  EXPECT_EQ(reader.manifest(kEdges)->total_rows(), 1);
  writer.append(kEdges, edges_at({2, 3}));
  EXPECT_EQ(reader.manifest(kEdges)->total_rows(), 3);
  EXPECT_EQ(reader.read(kEdges).num_rows(), 3);
  std::filesystem::remove(manifest_path(root.settings(), "run_cache", kEdges));
  EXPECT_FALSE(reader.manifest(kEdges));
}

}  // namespace
}  // namespace crv::io
