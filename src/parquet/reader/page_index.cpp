// Page index reading and page pruning.

#include "parquet/reader/page_index.hpp"

#include <string>
#include <vector>

#include "parquet/reader/statistics_range.hpp"

namespace crv::parquet::reader {
namespace {

std::vector<uint8_t> read_index_bytes(const RandomAccessSource& source, int64_t offset, int32_t length,
                                      int64_t data_end, const ErrorContext& where, const char* what) {
  if (offset < 4 || length <= 0 || offset > data_end || length > data_end - offset) {
    throw ParquetError::at(where, std::string(what) + " at offset " + std::to_string(offset) + " of " +
                                      std::to_string(length) + " bytes lies outside the data section");
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(length));
  source.read_at(offset, bytes.size(), bytes.data());
  return bytes;
}

}  // namespace

std::optional<OffsetIndex> read_offset_index(const RandomAccessSource& source, const ColumnChunk& chunk,
                                             int64_t data_end, const ErrorContext& where) {
  if (!chunk.offset_index_offset || !chunk.offset_index_length) return std::nullopt;
  const auto bytes =
      read_index_bytes(source, *chunk.offset_index_offset, *chunk.offset_index_length, data_end, where, "offset index");
  try {
    OffsetIndex index = deserialize_offset_index(bytes.data(), bytes.size());
    for (size_t i = 1; i < index.page_locations.size(); ++i) {
      if (index.page_locations[i].first_row_index < index.page_locations[i - 1].first_row_index) {
        throw ParquetError("offset index first_row_index values are not increasing");
      }
    }
    return index;
  } catch (const ParquetError& e) {
    throw ParquetError::at(where, std::string("invalid offset index: ") + e.what());
  }
}

std::optional<ColumnIndex> read_column_index(const RandomAccessSource& source, const ColumnChunk& chunk,
                                             int64_t data_end, const ErrorContext& where) {
  if (!chunk.column_index_offset || !chunk.column_index_length) return std::nullopt;
  const auto bytes =
      read_index_bytes(source, *chunk.column_index_offset, *chunk.column_index_length, data_end, where, "column index");
  try {
    return deserialize_column_index(bytes.data(), bytes.size());
  } catch (const ParquetError& e) {
    throw ParquetError::at(where, std::string("invalid column index: ") + e.what());
  }
}

std::optional<PageSelection> filter_pages(const RandomAccessSource& source, const ColumnChunk& chunk,
                                          const schema::FileLeaf& leaf, std::optional<int64_t> min,
                                          std::optional<int64_t> max, int64_t row_group_rows, int64_t data_end,
                                          const ErrorContext& where) {
  if (!is_integer_leaf(leaf) || leaf.max_rep > 0) return std::nullopt;
  const auto offsets = read_offset_index(source, chunk, data_end, where);
  if (!offsets) return std::nullopt;
  const auto columns = read_column_index(source, chunk, data_end, where);
  if (!columns) return std::nullopt;
  const size_t pages = offsets->page_locations.size();
  if (columns->null_pages.size() != pages || columns->min_values.size() != pages ||
      columns->max_values.size() != pages) {
    throw ParquetError::at(where, "column index and offset index list different numbers of pages");
  }
  PageSelection selection;
  selection.pages = static_cast<int>(pages);
  for (size_t i = 0; i < pages; ++i) {
    const int64_t first = offsets->page_locations[i].first_row_index;
    const int64_t last = i + 1 < pages ? offsets->page_locations[i + 1].first_row_index : row_group_rows;
    if (first < 0 || last > row_group_rows || last < first)
      throw ParquetError::at(where, "offset index rows out of range");
    if (columns->null_pages[i]) continue;
    const auto lo = decode_int_bound(leaf, columns->min_values[i]);
    const auto hi = decode_int_bound(leaf, columns->max_values[i]);
    if (!lo || !hi || overlaps({*lo, *hi}, min, max)) {
      selection.rows.add(first, last);
      ++selection.pages_kept;
    }
  }
  return selection;
}

}  // namespace crv::parquet::reader
