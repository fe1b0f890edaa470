#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using testing::edges_at;
using ::testing::HasSubstr;
using testing::int_values;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
  std::vector<std::int64_t> ticks;
  for (std::int64_t tick = first; tick <= last; ++tick) ticks.push_back(tick);
  return ticks;
}

TEST(Scan, PrunesPartitionsOnATickRangeOverTwoBuckets) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_scan");
  dataset.append(kEdges, edges_at({0, 1, 2, 101, 150, 250}));

  const Scan scan = dataset.scan(kEdges, Where{0, 120});
  const frame::Frame rows = scan.collect();
  EXPECT_EQ(int_values(rows.column("tick")), (std::vector<std::int64_t>{0, 1, 2, 101}));
  EXPECT_EQ(scan.count(), 4);

  const ScanExplanation plan = scan.explain();
  EXPECT_TRUE(plan.from_manifest);
  ASSERT_EQ(plan.partitions.size(), 3u);
  EXPECT_TRUE(plan.partitions[0].kept);
  EXPECT_TRUE(plan.partitions[1].kept);
  EXPECT_FALSE(plan.partitions[2].kept);
  EXPECT_THAT(plan.partitions[2].reason, HasSubstr("outside"));
  EXPECT_EQ(plan.parts.size(), 2u);
  EXPECT_EQ(plan.parts_kept(), 2u);
  EXPECT_THAT(plan.to_string(), HasSubstr("pruned"));
  EXPECT_EQ(plan.to_json()["source"], "manifest");
}

TEST(Scan, AnInvertedTickRangeSelectsNothing) {
  // As the reference's filter does (tick >= 30 and tick <= 10 holds for no row); it used to
  // throw a bare IoError.
  TempRoot root;
  Dataset dataset(root.settings(), "run_inverted");
  dataset.append(kEdges, edges_at({0, 10, 20, 30, 150}));
  const Scan scan = dataset.scan(kEdges, Where{30, 10});
  EXPECT_EQ(scan.collect().num_rows(), 0);
  EXPECT_EQ(scan.collect().names(), dataset.read(kEdges, Where{1000, 2000}).names());  // as any range of no rows
  EXPECT_EQ(scan.count(), 0);
  EXPECT_EQ(scan.explain().parts_kept(), 0u);
  std::int64_t batched = 0;
  for (auto batches = scan.batches(); auto batch = batches.next();) batched += batch->num_rows();
  EXPECT_EQ(batched, 0);
}

TEST(Scan, ExactTickFilterInsideABucket) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_exact");
  dataset.append(kEdges, edges_at(range(0, 99)));
  const frame::Frame rows = dataset.read(kEdges, Where{10, 12});
  EXPECT_EQ(int_values(rows.column("tick")), (std::vector<std::int64_t>{10, 11, 12}));
  EXPECT_EQ(dataset.scan(kEdges, Where{std::nullopt, 4}).count(), 5);
  EXPECT_EQ(dataset.scan(kEdges, Where{95, std::nullopt}).count(), 5);
  EXPECT_EQ(dataset.read(kEdges, Where{200, 300}).num_rows(), 0);
}

TEST(Scan, PrunesRowGroupsByStatistics) {
  TempRoot root;
  IoSettings settings = root.settings();
  settings.row_group_size = 10;
  Dataset dataset(settings, "run_row_groups");
  dataset.append(kEdges, edges_at(range(0, 49)));
  const Scan scan = dataset.scan(kEdges, Where{12, 17});
  const ScanExplanation plan = scan.explain();
  ASSERT_EQ(plan.parts.size(), 1u);
  ASSERT_EQ(plan.parts[0].row_groups.size(), 5u);
  EXPECT_EQ(plan.row_groups_kept(), 1u);
  EXPECT_EQ(plan.row_groups_pruned(), 4u);
  EXPECT_TRUE(plan.parts[0].row_groups[1].kept);
  EXPECT_EQ(int_values(scan.collect().column("tick")), range(12, 17));
  EXPECT_EQ(scan.count(), 6);
  EXPECT_EQ(dataset.scan(kEdges, Where{10, 29}).count(), 20);
}

