#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "crv/io/artifacts.hpp"
#include "crv/io/dataset.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/run_bundle.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using nlohmann::json;
using testing::edges_at;
using testing::TempRoot;

TEST(RunBundle, TablesIndexForSeveralTables) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_bundle");
  dataset.append(core::TableName::IdentityEdges, edges_at({3, 250, 120}));
  dataset.append(core::TableName::Holdings, frame::Frame{{"tick", frame::Column::from<std::int64_t>({7})},
                                                         {"agent_id", frame::Column::from<std::string>({"A"})},
                                                         {"token_id", frame::Column::from<std::string>({"T"})},
                                                         {"quantity", frame::Column::from<std::int64_t>({1})}});
  const json payload = write_run_bundle_manifest(root.settings(), "run_bundle", json{{"note", "demo"}});

  EXPECT_EQ(payload["schema_version"], 1);
  EXPECT_EQ(payload["run"]["run_id"], "run_bundle");
  EXPECT_EQ(payload["run"]["core_schema_v"], (json{{"major", 0}, {"minor", 1}, {"date", "2025-09-20"}}));
  EXPECT_TRUE(payload["run"]["git"].contains("sha"));
  EXPECT_TRUE(payload["run"]["git"].contains("dirty"));
  EXPECT_TRUE(payload["env"].contains("crv_io"));
  EXPECT_TRUE(payload["env"].contains("compiler"));
  EXPECT_TRUE(payload["env"].contains("parquet_writer"));
  EXPECT_EQ(payload["io"]["tick_bucket_size"], 100);
  EXPECT_EQ(payload["io"]["compression"], "zstd");
  EXPECT_EQ(payload["meta"], (json{{"note", "demo"}}));

  const json& tables = payload["tables"];
  ASSERT_EQ(tables.size(), 2u);
  const json& edges = tables["identity_edges"];
  EXPECT_EQ(edges["rows"], 3);
  EXPECT_EQ(edges["total_rows"], 3);
  EXPECT_EQ(edges["bytes"], edges["total_bytes"]);
  EXPECT_GT(edges["bytes"].get<std::int64_t>(), 0);
  EXPECT_EQ(edges["tick_min"], 3);
  EXPECT_EQ(edges["tick_max"], 250);
  EXPECT_EQ(edges["buckets"], json::array({0, 1, 2}));
  EXPECT_EQ(tables["holdings"]["buckets"], json::array({0}));

  const auto path = bundle_manifest_path(root.settings(), "run_bundle");
  std::ifstream in(path);
  EXPECT_EQ(json::parse(in), payload);
}

TEST(RunBundle, NoTablesGivesAnEmptyIndexAndNullableTicks) {
  TempRoot root;
  const json payload = write_run_bundle_manifest(root.settings(), "run_empty_bundle");
  EXPECT_EQ(payload["tables"], json::object());
  EXPECT_EQ(payload["meta"], json::object());
  EXPECT_EQ(payload["artifacts"]["lab"]["tidy"], json::array());
  EXPECT_EQ(payload["artifacts"]["world"], json::object());

  // An empty manifest: null tick bounds, no buckets.
  save_manifest(Env::posix(), manifest_path(root.settings(), "run_empty_bundle", core::TableName::Messages),
                TableManifest::create("messages"));
  const json tables = tables_index(Env::posix(), root.settings(), "run_empty_bundle");
  EXPECT_TRUE(tables["messages"]["tick_min"].is_null());
  EXPECT_TRUE(tables["messages"]["tick_max"].is_null());
  EXPECT_EQ(tables["messages"]["rows"], 0);
  EXPECT_EQ(tables["messages"]["buckets"], json::array());
}

TEST(Artifacts, IndexListsLabFilesWithRowsForParquet) {
  TempRoot root;
  Env& env = Env::posix();
  const auto tidy = ensure_lab_dir(env, root.settings(), "run_art", "tidy");
  write_text_artifact(env, tidy / "notes.txt", "hello");
  write_parquet_artifact(env, root.settings(), tidy / "table.parquet", edges_at({1, 2, 3}));
  const auto audit = ensure_lab_dir(env, root.settings(), "run_art", "audit");
  { std::ofstream(audit / "x.json.tmp") << "{}"; }
  EXPECT_THROW(ensure_lab_dir(env, root.settings(), "run_art", "bogus"), IoError);

  EXPECT_EQ(file_stats(env, tidy / "notes.txt").bytes, 5u);
  EXPECT_EQ(file_stats(env, tidy / "table.parquet").rows, 3);

  const json index = artifacts_index(env, root.settings(), "run_art");
  const json& entries = index["lab"]["tidy"];
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["path"], "artifacts/lab/tidy/notes.txt");
  EXPECT_EQ(entries[0]["bytes"], 5);
  EXPECT_FALSE(entries[0].contains("rows"));
  EXPECT_EQ(entries[1]["path"], "artifacts/lab/tidy/table.parquet");
  EXPECT_EQ(entries[1]["rows"], 3);
  EXPECT_EQ(index["lab"]["audit"], json::array());
}

}  // namespace
}  // namespace crv::io
