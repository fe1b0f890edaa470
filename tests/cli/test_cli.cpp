// Runs the built crv-io binary (CRV_CLI_PATH) and checks its output and exit codes.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"
#include "crv/core/table_descriptor.hpp"
#include "crv/version.hpp"

namespace {

using Result = crv::cli::testing::CliResult;

Result run_cli(const std::string& arguments) { return crv::cli::testing::run_crv_io(arguments); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Cli, Version) {
  const Result result = run_cli("--version");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, std::string("crv-io ") + crv::kVersion + "\n");
}

TEST(Cli, Help) {
  const Result result = run_cli("--help");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(contains(result.out, "schema")) << result.out;
  EXPECT_TRUE(contains(result.out, "Exit codes")) << result.out;
}

TEST(Cli, SchemaHelp) {
  const Result result = run_cli("schema --help");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(contains(result.out, "--json")) << result.out;
}

TEST(Cli, SchemaPrintsEveryTable) {
  const Result result = run_cli("schema");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "0.1@2025-09-20")) << result.out;
  for (const crv::core::TableDescriptor& descriptor : crv::core::list_tables()) {
    EXPECT_TRUE(contains(result.out, std::string(crv::core::to_string(descriptor.name)) + " (" +
                                         std::to_string(descriptor.columns.size()) + " columns"))
        << result.out;
  }
  EXPECT_TRUE(contains(result.out, "additional_payload")) << result.out;
  EXPECT_TRUE(contains(result.out, "list[struct]")) << result.out;
  EXPECT_TRUE(result.err.empty()) << result.err;
}

TEST(Cli, SchemaOfOneTable) {
  const Result result = run_cli("schema holdings");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "holdings (5 columns, partitioned by bucket")) << result.out;
  EXPECT_FALSE(contains(result.out, "exchange")) << result.out;
  // Column rows in descriptor order, each with dtype and required/nullable.
  const auto bucket = result.out.find("bucket ");
  const auto tick = result.out.find("tick ");
  const auto quantity = result.out.find("quantity ");
  ASSERT_NE(bucket, std::string::npos);
  EXPECT_LT(bucket, tick);
  EXPECT_LT(tick, quantity);
  EXPECT_TRUE(contains(result.out.substr(quantity), "i64")) << result.out;
  EXPECT_TRUE(contains(result.out.substr(quantity), "required")) << result.out;

  const Result valuation = run_cli("schema holdings_valuation");
  const auto mark = valuation.out.find("mark_price ");
  ASSERT_NE(mark, std::string::npos) << valuation.out;
  const std::string row = valuation.out.substr(mark, valuation.out.find('\n', mark) - mark);
  EXPECT_TRUE(contains(row, "f64")) << row;
  EXPECT_TRUE(contains(row, "nullable")) << row;
}

TEST(Cli, SchemaJsonOfOneTable) {
  const Result result = run_cli("schema identity_edges --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["name"], "identity_edges");
  EXPECT_EQ(json["partitioning"], nlohmann::json::array({"bucket"}));
  const auto& descriptor = crv::core::get_table(crv::core::TableName::IdentityEdges);
  ASSERT_EQ(json["columns"].size(), descriptor.columns.size());
  for (std::size_t i = 0; i < descriptor.columns.size(); ++i) {
    const auto& column = json["columns"][i];
    EXPECT_EQ(column["name"], descriptor.columns[i].name);
    EXPECT_EQ(column["dtype"], std::string(crv::core::to_string(descriptor.columns[i].dtype)));
    EXPECT_EQ(column["required"], descriptor.is_required(descriptor.columns[i].name));
    EXPECT_EQ(column["nullable"], descriptor.is_nullable(descriptor.columns[i].name));
  }
  EXPECT_EQ(json["required"],
            nlohmann::json::array({"bucket", "tick", "observer_agent_id", "edge_kind", "edge_weight"}));
}

TEST(Cli, SchemaJsonOfAllTables) {
  const Result result = run_cli("schema --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["schema_version"], "0.1@2025-09-20");
  ASSERT_EQ(json["tables"].size(), crv::core::list_tables().size());
  for (std::size_t i = 0; i < json["tables"].size(); ++i) {
    EXPECT_EQ(json["tables"][i]["name"], std::string(crv::core::to_string(crv::core::list_tables()[i].name)));
  }
}

TEST(Cli, UnknownTableIsUsageError) {
  const Result result = run_cli("schema trades");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_TRUE(contains(result.err, "trades")) << result.err;
  EXPECT_TRUE(contains(result.err, "identity_edges")) << result.err;  // lists valid names
}

TEST(Cli, UsageErrors) {
  EXPECT_EQ(run_cli("").exit_code, 2);                // a command is required
  EXPECT_EQ(run_cli("frobnicate").exit_code, 2);      // unknown command
  EXPECT_EQ(run_cli("schema --bogus").exit_code, 2);  // unknown option
  const Result result = run_cli("schema holdings exchange");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_FALSE(result.err.empty());
}

}  // namespace
