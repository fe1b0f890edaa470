#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using core::TableName;
using ::testing::HasSubstr;
using testing::TempRoot;

IoSettings settings_at(const std::string& root) {
  IoSettings settings;
  settings.root_dir = root;
  return settings;
}

TEST(Paths, BucketMath) {
  EXPECT_EQ(bucket_id_for_tick(0, 100), 0);
  EXPECT_EQ(bucket_id_for_tick(99, 100), 0);
  EXPECT_EQ(bucket_id_for_tick(100, 100), 1);
  EXPECT_EQ(bucket_id_for_tick(101, 100), 1);
  EXPECT_EQ(bucket_id_for_tick(12345, 100), 123);
  EXPECT_EQ(bucket_id_for_tick(7, 1), 7);
  EXPECT_EQ(bucket_id_for_tick(9, 10), 0);
  EXPECT_EQ(bucket_id_for_tick(10, 10), 1);
}

TEST(Paths, BucketMathErrors) {
  EXPECT_THROW(bucket_id_for_tick(-1, 100), IoError);
  EXPECT_THROW(bucket_id_for_tick(5, 0), IoError);
  EXPECT_THROW(bucket_id_for_tick(5, -10), IoError);
  try {
    bucket_id_for_tick(-3, 100);
  } catch (const IoError& error) {
    EXPECT_NE(std::string(error.what()).find("-3"), std::string::npos);
  }
}

TEST(Paths, BucketTickRange) {
  EXPECT_EQ(bucket_tick_range(0, 100), (std::pair<std::int64_t, std::int64_t>{0, 99}));
  EXPECT_EQ(bucket_tick_range(123, 100), (std::pair<std::int64_t, std::int64_t>{12300, 12399}));
  EXPECT_EQ(bucket_tick_range(4, 1), (std::pair<std::int64_t, std::int64_t>{4, 4}));
  EXPECT_THROW(bucket_tick_range(1, 0), IoError);
  EXPECT_THROW(bucket_tick_range(-1, 10), IoError);
}

TEST(Paths, BucketDirNames) {
  EXPECT_EQ(bucket_dir_name(0), "bucket=000000");
  EXPECT_EQ(bucket_dir_name(123), "bucket=000123");
  EXPECT_EQ(bucket_dir_name(999999), "bucket=999999");
  EXPECT_EQ(bucket_dir_name(1234567), "bucket=1234567");  // wider ids are not truncated
  EXPECT_EQ(bucket_key(42), "000042");
  EXPECT_THROW(bucket_dir_name(-1), IoError);
}

TEST(Paths, ParseBucketDirNames) {
  EXPECT_EQ(parse_bucket_dir_name("bucket=000123"), 123);
  EXPECT_EQ(parse_bucket_dir_name("bucket=1234567"), 1234567);
  EXPECT_EQ(parse_bucket_dir_name("bucket=0"), 0);
  for (const char* bad :
       {"bucket=", "bucket=-1", "bucket=12a", "bkt=000001", "000001", "bucket=+1", "bucket=99999999999999999999"}) {
    EXPECT_EQ(parse_bucket_dir_name(bad), std::nullopt) << bad;
  }
  for (std::int64_t id : {0, 1, 99, 123456, 10000000}) {
    EXPECT_EQ(parse_bucket_dir_name(bucket_dir_name(id)), id);
  }
}

TEST(Paths, Layout) {
  const IoSettings settings = settings_at("/data/out");
  EXPECT_EQ(run_root(settings, "r1"), std::filesystem::path("/data/out/runs/r1"));
  EXPECT_EQ(tables_root(settings, "r1"), std::filesystem::path("/data/out/runs/r1/tables"));
  EXPECT_EQ(table_dir(settings, "r1", TableName::IdentityEdges),
            std::filesystem::path("/data/out/runs/r1/tables/identity_edges"));
  EXPECT_EQ(manifest_path(settings, "r1", TableName::Exchange),
            std::filesystem::path("/data/out/runs/r1/tables/exchange/manifest.json"));
  EXPECT_EQ(bucket_dir(settings, "r1", TableName::Holdings, 123),
            std::filesystem::path("/data/out/runs/r1/tables/holdings/bucket=000123"));
  EXPECT_EQ(bundle_manifest_path(settings, "r1"), std::filesystem::path("/data/out/runs/r1/bundle.manifest.json"));
  EXPECT_EQ(artifacts_dir(settings, "r1"), std::filesystem::path("/data/out/runs/r1/artifacts"));
  EXPECT_EQ(lab_artifact_dir(settings, "r1", "probes"),
            std::filesystem::path("/data/out/runs/r1/artifacts/lab/probes"));
  EXPECT_THROW(lab_artifact_dir(settings, "r1", "other"), IoError);
  EXPECT_EQ(lab_artifact_kinds().size(), 4u);
}

