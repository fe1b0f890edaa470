#pragma once
// Integer ranges from statistics (column chunk Statistics and ColumnIndex entries) of an
// INT32/INT64 leaf, for row-group and page pruning.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "parquet/metadata/thrift_types.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

using IntRange = std::pair<int64_t, int64_t>;

// Whether the leaf's values can be compared as integers (INT32/INT64, not decimal or float).
[[nodiscard]] bool is_integer_leaf(const schema::FileLeaf& leaf);

// A PLAIN-encoded bound of an INT32/INT64 leaf as int64 (unsigned values above INT64_MAX
// are clamped to INT64_MAX); nullopt when the bytes have the wrong length.
[[nodiscard]] std::optional<int64_t> decode_int_bound(const schema::FileLeaf& leaf, const std::string& bytes);

// [min, max] of a column chunk's statistics: min_value/max_value, else the deprecated
// min/max when the column's sort order is signed. nullopt when absent.
[[nodiscard]] std::optional<IntRange> statistics_int_range(const schema::FileLeaf& leaf, const Statistics& statistics);

// Whether [range.first, range.second] can hold a value in [min, max] (unset: unbounded).
[[nodiscard]] bool overlaps(const IntRange& range, std::optional<int64_t> min, std::optional<int64_t> max);

}  // namespace crv::parquet::reader
