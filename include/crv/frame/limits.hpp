#pragma once
/// @file
/// The limits of what crv-io stores, shared by every way data comes in (JSONL, Parquet
/// input, frames through Dataset::append, the Arrow C Data Interface) and by the Parquet
/// reader: whatever the writer accepts, the reader reads back. One header, so that the two
/// sides cannot drift apart.

#include <crv/export.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/frame/frame.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace crv::frame {

/// Struct and list levels above a leaf value: `i64` is 0 deep, `struct{a: i64}` 1,
/// `list[struct{a: i64}]` 2. Stored as Parquet, a struct is one schema level and a list
/// three (the LIST group, its repeated group, the element), so a column at the limit is at
/// most 1 + 2 * 64 schema levels deep: far from what recursion anywhere can trip over.
inline constexpr int kMaxNestingDepth = 64;

/// Bytes of one string or binary value. A value is written whole into the Parquet
/// statistics (page header, column index, footer), and Arrow's Thrift reader stops at
/// strings of 100 MB, so Polars, DuckDB and pyarrow read every value crv-io accepts; and a
/// page (at least one value) stays far below the reader's 1 GiB page limit.
inline constexpr int64_t kMaxValueBytes = int64_t{64} << 20;

/// Leaf columns (Parquet column chunks) of a frame or file: a struct counts its leaves.
/// Every leaf costs a column chunk per row group and a footer entry per chunk.
inline constexpr int64_t kMaxLeafColumns = 10000;

/// The nesting depth of `type` as counted by kMaxNestingDepth.
CRV_IO_EXPORT int nesting_depth(const DataType& type);

/// The Parquet leaf columns `type` is stored as (1 for a scalar; a struct without fields
/// is 1 too, as Parquet stores it as one placeholder column chunk).
CRV_IO_EXPORT int64_t leaf_columns(const DataType& type);

/// What is over a limit: the column (its top-level name; empty for the column count), a
/// sentence naming the column, the value and the limit, and what the writer can do instead.
struct CRV_IO_EXPORT LimitViolation {
  std::string column;   ///< the top-level column, empty for the column count
  std::string problem;  ///< the sentence naming the column, the value and the limit
  std::string advice;   ///< what the writer can do instead
};

/// The first column of `schema` nested deeper than kMaxNestingDepth. The Parquet reader
/// checks this one only: it reads wider files than crv-io writes, never a deeper one.
CRV_IO_EXPORT std::optional<LimitViolation> find_nesting_violation(const std::vector<Field>& schema);

/// find_nesting_violation, or the whole schema when it has more than kMaxLeafColumns
/// leaves. Looks at types only: no data is read.
CRV_IO_EXPORT std::optional<LimitViolation> find_schema_limit_violation(const std::vector<Field>& schema);

/// The schema checks, then the first string or binary value (nested ones included) longer
/// than kMaxValueBytes, naming its row. The value check reads only the offsets, and only
/// of columns whose data is larger than the limit as a whole.
CRV_IO_EXPORT std::optional<LimitViolation> find_limit_violation(const Frame& frame);

}  // namespace crv::frame
