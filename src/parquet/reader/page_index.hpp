#pragma once
// The page index (ColumnIndex + OffsetIndex) of a column chunk: reading it (with its
// offsets and lengths checked against the file) and the row ranges whose pages may hold
// values of an integer range.

#include <cstdint>
#include <optional>

#include "crv/parquet/error.hpp"
#include "crv/parquet/source.hpp"
#include "parquet/metadata/thrift_types.hpp"
#include "parquet/reader/row_ranges.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

// nullopt when the chunk has no offset index.
[[nodiscard]] std::optional<OffsetIndex> read_offset_index(const RandomAccessSource& source, const ColumnChunk& chunk,
                                                           int64_t data_end, const ErrorContext& where);
[[nodiscard]] std::optional<ColumnIndex> read_column_index(const RandomAccessSource& source, const ColumnChunk& chunk,
                                                           int64_t data_end, const ErrorContext& where);

// The pages of a chunk a filter keeps, and their rows.
struct PageSelection {
  RowRanges rows;
  int pages = 0;       // in the chunk
  int pages_kept = 0;  // whose rows are in `rows`
};

// The rows of the pages whose [min, max] overlaps [min, max] of the filter (pages of nulls
// only are dropped). nullopt when the chunk has no usable page index.
[[nodiscard]] std::optional<PageSelection> filter_pages(const RandomAccessSource& source, const ColumnChunk& chunk,
                                                        const schema::FileLeaf& leaf, std::optional<int64_t> min,
                                                        std::optional<int64_t> max, int64_t row_group_rows,
                                                        int64_t data_end, const ErrorContext& where);

}  // namespace crv::parquet::reader
