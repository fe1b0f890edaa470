#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "crv/core/ids.hpp"

namespace crv::core {
namespace {

TEST(Ids, LowerSnake) {
  for (const char* good : {"run", "a", "run_1", "my_run_2", "0abc", "a1_b2_c3"}) {
    EXPECT_TRUE(is_lower_snake(good)) << good;
  }
  for (const char* bad : {"", "_run", "run_", "run__x", "Run", "run-x", "run x", "run.x", "é"}) {
    EXPECT_FALSE(is_lower_snake(bad)) << bad;
  }
}

TEST(Ids, MakeRunIdHasPrefixAndSixLowercaseHex) {
  const std::regex pattern("^run_[0-9a-f]{6}$");
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    const std::string id = make_run_id();
    EXPECT_TRUE(std::regex_match(id, pattern)) << id;
    EXPECT_TRUE(is_valid_run_id(id));
    seen.insert(id);
  }
  EXPECT_GT(seen.size(), 40u);  // random, so nearly all distinct
  EXPECT_TRUE(std::regex_match(make_run_id("sweep_2"), std::regex("^sweep_2_[0-9a-f]{6}$")));
}

TEST(Ids, MakeRunIdRejectsNonSnakePrefix) {
  EXPECT_THROW(make_run_id("Bad-Prefix"), CoreError);
  EXPECT_THROW(make_run_id(""), CoreError);
}

TEST(Ids, ValidRunIds) {
  for (const char* good : {"20250101-000000", "run_abc123", "A.b:c-d_e", "...", "x..y", ".hidden"}) {
    EXPECT_TRUE(is_valid_run_id(good)) << good;
    EXPECT_EQ(validate_run_id(good), good);
  }
}

TEST(Ids, InvalidRunIdsNameTheIdAndRule) {
  for (const char* bad : {"", ".", "..", "a/b", "../x", "a b", "tab\tid", "é", "a*b"}) {
    EXPECT_FALSE(is_valid_run_id(bad)) << bad;
    EXPECT_THROW(validate_run_id(bad), CoreError) << bad;
  }
  try {
    validate_run_id("bad/id");
    FAIL();
  } catch (const CoreError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("'bad/id'"), std::string::npos) << message;
    EXPECT_NE(message.find("[A-Za-z0-9._:-]"), std::string::npos) << message;
  }
  try {
    validate_run_id("..");
    FAIL();
  } catch (const CoreError& error) {
    EXPECT_NE(std::string(error.what()).find("'.' and '..'"), std::string::npos);
  }
}

TEST(Ids, NormalizeTrimsAndReplacesInnerSpaces) {
  EXPECT_EQ(normalize_run_id("  my run  "), "my_run");
  EXPECT_EQ(normalize_run_id("a  b\tc"), "a_b_c");
  EXPECT_EQ(normalize_run_id("already_ok"), "already_ok");
  EXPECT_EQ(normalize_run_id("2025-01-01 12:00:00"), "2025-01-01_12:00:00");
}

TEST(Ids, NormalizeRejectsWhatStaysInvalid) {
  EXPECT_THROW(normalize_run_id("   "), CoreError);
  EXPECT_THROW(normalize_run_id(" .. "), CoreError);
  EXPECT_THROW(normalize_run_id(" . "), CoreError);
  EXPECT_THROW(normalize_run_id("a/b"), CoreError);
}

}  // namespace
}  // namespace crv::core
