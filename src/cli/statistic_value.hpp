#pragma once
// A Parquet statistics bound (a min or max: PLAIN-encoded bytes) as a readable JSON value,
// decoded by the column's logical type (else its converted type, else its physical type),
// in the form `crv-io parquet dump` prints values (crv/frame/canonical_json.hpp):
// integers signed or unsigned, floats in shortest round-trip form, text as strings, dates,
// times and timestamps as ISO-8601 strings, decimals as exact decimal strings. Anything
// else (binary, INT96, bounds of an unexpected size) is "0x" and lowercase hex.

#include <string>

#include <nlohmann/json.hpp>

#include "crv/parquet/metadata.hpp"

namespace crv::cli {

/// `element` is the column's leaf schema element, or nullptr when it is unknown.
nlohmann::json statistic_value(const parquet::SchemaNode* element, parquet::Type type, const std::string& bytes);

}  // namespace crv::cli
