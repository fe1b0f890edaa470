#include <gtest/gtest.h>

#include <set>
#include <string>

#include "crv/core/error.hpp"
#include "crv/core/table_name.hpp"

namespace crv::core {
namespace {

TEST(TableName, EightCanonicalTablesInReferenceOrder) {
  std::vector<std::string> names;
  for (TableName table : all_table_names()) names.emplace_back(to_string(table));
  EXPECT_EQ(names, (std::vector<std::string>{"exchange", "identity_edges", "scenarios_seen", "messages", "decisions",
                                             "oracle_calls", "holdings", "holdings_valuation"}));
}

TEST(TableName, RoundTripsEveryName) {
  for (TableName table : all_table_names()) {
    EXPECT_EQ(parse_table_name(to_string(table)), table);
    EXPECT_EQ(try_parse_table_name(to_string(table)), table);
  }
}

TEST(TableName, UnknownNameErrorListsValidNames) {
  EXPECT_FALSE(try_parse_table_name("Exchange").has_value());
  EXPECT_FALSE(try_parse_table_name("").has_value());
  try {
    parse_table_name("trades");
    FAIL() << "expected CoreError";
  } catch (const CoreError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("'trades'"), std::string::npos) << message;
    for (TableName table : all_table_names()) {
      EXPECT_NE(message.find(std::string(to_string(table))), std::string::npos) << message;
    }
  }
}

TEST(TableName, CoreErrorIsInvalidArgument) { EXPECT_THROW(parse_table_name("nope"), std::invalid_argument); }

}  // namespace
}  // namespace crv::core