TEST(Scan, ExplainShowsThePagesThePageIndexKeeps) {
  // 300,000 distinct ticks in one row group: the tick chunk is PLAIN, 1 MiB pages of about
  // 130,000 values, so three pages; a range inside the first keeps one of them.
  TempRoot root;
  IoSettings settings = root.settings();
  settings.row_group_size = 1'000'000;
  settings.tick_bucket_size = 1'000'000;
  Dataset dataset(settings, "run_pages");
  dataset.append(kEdges, edges_at(range(0, 299'999)));
  const Scan scan = dataset.scan(kEdges, Where{1000, 1010});
  const ScanExplanation plan = scan.explain();
  ASSERT_EQ(plan.parts.size(), 1u);
  ASSERT_EQ(plan.parts[0].row_groups.size(), 1u);
  const std::optional<parquet::PageDecision>& pages = plan.parts[0].row_groups[0].pages;
  ASSERT_TRUE(pages.has_value());
  EXPECT_EQ(pages->pages, 3);
  EXPECT_EQ(pages->pages_kept, 1);
  EXPECT_GT(pages->rows_kept, 100'000);  // the first page: ticks 0 to about 129,000
  EXPECT_LT(pages->rows_kept, 150'000);
  EXPECT_THAT(plan.to_string(),
              HasSubstr("page index: 1 of 3 pages kept (" + std::to_string(pages->rows_kept) + " rows)"));
  EXPECT_EQ(plan.to_json()["parts"][0]["row_groups"][0]["pages"]["kept"], 1);
  EXPECT_EQ(scan.count(), 11);
  // Without tick bounds nothing is decided by pages.
  EXPECT_FALSE(dataset.scan(kEdges).explain().parts[0].row_groups[0].pages.has_value());
}

TEST(Scan, SelectLimitAndBatches) {
  TempRoot root;
  IoSettings settings = root.settings();
  settings.row_group_size = 16;
  Dataset dataset(settings, "run_batches");
  dataset.append(kEdges, edges_at(range(0, 299)));

  const frame::Frame selected = dataset.scan(kEdges, Where{50, 249}).select({"edge_weight", "tick"}).collect();
  EXPECT_EQ(selected.names(), (std::vector<std::string>{"edge_weight", "tick"}));
  EXPECT_EQ(selected.num_rows(), 200);

  const frame::Frame limited = dataset.read(kEdges, Where{50, std::nullopt}, 7);
  EXPECT_EQ(int_values(limited.column("tick")), range(50, 56));
  EXPECT_EQ(dataset.scan(kEdges, Where{50, std::nullopt}).limit(7).count(), 7);

  const frame::Frame weights_only = dataset.scan(kEdges, Where{95, 104}).select({"edge_weight"}).collect();
  EXPECT_EQ(weights_only.names(), (std::vector<std::string>{"edge_weight"}));
  EXPECT_EQ(weights_only.num_rows(), 10);

  ScanBatchReader batches = dataset.scan(kEdges, Where{20, 279}).select({"tick"}).batches();
  std::vector<std::int64_t> ticks;
  while (auto batch = batches.next()) {
    EXPECT_EQ(batch->names(), (std::vector<std::string>{"tick"}));
    EXPECT_LE(batch->num_rows(), 65536);
    for (std::int64_t tick : int_values(batch->column("tick"))) ticks.push_back(tick);
  }
  EXPECT_EQ(ticks, range(20, 279));

  ScanBatchReader limited_batches = dataset.scan(kEdges).limit(33).batches();
  std::int64_t rows = 0;
  while (auto batch = limited_batches.next()) rows += batch->num_rows();
  EXPECT_EQ(rows, 33);
}

TEST(Scan, PartsWithDifferentColumnsAreUnified) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_unify");
  dataset.append(kEdges, edges_at({1, 2}));
  dataset.append(kEdges, edges_at({3}).with_column("token_id", frame::Column::from<std::string>({"T"})));
  const frame::Frame rows = dataset.read(kEdges);
  ASSERT_TRUE(rows.has_column("token_id"));
  EXPECT_EQ(rows.num_rows(), 3);
  EXPECT_EQ(rows.column("token_id").null_count(), 2);
  EXPECT_EQ(rows.column("token_id").string_value(2), "T");
}

TEST(Scan, UnknownColumnIsASchemaError) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_unknown");
  dataset.append(kEdges, edges_at({1}));
  EXPECT_THROW(dataset.scan(kEdges).select({"nope"}).collect(), IoSchemaError);
}

TEST(Scan, EmptyTableGivesAnEmptyFrameWithTheDescriptorColumns) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_none");
  const frame::Frame rows = dataset.read(kEdges);
  EXPECT_EQ(rows.num_rows(), 0);
  EXPECT_TRUE(rows.has_column("tick"));
  EXPECT_FALSE(dataset.scan(kEdges).explain().from_manifest);
}

TEST(Scan, WithoutManifestWalksTheDirectoryThenRebuildRestoresIt) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_walk");
  dataset.append(kEdges, edges_at({0, 1, 2, 101, 250}));
  const auto manifest_file = manifest_path(root.settings(), "run_walk", kEdges);
  const TableManifest before = *dataset.manifest(kEdges);
  std::filesystem::remove(manifest_file);
  // A stray .tmp (a crashed writer) is never read.
  const auto stray = bucket_dir(root.settings(), "run_walk", kEdges, 0) / "part-deadbeef.parquet.tmp";
  { std::ofstream(stray) << "garbage"; }

  const Scan scan = dataset.scan(kEdges, Where{0, 120});
  const ScanExplanation plan = scan.explain();
  EXPECT_FALSE(plan.from_manifest);
  EXPECT_THAT(plan.to_string(), HasSubstr("directory walk"));
  // The walk reads each footer's tick range, so bucket 2 is pruned as a partition.
  EXPECT_EQ(plan.partitions.size(), 3u);
  EXPECT_EQ(plan.parts.size(), 2u);
  EXPECT_EQ(int_values(scan.collect().column("tick")), (std::vector<std::int64_t>{0, 1, 2, 101}));

  const TableManifest rebuilt = dataset.rebuild_manifest(kEdges);
  EXPECT_TRUE(std::filesystem::exists(manifest_file));
  EXPECT_EQ(rebuilt.total_rows(), 5);
  EXPECT_EQ(rebuilt.bucket_ids(), before.bucket_ids());
  for (const auto& [id, partition] : before.partitions) {
    const PartitionEntry& other = rebuilt.partitions.at(id);
    EXPECT_EQ(other.tick_min, partition.tick_min);
    EXPECT_EQ(other.tick_max, partition.tick_max);
    EXPECT_EQ(other.row_count, partition.row_count);
    EXPECT_EQ(other.byte_size, partition.byte_size);
    EXPECT_EQ(other.parts.at(0).path, partition.parts.at(0).path);
  }
  EXPECT_TRUE(dataset.scan(kEdges).explain().from_manifest);
  EXPECT_EQ(dataset.read(kEdges, Where{0, 120}).num_rows(), 4);
}

TEST(Scan, ManifestListingAMissingPartIsAManifestError) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_gone");
  const AppendSummary summary = dataset.append(kEdges, edges_at({1}));
  std::filesystem::remove(bucket_dir(root.settings(), "run_gone", kEdges, 0) / summary.parts[0].path);
  EXPECT_THROW(dataset.read(kEdges), IoManifestError);
}

}  // namespace
}  // namespace crv::io
