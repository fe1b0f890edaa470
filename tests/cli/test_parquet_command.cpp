// `crv-io parquet schema|meta|dump`: run the built binary on a file the writer produced.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "crv/frame/column.hpp"
#include "crv/frame/frame.hpp"
#include "crv/parquet/sink.hpp"
#include "crv/parquet/writer.hpp"

namespace {

using crv::frame::Column;
using crv::frame::Frame;

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read_text(const std::filesystem::path& path) {
  std::string text;
  if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), f)) > 0;) text.append(buffer, n);
    std::fclose(f);
  }
  return text;
}

CommandResult run_parquet(const std::string& arguments) {
  static int counter = 0;
  const std::filesystem::path base = std::filesystem::temp_directory_path() /
                                     ("crv-parquet-cmd-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::string out = base.string() + ".out";
  const std::string err = base.string() + ".err";
  const std::string command = std::string("'") + CRV_CLI_PATH + "' parquet " + arguments + " >'" + out + "' 2>'" + err + "'";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(out);
  result.err = read_text(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

class ParquetCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::string((std::filesystem::temp_directory_path() / ("crv-parquet-cmd-" + std::to_string(::getpid()) + ".parquet")).string());
    const Frame frame({{"tick", Column::from<int64_t>({0, 1, 2})},
                       {"name", Column::from<std::string>({"a", std::nullopt, "c,\"d\""})},
                       {"x", Column::from<double>({0.1, -0.0, 1e21})},
                       {"s", Column::struct_of({{"b", Column::from<float>({1.5f, 0.1f, std::nullopt})}})},
                       {"l", Column::list_of({0, 2, 2, 3}, Column::from<int32_t>({7, std::nullopt, 9}), {true, false, true})}});
    crv::parquet::WriterOptions options;
    options.key_value_metadata = {{"crv_table_name", "agents"}};
    options.row_group_size = 2;
    crv::parquet::MemorySink sink;
    crv::parquet::write_frame(frame, sink, options);
    std::ofstream(*path_, std::ios::binary).write(reinterpret_cast<const char*>(sink.bytes().data()),
                                                  static_cast<std::streamsize>(sink.bytes().size()));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove(*path_);
    delete path_;
  }
  static std::string file() { return "'" + *path_ + "'"; }
  static std::string* path_;
};
std::string* ParquetCommand::path_ = nullptr;

TEST_F(ParquetCommand, DumpJsonlIsTheCanonicalForm) {
  const CommandResult r = run_parquet("dump " + file());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"tick\":0,\"name\":\"a\",\"x\":0.1,\"s\":{\"b\":1.5},\"l\":[7,null]}\n"
            "{\"tick\":1,\"name\":null,\"x\":-0,\"s\":{\"b\":0.1},\"l\":null}\n"
            "{\"tick\":2,\"name\":\"c,\\\"d\\\"\",\"x\":1e+21,\"s\":{\"b\":null},\"l\":[9]}\n");
}

TEST_F(ParquetCommand, DumpColumnsLimitCsvAndTable) {
  CommandResult r = run_parquet("dump " + file() + " --columns name,tick --limit 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "{\"name\":\"a\",\"tick\":0}\n{\"name\":null,\"tick\":1}\n");
  r = run_parquet("dump " + file() + " --columns tick,name --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "tick,name\n0,a\n1,\n2,\"c,\"\"d\"\"\"\n");
  r = run_parquet("dump " + file() + " --format table");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("shape: (3, 5)"), std::string::npos) << r.out;
}

TEST_F(ParquetCommand, SchemaShowsTheTree) {
  const CommandResult r = run_parquet("schema " + file());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("optional INT64 tick (INTEGER(bitWidth=64, isSigned=true)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("optional BYTE_ARRAY name (STRING"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("optional group l (LIST"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("l: list[i32]"), std::string::npos) << r.out;
}

TEST_F(ParquetCommand, MetaJsonHasRowGroupsAndStatistics) {
  CommandResult r = run_parquet("meta " + file() + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["num_rows"], 3);
  ASSERT_EQ(j["row_groups"].size(), 2u);
  EXPECT_EQ(j["key_value_metadata"]["crv_table_name"], "agents");
  const auto& tick = j["row_groups"][1]["columns"][0];
  EXPECT_EQ(tick["path"], "tick");
  EXPECT_EQ(tick["statistics"]["min"], 2);
  EXPECT_EQ(tick["statistics"]["max"], 2);
  r = run_parquet("meta " + file());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("row group 1: 1 rows"), std::string::npos) << r.out;
}

TEST_F(ParquetCommand, ErrorsHaveExitCodes) {
  CommandResult r = run_parquet("dump /nonexistent/file.parquet");
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("file.parquet"), std::string::npos) << r.err;
  r = run_parquet("dump " + file() + " --columns nope");
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
  r = run_parquet("dump " + file() + " --format xml");
  EXPECT_EQ(r.exit_code, 2);
  const std::string not_parquet = (std::filesystem::temp_directory_path() / "crv-parquet-cmd-not.parquet").string();
  std::ofstream(not_parquet) << "this is not a parquet file at all";
  r = run_parquet("schema '" + not_parquet + "'");
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("PAR1"), std::string::npos) << r.err;
  std::filesystem::remove(not_parquet);
}

}  // namespace
