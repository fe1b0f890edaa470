// The manifest text an append writes (built without nlohmann) is byte for byte what
// to_json().dump(2) prints, and appends see every manifest change made between them.

#include <gtest/gtest.h>

#include <string>

#include "crv/io/dataset.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/paths.hpp"
#include "io/dataset_test_support.hpp"
#include "io/fault_injection_env.hpp"

namespace crv::io {
namespace {

using testing::edges_at;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

std::string dumped(const TableManifest& manifest) { return manifest.to_json().dump(2) + "\n"; }

TEST(ManifestText, EqualsTheJsonDump) {
  TableManifest manifest;
  EXPECT_EQ(manifest_text(manifest), dumped(manifest));  // no partitions: "{}"

  manifest = TableManifest::create("identity_edges");
  manifest.add_part(0, PartEntry{"part-a.parquet", 10, 1234, 0, 9, "2025-01-01T00:00:00.000000+00:00"});
  manifest.add_part(0, PartEntry{"part-b.parquet", 5, 99, -3, 12, ""});
  manifest.add_part(1234567, PartEntry{"part-c.parquet", 1, 1, 123456700, 123456700, "x"});
  manifest.partitions[7].bucket_id = 7;  // a partition without parts: "[]"
  manifest.partitions[7].state = "sealed";
  EXPECT_EQ(manifest_text(manifest), dumped(manifest));

  // Strings that need escapes: quote, backslash, every control character, DEL, UTF-8.
  std::string awkward = "a\"b\\c/d\x7f";
  for (char c = 1; c < 0x20; ++c) awkward += c;
  manifest.table = awkward;
  manifest.partitions[0].parts[0].path = "p\xc3\xa9rt-\xe2\x82\xac.parquet";
  manifest.partitions[0].parts[1].created_at = std::string("nul\0byte", 8);
  manifest.partitions[1234567].parts[0].bytes = INT64_MAX;
  manifest.partitions[1234567].parts[0].rows = INT64_MIN;
  EXPECT_EQ(manifest_text(manifest), dumped(manifest));
}

TEST(ManifestText, SavedFileParsesBack) {
  TempRoot root;
  TableManifest manifest = TableManifest::create("identity_edges");
  manifest.add_part(3, PartEntry{"part-a.parquet", 10, 1234, 300, 309, "2025-01-01T00:00:00.000000+00:00"});
  const std::filesystem::path path = root.path() / "manifest.json";
  save_manifest(Env::posix(), path, manifest);
  EXPECT_EQ(testing::read_text(path), dumped(manifest));
  EXPECT_EQ(load_manifest(Env::posix(), path), manifest);
}

TEST(AppendManifest, NextAppendDoesNotReadTheManifestItWrote) {
  TempRoot root;
  FaultInjectionEnv env(Env::posix());
  Dataset dataset(root.settings(), "run_cache", env);
  dataset.append(kEdges, edges_at({0, 1}));
  env.reset_counts();
  dataset.append(kEdges, edges_at({2}));
  EXPECT_EQ(env.count(EnvOp::ReadFile), 0U);
  EXPECT_EQ(dataset.manifest(kEdges)->total_rows(), 3);
}

TEST(AppendManifest, SeesAManifestReplacedBetweenAppends) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_replaced", Env::posix());
  dataset.append(kEdges, edges_at({0, 1}));
  dataset.append(kEdges, edges_at({150}));
  const std::filesystem::path path = manifest_path(root.settings(), "run_replaced", kEdges);

  // Bucket 1 dropped from the manifest by hand: its part is committed in the append log,
  // so the next checkpoint (this append's) lists it again.
  TableManifest changed = *load_manifest(Env::posix(), path);
  changed.partitions.erase(1);
  save_manifest(Env::posix(), path, changed);
  dataset.append(kEdges, edges_at({2}));
  const TableManifest after = *load_manifest(Env::posix(), path);
  EXPECT_EQ(after.partitions.count(1), 1U);
  EXPECT_EQ(after.total_rows(), 4);

  // A second Dataset on the same run appends too: the first one sees its part.
  Dataset other(root.settings(), "run_replaced", Env::posix());
  other.append(kEdges, edges_at({3}));
  dataset.append(kEdges, edges_at({4}));
  EXPECT_EQ(load_manifest(Env::posix(), path)->total_rows(), 6);
}

}  // namespace
}  // namespace crv::io
