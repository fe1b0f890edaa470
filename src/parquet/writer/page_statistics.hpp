#pragma once
// Min/max statistics of pages and column chunks in the sort order of the leaf's type:
// signed or unsigned integers, floats ignoring NaN (a zero min is written -0.0, a zero max
// +0.0), byte arrays unsigned lexicographic, signed decimals as big-endian two's complement.
// Values are kept PLAIN-encoded (no length prefix for byte arrays), as the footer stores them.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parquet/encoding/dictionary_encoder.hpp"
#include "parquet/metadata/thrift_types.hpp"
#include "parquet/schema/frame_to_parquet.hpp"
#include "parquet/writer/leaf_values.hpp"

namespace crv::parquet::writer {

struct PageStatistics {
  int64_t null_count = 0;
  bool has_min_max = false;
  std::string min;
  std::string max;
};

// Min and max of values [begin, end) of `values` into out.min / out.max (has_min_max false
// when there is no non-NaN value). null_count is left as is.
void compute_min_max(const schema::LeafColumn& leaf, const LeafValues& values, size_t begin, size_t end,
                     PageStatistics& out);

// Min and max of the byte-array dictionary entries that `indices` refer to (the values of a
// dictionary-encoded page): each distinct entry is compared once. `seen` is scratch.
void compute_min_max_of_entries(const encoding::ByteArrayDictionaryEncoder& dictionary,
                                const std::vector<uint32_t>& indices, std::vector<uint8_t>& seen, PageStatistics& out);

// a < b for two PLAIN-encoded values of the leaf, in the leaf's sort order.
[[nodiscard]] bool encoded_less(const schema::LeafColumn& leaf, std::string_view a, std::string_view b);

// Folds `page` into `chunk` (null counts added, min/max widened).
void merge_statistics(const schema::LeafColumn& leaf, PageStatistics& chunk, const PageStatistics& page);

// The Thrift form: null_count, min_value/max_value, and the deprecated min/max when the sort
// order is signed (as Arrow writes them).
[[nodiscard]] Statistics to_thrift_statistics(const schema::LeafColumn& leaf, const PageStatistics& stats);

// ASCENDING / DESCENDING when the non-null pages' mins and maxes both are, else UNORDERED.
[[nodiscard]] BoundaryOrder compute_boundary_order(const schema::LeafColumn& leaf,
                                                   const std::vector<PageStatistics>& pages);

}  // namespace crv::parquet::writer
