#pragma once
/// @file
/// The version of the canonical schema, stored in every Parquet part.

#include <string>
#include <string_view>

#include "crv/export.hpp"

namespace crv::core {

/// The version of the canonical tables' schema, written into every part as
/// `crv_schema_version` ("0.1@2025-09-20") and into the run bundle.
struct SchemaVersion {
  int major = 0;     ///< the major version
  int minor = 0;     ///< the minor version
  std::string date;  ///< "YYYY-MM-DD"

  bool operator==(const SchemaVersion&) const = default;  ///< memberwise
};

/// The schema version this library writes: 0.1 of 2025-09-20.
inline const SchemaVersion SCHEMA_V{0, 1, "2025-09-20"};
/// The Parquet key-value metadata key holding the schema version ("0.1@2025-09-20").
inline constexpr std::string_view kSchemaVersionMetadataKey = "crv_schema_version";

/// Same major and minor (the date is informative).
CRV_IO_EXPORT bool is_compatible(const SchemaVersion& a, const SchemaVersion& b);

/// True when `next` is the immediate successor of `previous`: the next minor of the
/// same major, or the next major with minor 0; its date is not earlier.
CRV_IO_EXPORT bool is_successor_of(const SchemaVersion& next, const SchemaVersion& previous);

/// "0.1@2025-09-20", the value of the crv_schema_version file metadata.
CRV_IO_EXPORT std::string to_metadata_string(const SchemaVersion& version);

/// Parses "<major>.<minor>@<YYYY-MM-DD>". Throws CoreError naming the bad text.
CRV_IO_EXPORT SchemaVersion parse_schema_version(std::string_view text);

}  // namespace crv::core
