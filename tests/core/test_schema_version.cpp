#include <gtest/gtest.h>

#include "crv/core/error.hpp"
#include "crv/core/schema_version.hpp"

namespace crv::core {
namespace {

TEST(SchemaVersion, CurrentVersion) {
  EXPECT_EQ(SCHEMA_V.major, 0);
  EXPECT_EQ(SCHEMA_V.minor, 1);
  EXPECT_EQ(SCHEMA_V.date, "2025-09-20");
  EXPECT_EQ(to_metadata_string(SCHEMA_V), "0.1@2025-09-20");
  EXPECT_EQ(kSchemaVersionMetadataKey, "crv_schema_version");
}

TEST(SchemaVersion, ParsesTheMetadataString) {
  EXPECT_EQ(parse_schema_version("0.1@2025-09-20"), SCHEMA_V);
  const SchemaVersion v = parse_schema_version("12.034@2030-01-31");
  EXPECT_EQ(v.major, 12);
  EXPECT_EQ(v.minor, 34);
  EXPECT_EQ(v.date, "2030-01-31");
  EXPECT_EQ(parse_schema_version(to_metadata_string(v)), v);
}

TEST(SchemaVersion, RejectsMalformedStrings) {
  for (const char* bad : {"", "0.1", "0@2025-09-20", "0.1@", "a.1@2025-09-20", "0.1@2025-13-01", "0.1@2025-9-20",
                          "0.1@2025-09-20x", "-1.1@2025-09-20", "0..1@2025-09-20"}) {
    EXPECT_THROW(parse_schema_version(bad), CoreError) << bad;
  }
  try {
    parse_schema_version("zero@2025-09-20");
  } catch (const CoreError& error) {
    EXPECT_NE(std::string(error.what()).find("zero@2025-09-20"), std::string::npos);
  }
}

TEST(SchemaVersion, CompatibleMeansSameMajorAndMinor) {
  EXPECT_TRUE(is_compatible(SCHEMA_V, SchemaVersion{0, 1, "2026-01-01"}));
  EXPECT_FALSE(is_compatible(SCHEMA_V, SchemaVersion{0, 2, "2025-09-20"}));
  EXPECT_FALSE(is_compatible(SCHEMA_V, SchemaVersion{1, 1, "2025-09-20"}));
}

TEST(SchemaVersion, Successor) {
  EXPECT_TRUE(is_successor_of(SchemaVersion{0, 2, "2025-10-01"}, SCHEMA_V));
  EXPECT_TRUE(is_successor_of(SchemaVersion{1, 0, "2025-09-20"}, SCHEMA_V));
  EXPECT_FALSE(is_successor_of(SchemaVersion{0, 3, "2025-10-01"}, SCHEMA_V));
  EXPECT_FALSE(is_successor_of(SchemaVersion{0, 2, "2025-01-01"}, SCHEMA_V));
  EXPECT_FALSE(is_successor_of(SchemaVersion{1, 1, "2025-10-01"}, SCHEMA_V));
  EXPECT_FALSE(is_successor_of(SCHEMA_V, SCHEMA_V));
  EXPECT_FALSE(is_successor_of(SCHEMA_V, SchemaVersion{0, 2, "2025-10-01"}));
}

}  // namespace
}  // namespace crv::core
