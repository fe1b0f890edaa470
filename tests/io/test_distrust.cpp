// The reader distrusts what is on disk (issue 13): manifest paths must be plain part names
// inside their bucket directory and listed once; a part must be a regular file (a FIFO never
// blocks a read, a rebuild or a walk); a part's footer must agree with the manifest (rows,
// tick range), with the run and the table (key-value metadata) and with the descriptor.

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "crv/io/rebuild.hpp"
#include "io/append_parts.hpp"
#include "io/dataset_test_support.hpp"
#include "io/part_io.hpp"

namespace crv::io {
namespace {

namespace fs = std::filesystem;
using testing::edges_at;
using ::testing::HasSubstr;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

void write_json(const fs::path& path, const nlohmann::json& value) {
  std::ofstream(path, std::ios::trunc) << value.dump(2);
}

/// The message of the IoError `read` throws ("" when it returns).
std::string error_of(const std::function<void()>& read) {
  try {
    read();
  } catch (const IoError& error) {
    return error.what();
  }
  return "";
}

/// identity_edges rows at `ticks` as a part stores them (with the `bucket` column).
frame::Frame part_rows(const std::vector<std::int64_t>& ticks) {
  const frame::Frame rows = edges_at(ticks);
  std::vector<std::int64_t> buckets;
  for (const std::int64_t tick : ticks) buckets.push_back(tick / 100);
  std::vector<std::pair<std::string, frame::Column>> columns{{"bucket", frame::Column::from<std::int64_t>(buckets)}};
  for (std::size_t k = 0; k < rows.num_columns(); ++k) columns.emplace_back(rows.schema()[k].name, rows.column(k));
  return frame::Frame(std::move(columns));
}

/// Runs `body` in a forked child killed by SIGALRM after `seconds`; its exit status, or
/// 128 + the signal that ended it (a hang shows as 128 + SIGALRM).
int in_child(const std::function<int()>& body, unsigned seconds = 10) {
  const pid_t pid = fork();
  if (pid == 0) {
    alarm(seconds);
    int status = 99;
    try {
      status = body();
    } catch (...) {
      status = 98;
    }
    _exit(status);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

// --- manifest paths -------------------------------------------------------------------------

TEST(Distrust, AManifestPathLeavingItsBucketDirectoryIsRefused) {
  TempRoot root;
  const IoSettings settings = root.settings();
  const std::string f_part = Dataset(settings, "f").append(kEdges, edges_at({1, 2})).parts.at(0).path;
  const std::string g_part = Dataset(settings, "g").append(kEdges, edges_at({3, 4, 5})).parts.at(0).path;
  const fs::path manifest_file = manifest_path(settings, "f", kEdges);
  const nlohmann::json original = read_json(manifest_file);
  const std::vector<std::string> bad_paths = {
      "../../../../g/tables/identity_edges/bucket=000000/" + g_part,  // run g's rows read as run f's
      (bucket_dir(settings, "g", kEdges, 0) / g_part).string(),       // absolute
      "sub/" + f_part,                                                // a slash
      "..",
      "part-" + std::string(32, 'A') + ".parquet",  // not what crv-io or the reference write
  };
  for (const std::string& bad : bad_paths) {
    SCOPED_TRACE(bad);
    nlohmann::json manifest = original;
    manifest["partitions"]["000000"]["parts"][0]["path"] = bad;
    write_json(manifest_file, manifest);
    const Dataset reader(settings, "f");
    const std::string message = error_of([&] { reader.read(kEdges); });
    EXPECT_THAT(message, HasSubstr(manifest_file.string()));
    EXPECT_THAT(message, HasSubstr("'" + bad + "'"));
    EXPECT_THAT(message, HasSubstr("rebuild-manifest --run f --table identity_edges"));
    EXPECT_THROW(reader.read(kEdges), IoManifestError);
    EXPECT_THROW(reader.scan(kEdges).count(), IoManifestError);
  }
  // rebuild-manifest repairs it: the walk lists the bucket's own part only.
  Dataset dataset(settings, "f");
  EXPECT_EQ(dataset.rebuild_manifest(kEdges).total_rows(), 2);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 2);
}

TEST(Distrust, APartListedTwiceIsRefusedNotReadTwice) {
  TempRoot root;
  const IoSettings settings = root.settings();
  Dataset(settings, "run_twice").append(kEdges, edges_at({1, 2}));
  const fs::path manifest_file = manifest_path(settings, "run_twice", kEdges);
  nlohmann::json manifest = read_json(manifest_file);
  nlohmann::json& partition = manifest["partitions"]["000000"];
  partition["parts"].push_back(partition["parts"][0]);
  partition["row_count"] = 4;
  write_json(manifest_file, manifest);
  const Dataset reader(settings, "run_twice");
  const std::string message = error_of([&] { reader.read(kEdges); });
  EXPECT_THAT(message, HasSubstr(manifest_file.string()));
  EXPECT_THAT(message, HasSubstr("twice"));
  EXPECT_THAT(message, HasSubstr(partition["parts"][0]["path"].get<std::string>()));
  EXPECT_THROW(reader.read(kEdges), IoManifestError);
}

// --- non-regular files ----------------------------------------------------------------------

TEST(Distrust, AFifoNamedLikeAPartNeverBlocksAReadARebuildOrAWalk) {
  TempRoot root;
  const IoSettings settings = root.settings();
  Dataset(settings, "run_fifo").append(kEdges, edges_at({1, 2}));
  const std::string fifo_name = "part-" + std::string(32, 'f') + ".parquet";
  const fs::path fifo = bucket_dir(settings, "run_fifo", kEdges, 0) / fifo_name;
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  const fs::path manifest_file = manifest_path(settings, "run_fifo", kEdges);
  nlohmann::json manifest = read_json(manifest_file);
  manifest["partitions"]["000000"]["parts"].push_back(
      {{"path", fifo_name}, {"rows", 1}, {"bytes", 10}, {"tick_min", 3}, {"tick_max", 3}, {"created_at", ""}});
  write_json(manifest_file, manifest);

  // Listed in the manifest: the read fails at once, naming the file.
  EXPECT_EQ(in_child([&] {
              try {
                Dataset(settings, "run_fifo").read(kEdges);
              } catch (const IoError& error) {
                const std::string message = error.what();
                return message.find(fifo.string()) != std::string::npos &&
                               message.find("not a regular file") != std::string::npos
                           ? 0
                           : 2;
              }
              return 1;
            }),
            0);
  // rebuild-manifest reports it and keeps the rest.
  EXPECT_EQ(in_child([&] {
              const RebuildResult result = Dataset(settings, "run_fifo").rebuild_manifest_with_report(kEdges);
              return result.unreadable.size() == 1 && result.unreadable[0].path == "bucket=000000/" + fifo_name &&
                             result.manifest.total_rows() == 2
                         ? 0
                         : 2;
            }),
            0);
  // No manifest and no log: the directory walk reports it (skipped) and reads the rest.
  fs::remove(manifest_file);
  fs::remove_all(run_root(settings, "run_fifo") / "_crv_log");
  EXPECT_EQ(in_child([&] { return Dataset(settings, "run_fifo").read(kEdges).num_rows() == 2 ? 0 : 2; }), 0);
  EXPECT_EQ(in_child([&] {
              const RebuildResult result = scan_table_files(Env::posix(), settings, "run_fifo", kEdges);
              return result.unreadable.size() == 1 && result.manifest.total_rows() == 2 ? 0 : 2;
            }),
            0);
}

TEST(Distrust, AFifoManifestIsRefusedWithoutBlocking) {
  TempRoot root;
  const IoSettings settings = root.settings();
  Dataset(settings, "run_fifo_manifest").append(kEdges, edges_at({1}));
  const fs::path manifest_file = manifest_path(settings, "run_fifo_manifest", kEdges);
  fs::remove(manifest_file);
  ASSERT_EQ(::mkfifo(manifest_file.c_str(), 0644), 0);
  EXPECT_EQ(in_child([&] {
              try {
                Dataset(settings, "run_fifo_manifest").read(kEdges);
              } catch (const IoManifestError& error) {
                return std::string(error.what()).find("not a regular file") != std::string::npos ? 0 : 2;
              }
              return 1;
            }),
            0);
}

// --- part contents against the manifest, the run, the table and the descriptor --------------

TEST(Distrust, APartReplacedByAFileOfAnotherSchemaIsRefused) {
  TempRoot root;
  const IoSettings settings = root.settings();
  const AppendSummary summary = Dataset(settings, "run_schema").append(kEdges, edges_at({1, 2}));
  const fs::path part = bucket_dir(settings, "run_schema", kEdges, 0) / summary.parts.at(0).path;
  const frame::Frame other{{"a", frame::Column::from<std::int64_t>({1, 2, 3, 4, 5, 6, 7, 8, 9})}};
  write_parquet_file_atomically(Env::posix(), part, other, writer_options(settings));
  const Dataset reader(settings, "run_schema");
  const std::string message = error_of([&] { reader.read(kEdges); });
  EXPECT_THAT(message, HasSubstr(part.string()));
  EXPECT_THAT(message, HasSubstr("'tick'"));
  EXPECT_THROW(reader.read(kEdges), IoSchemaError);
  EXPECT_THROW(reader.scan(kEdges).batches().next(), IoSchemaError);
  // The walk of rebuild-manifest reports it instead of listing 9 rows of nulls.
  const RebuildResult rebuilt = scan_table_files(Env::posix(), settings, "run_schema", kEdges);
  ASSERT_EQ(rebuilt.unreadable.size(), 1u);
  EXPECT_EQ(rebuilt.manifest.total_rows(), 0);
}

TEST(Distrust, AColumnOfTheWrongTypeIsRefused) {
  TempRoot root;
  const IoSettings settings = root.settings();
  const AppendSummary summary = Dataset(settings, "run_type").append(kEdges, edges_at({1, 2}));
  const fs::path part = bucket_dir(settings, "run_type", kEdges, 0) / summary.parts.at(0).path;
  frame::Frame rows = part_rows({1, 2});
  std::vector<std::pair<std::string, frame::Column>> columns;
  for (std::size_t k = 0; k < rows.num_columns(); ++k) {
    const std::string& name = rows.schema()[k].name;
    columns.emplace_back(name, name == "edge_weight" ? frame::Column::from<std::string>({"x", "y"}) : rows.column(k));
  }
  write_parquet_file_atomically(Env::posix(), part, frame::Frame(std::move(columns)),
                                detail::part_writer_options(settings, "run_type", "identity_edges"));
  const std::string message = error_of([&] { Dataset(settings, "run_type").read(kEdges); });
  EXPECT_THAT(message, HasSubstr(part.string()));
  EXPECT_THAT(message, HasSubstr("column 'edge_weight' is str"));
  EXPECT_THAT(message, HasSubstr("f64"));
}

TEST(Distrust, RowCountAndTickRangeMustAgreeWithTheManifest) {
  TempRoot root;
  const IoSettings settings = root.settings();
  Dataset dataset(settings, "run_rows");
  const std::string two = dataset.append(kEdges, edges_at({1, 2})).parts.at(0).path;
  const std::string nine = dataset.append(kEdges, edges_at({10, 11, 12, 13, 14, 15, 16, 17, 18})).parts.at(0).path;
  const std::string other_two = dataset.append(kEdges, edges_at({50, 60})).parts.at(0).path;
  const fs::path bucket = bucket_dir(settings, "run_rows", kEdges, 0);
  const std::string manifest_file = manifest_path(settings, "run_rows", kEdges).string();

  // 9 rows where the manifest says 2.
  fs::copy_file(bucket / nine, bucket / two, fs::copy_options::overwrite_existing);
  std::string message = error_of([&] { Dataset(settings, "run_rows").read(kEdges); });
  EXPECT_THAT(message, HasSubstr((bucket / two).string()));
  EXPECT_THAT(message, HasSubstr("the manifest says 2 rows, the file has 9"));
  EXPECT_THAT(message, HasSubstr(manifest_file));
  EXPECT_THROW(Dataset(settings, "run_rows").scan(kEdges).count(), IoManifestError);

  // The right row count but other ticks: [50, 60] where the manifest says [1, 2].
  fs::copy_file(bucket / other_two, bucket / two, fs::copy_options::overwrite_existing);
  message = error_of([&] { Dataset(settings, "run_rows").read(kEdges); });
  EXPECT_THAT(message, HasSubstr((bucket / two).string()));
  EXPECT_THAT(message, HasSubstr("the manifest says ticks [1, 2], the file's statistics say [50, 60]"));
  EXPECT_THROW(Dataset(settings, "run_rows").read(kEdges, Where{0, 100}), IoManifestError);
}

TEST(Distrust, RunAndTableMetadataMustAgreeButMayBeAbsent) {
  TempRoot root;
  const IoSettings settings = root.settings();
  const AppendSummary summary = Dataset(settings, "f").append(kEdges, edges_at({1, 2}));
  const fs::path part = bucket_dir(settings, "f", kEdges, 0) / summary.parts.at(0).path;

  // The same rows, written for run g: refused, naming the file and both runs.
  write_parquet_file_atomically(Env::posix(), part, part_rows({1, 2}),
                                detail::part_writer_options(settings, "g", "identity_edges"));
  std::string message = error_of([&] { Dataset(settings, "f").read(kEdges); });
  EXPECT_THAT(message, HasSubstr(part.string()));
  EXPECT_THAT(message, HasSubstr("crv_run_id = 'g'"));
  EXPECT_THAT(message, HasSubstr("run 'f'"));
  const RebuildResult rebuilt = scan_table_files(Env::posix(), settings, "f", kEdges);
  ASSERT_EQ(rebuilt.unreadable.size(), 1u);
  EXPECT_THAT(rebuilt.unreadable[0].error, HasSubstr("crv_run_id"));

  // Written for another table.
  write_parquet_file_atomically(Env::posix(), part, part_rows({1, 2}),
                                detail::part_writer_options(settings, "f", "holdings"));
  message = error_of([&] { Dataset(settings, "f").read(kEdges); });
  EXPECT_THAT(message, HasSubstr("crv_table_name = 'holdings'"));

  // No crv metadata at all (another writer, as Polars without it): accepted.
  write_parquet_file_atomically(Env::posix(), part, part_rows({1, 2}), writer_options(settings));
  EXPECT_EQ(Dataset(settings, "f").read(kEdges).num_rows(), 2);
}

TEST(Distrust, InlineRowsSealedAndCompactedPartsStillRead) {
  TempRoot root;
  {
    Dataset dataset(root.streaming_settings(), "run_inline");
    dataset.append(kEdges, edges_at({1, 2}));
    dataset.append(kEdges, edges_at({3}));
    EXPECT_EQ(dataset.read(kEdges).num_rows(), 3);  // inline in the log
    EXPECT_EQ(dataset.follow(kEdges, LogCursor{}).rows.num_rows(), 3);
    dataset.append(kEdges, edges_at({150}));
    dataset.close();
    EXPECT_EQ(Dataset(root.streaming_settings(), "run_inline").read(kEdges).num_rows(), 4);
  }
  Dataset parts(root.settings(), "run_compact");
  parts.append(kEdges, edges_at({1, 2}));
  parts.append(kEdges, edges_at({3}));
  EXPECT_EQ(parts.compact(kEdges).size(), 1u);  // reads (and checks) both parts
  EXPECT_EQ(parts.read(kEdges).num_rows(), 3);
}

TEST(Distrust, AnUnvalidatedAppendStillWritesOnlyWhatReadersAccept) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_unvalidated");
  const frame::Frame rows{
      {"tick", frame::Column::from<std::int64_t>({1})},
      {"observer_agent_id", frame::Column::from<std::string>({"A"})},
      {"edge_kind", frame::Column::from<std::string>({"self_to_object"})},
      {"edge_weight", frame::Column::from<std::string>({"heavy"})},
  };
  AppendOptions options;
  options.validate_schema = false;
  EXPECT_THROW(dataset.append(kEdges, rows, options), IoSchemaError);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 0);
  dataset.append(kEdges, edges_at({1}), options);
  EXPECT_EQ(dataset.read(kEdges).num_rows(), 1);
}

}  // namespace
}  // namespace crv::io
