#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crv/io/dataset.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/rebuild.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using testing::edges_at;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

TEST(Rebuild, ReportsUnreadableFilesAndKeepsTheRest) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_rebuild");
  dataset.append(kEdges, edges_at({1, 2, 120}));
  const auto bucket0 = bucket_dir(root.settings(), "run_rebuild", kEdges, 0);
  { std::ofstream(bucket0 / "part-broken.parquet") << "not parquet at all"; }
  { std::ofstream(bucket0 / "part-half.parquet.tmp") << "PAR1"; }

  const RebuildResult result = dataset.rebuild_manifest_with_report(kEdges);
  ASSERT_EQ(result.unreadable.size(), 1u);
  EXPECT_EQ(result.unreadable[0].path, "bucket=000000/part-broken.parquet");
  EXPECT_FALSE(result.unreadable[0].error.empty());
  EXPECT_EQ(result.manifest.total_rows(), 3);
  EXPECT_EQ(result.manifest.part_count(), 2u);
  EXPECT_EQ(dataset.manifest(kEdges)->total_rows(), 3);
}

TEST(Rebuild, AppendWithoutManifestKeepsEarlierParts) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_readopt");
  dataset.append(kEdges, edges_at({1, 2}));
  std::filesystem::remove(manifest_path(root.settings(), "run_readopt", kEdges));
  dataset.append(kEdges, edges_at({3}));
  EXPECT_EQ(dataset.manifest(kEdges)->total_rows(), 3);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 3);
}

TEST(Rebuild, ScanTableFilesOfAMissingTableIsEmpty) {
  TempRoot root;
  const RebuildResult result = scan_table_files(Env::posix(), root.settings(), "nothing", kEdges);
  EXPECT_TRUE(result.manifest.partitions.empty());
  EXPECT_TRUE(result.unreadable.empty());
}

}  // namespace
}  // namespace crv::io
