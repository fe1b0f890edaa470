// `crv-io parquet schema|meta|dump`: run the built binary on a file the writer produced.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"
#include "crv/frame/builder.hpp"
#include "crv/frame/column.hpp"
#include "crv/frame/frame.hpp"
#include "crv/parquet/sink.hpp"
#include "crv/parquet/writer.hpp"

namespace {

using crv::frame::Column;
using crv::frame::Frame;

using CommandResult = crv::cli::testing::CliResult;

CommandResult run_parquet(const std::string& arguments) {
  return crv::cli::testing::run_crv_io("parquet " + arguments);
}

class ParquetCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::string(
        (std::filesystem::temp_directory_path() / ("crv-parquet-cmd-" + std::to_string(::getpid()) + ".parquet"))
            .string());
    const Frame frame(
        {{"tick", Column::from<int64_t>({0, 1, 2})},
         {"name", Column::from<std::string>({"a", std::nullopt, "c,\"d\""})},
         {"x", Column::from<double>({0.1, -0.0, 1e21})},
         {"s", Column::struct_of({{"b", Column::from<float>({1.5f, 0.1f, std::nullopt})}})},
         {"l", Column::list_of({0, 2, 2, 3}, Column::from<int32_t>({7, std::nullopt, 9}), {true, false, true})}});
    crv::parquet::WriterOptions options;
    options.key_value_metadata = {{"crv_table_name", "agents"}};
    options.row_group_size = 2;
    crv::parquet::MemorySink sink;
    crv::parquet::write_frame(frame, sink, options);
    std::ofstream(*path_, std::ios::binary)
        .write(reinterpret_cast<const char*>(sink.bytes().data()), static_cast<std::streamsize>(sink.bytes().size()));
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

TEST_F(ParquetCommand, MetaDecodesStatisticsByLogicalType) {
  namespace fr = crv::frame;
  auto numeric = [](const fr::TypePtr& type, auto first, auto second) {
    fr::NumericBuilder<decltype(first)> builder(type);
    builder.append(first);
    builder.append(second);
    return builder.finish();
  };
  // 12345.67 and -0.05 as 16-byte little-endian two's-complement integers (scale 2).
  fr::FixedSizeBinaryBuilder decimals(fr::decimal128(9, 2));
  for (const int64_t unscaled : {int64_t{1234567}, int64_t{-5}}) {
    uint8_t bytes[16];
    std::memcpy(bytes, &unscaled, sizeof(unscaled));
    std::memset(bytes + 8, unscaled < 0 ? 0xff : 0, 8);
    decimals.append(bytes);
  }
  const Frame frame(
      {{"day", numeric(fr::date32(), int32_t{19000}, int32_t{-1})},
       {"at", numeric(fr::timestamp(fr::TimeUnit::Micro, "UTC"), int64_t{1'700'000'000'123'456}, int64_t{0})},
       {"local", numeric(fr::timestamp(fr::TimeUnit::Milli), int64_t{-1}, int64_t{86'400'000})},
       {"clock", numeric(fr::time64(fr::TimeUnit::Micro), int64_t{3'723'000'001}, int64_t{0})},
       {"price", decimals.finish()},
       {"word", Column::from<std::string>({"zeta", "\xc3\xa9t\xc3\xa9"})}});
  const std::string path =
      (std::filesystem::temp_directory_path() / ("crv-parquet-cmd-stats-" + std::to_string(::getpid()) + ".parquet"))
          .string();
  crv::parquet::MemorySink sink;
  crv::parquet::write_frame(frame, sink);
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(sink.bytes().data()), static_cast<std::streamsize>(sink.bytes().size()));
  const CommandResult r = run_parquet("meta '" + path + "' --json");
  std::filesystem::remove(path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto columns = nlohmann::json::parse(r.out)["row_groups"][0]["columns"];
  ASSERT_EQ(columns.size(), 6u);
  auto bounds = [&columns](size_t i) {
    const auto& s = columns[i]["statistics"];
    return std::pair{s["min"], s["max"]};
  };
  EXPECT_EQ(bounds(0), std::pair(nlohmann::json("1969-12-31"), nlohmann::json("2022-01-08")));
  EXPECT_EQ(bounds(1),
            std::pair(nlohmann::json("1970-01-01T00:00:00.000000Z"), nlohmann::json("2023-11-14T22:13:20.123456Z")));
  EXPECT_EQ(bounds(2), std::pair(nlohmann::json("1969-12-31T23:59:59.999"), nlohmann::json("1970-01-02T00:00:00.000")));
  EXPECT_EQ(bounds(3), std::pair(nlohmann::json("00:00:00.000000"), nlohmann::json("01:02:03.000001")));
  EXPECT_EQ(bounds(4), std::pair(nlohmann::json("-0.05"), nlohmann::json("12345.67")));
  EXPECT_EQ(bounds(5), std::pair(nlohmann::json("zeta"), nlohmann::json("\xc3\xa9t\xc3\xa9")));
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