TEST(Paths, DefaultRootIsRelativeOut) {
  EXPECT_EQ(run_root(IoSettings{}, "20250101-000000"), std::filesystem::path("out/runs/20250101-000000"));
}

TEST(Paths, RunIdIsValidated) {
  const IoSettings settings;
  for (const char* bad : {"", ".", "..", "../escape", "a/b", "a b"}) {
    EXPECT_THROW(run_root(settings, bad), IoError) << bad;
    EXPECT_THROW(table_dir(settings, bad, TableName::Exchange), IoError) << bad;
  }
  EXPECT_NO_THROW(run_root(settings, "run:1.2-x_y"));
}

TEST(Paths, ARunIdLongerThanAFileNameIsRefusedWhenTheDatasetIsBound) {
  TempRoot root;
  const std::string longest(core::kMaxRunIdBytes, 'r');
  EXPECT_NO_THROW(
      Dataset(root.settings(), longest).append(core::TableName::IdentityEdges, testing::quickstart_edges()));
  try {
    Dataset(root.settings(), longest + "r");
    FAIL() << "a 256-byte run id was accepted";
  } catch (const IoArgumentError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidArgument);
    EXPECT_THAT(error.what(), HasSubstr("256 bytes"));
  }
  std::error_code error;  // exists() of a name that long fails (ENAMETOOLONG): nothing was made
  EXPECT_FALSE(std::filesystem::exists(root.settings().root_dir / "runs" / (longest + "r"), error));
  EXPECT_EQ(std::filesystem::directory_iterator(root.settings().root_dir / "runs")->path().filename(), longest);
}

TEST(Paths, PartNames) {
  const std::regex pattern("^part-[0-9a-f]{32}\\.parquet$");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string name = new_part_name();
    EXPECT_TRUE(std::regex_match(name, pattern)) << name;
    EXPECT_EQ(name[5 + 12], '4') << name;  // UUID version 4
    EXPECT_TRUE(is_part_file_name(name));
    EXPECT_TRUE(is_canonical_part_name(name));
    seen.insert(name);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Paths, CanonicalPartNamesAreWhatCrvIoAndTheReferenceWrite) {
  const std::string hex(32, 'a');
  EXPECT_TRUE(is_canonical_part_name("part-0123456789abcdef0123456789abcdef.parquet"));
  EXPECT_FALSE(is_canonical_part_name("part-0123456789ABCDEF0123456789abcdef.parquet"));
  EXPECT_FALSE(is_canonical_part_name("part-" + hex.substr(1) + ".parquet"));
  EXPECT_FALSE(is_canonical_part_name("part-" + hex + "0.parquet"));
  EXPECT_FALSE(is_canonical_part_name("part-" + hex + ".parquet.tmp"));
  EXPECT_FALSE(is_canonical_part_name("../part-" + hex + ".parquet"));
  EXPECT_FALSE(is_canonical_part_name("/part-" + hex + ".parquet"));
  EXPECT_FALSE(is_canonical_part_name("x/part-" + hex + ".parquet"));
  EXPECT_FALSE(is_canonical_part_name("part-" + hex.substr(0, 31) + "/.parquet"));
  EXPECT_FALSE(is_canonical_part_name("data.parquet"));
  EXPECT_FALSE(is_canonical_part_name(""));
}

TEST(Paths, PartAndTmpFileNames) {
  EXPECT_TRUE(is_part_file_name("part-0123.parquet"));
  EXPECT_TRUE(is_part_file_name("data.parquet"));
  EXPECT_FALSE(is_part_file_name("part-0123.parquet.tmp"));
  EXPECT_FALSE(is_part_file_name(".parquet"));
  EXPECT_FALSE(is_part_file_name(".hidden.parquet"));
  EXPECT_FALSE(is_part_file_name("manifest.json"));
  EXPECT_TRUE(is_tmp_file_name("part-1.parquet.tmp"));
  EXPECT_FALSE(is_tmp_file_name("part-1.parquet"));
  EXPECT_EQ(tmp_path("/a/b/part-1.parquet"), std::filesystem::path("/a/b/part-1.parquet.tmp"));
  EXPECT_EQ(tmp_path("manifest.json"), std::filesystem::path("manifest.json.tmp"));
}

}  // namespace
}  // namespace crv::io
