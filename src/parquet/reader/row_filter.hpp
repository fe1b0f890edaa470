#pragma once
// Row filtering of decoded pages by the row ranges the page index keeps: of the entries a
// page appended to a LeafData, only those of kept rows (and their values) stay.

#include <cstddef>
#include <cstdint>

#include "parquet/reader/leaf_data.hpp"
#include "parquet/reader/row_ranges.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

class RowFilter {
 public:
  explicit RowFilter(const RowRanges& rows) : rows_(rows) {}

  // The next page appended starts row `first_row` (pages read apart, from the offset
  // index); without a call, rows continue from the page before.
  void start_at(int64_t first_row) {
    current_row_ = first_row - 1;
    range_cursor_ = 0;
  }

  // Drops the entries [first_entry, out.num_entries) and values [first_value, ...) of rows
  // outside the ranges, compacting what stays in place.
  void keep_rows(const schema::FileLeaf& leaf, LeafData& out, int64_t first_entry, int64_t first_value);

 private:
  const RowRanges& rows_;
  int64_t current_row_ = -1;  // the row of the last entry seen
  size_t range_cursor_ = 0;   // the first range not wholly before current_row_
};

}  // namespace crv::parquet::reader
