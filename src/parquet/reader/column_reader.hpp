#pragma once
// One column chunk -> LeafData (Arrow's ColumnReader): reads the chunk's bytes, takes its
// pages from a PageReader, decodes each data page's levels and hands its values to the
// decoder of its encoding (decoders/value_decoder.hpp); with row ranges from the page index
// it keeps only their rows (RowFilter), reading only the pages that hold them. Every count
// read from the file is checked against the chunk's metadata before it is used.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crv/parquet/error.hpp"
#include "crv/parquet/source.hpp"
#include "parquet/metadata/thrift_types.hpp"
#include "parquet/reader/decoders/value_decoder.hpp"
#include "parquet/reader/dictionary.hpp"
#include "parquet/reader/flat_column_builder.hpp"
#include "parquet/reader/leaf_data.hpp"
#include "parquet/reader/page_levels.hpp"
#include "parquet/reader/page_reader.hpp"
#include "parquet/reader/row_filter.hpp"
#include "parquet/reader/row_ranges.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

// The byte range [begin, end) of a column chunk's pages.
struct ChunkRange {
  int64_t begin = 0;
  int64_t end = 0;
};

// The chunk's byte range; ParquetError::at(where, ...) when it is not inside
// [4, data_end) (data_end: where the footer starts) or its page offsets are outside it.
[[nodiscard]] ChunkRange column_chunk_range(const ColumnMetaData& meta, int64_t data_end, const ErrorContext& where);

// Scratch space of flat reads, reused across the column chunks that one task reads (fresh
// buffers per chunk cost an allocation, a zero fill and page faults each time).
struct ChunkScratch {
  std::vector<uint8_t> chunk;  // the column chunk's bytes
  std::vector<uint8_t> page;   // a decompressed page
  std::vector<int16_t> def;    // a page's definition levels
};

class ColumnReader {
 public:
  // `where` names the file, row group and column.
  ColumnReader(const RandomAccessSource& source, const schema::FileLeaf& leaf, const ColumnChunk& chunk,
               int64_t data_end, ErrorContext where);

  // Every page of the chunk. With `rows`, only the entries of those rows are kept.
  LeafData read_all(const RowRanges* rows);

  // Only the data pages listed in `index` that intersect `rows` (plus the dictionary page),
  // keeping exactly the entries of those rows. `row_group_rows` bounds the last page.
  LeafData read_pages(const OffsetIndex& index, const RowRanges& rows, int64_t row_group_rows);

  // Every page of the chunk, appended to `out` (a flat column: FlatColumnBuilder::supports).
  void read_all_into(FlatColumnBuilder& out, ChunkScratch& scratch);

 private:
  // The pages of data[0, size) (the whole chunk) into out, until the chunk's values are read.
  void read_chunk_pages(const uint8_t* data, size_t size, LeafData& out);
  // The dictionary page before the offset index's first data page, when there is one.
  void read_dictionary_before(const OffsetIndex& index, LeafData& out);
  // One page handed out by the page reader; `data_pages_only` when the offset index listed it.
  void read_page(const Page& page, LeafData& out, bool data_pages_only);
  void read_dictionary_page(const Page& page);
  void read_data_page(const Page& page, LeafData& out);
  // Flat mode: the page's definition levels (into def_scratch_) and values go to flat_.
  void append_flat_page(const Page& page, DataPageSections& sections);
  // Record mode: levels and values appended to out.
  void append_leaf_page(const Page& page, DataPageSections& sections, LeafData& out);
  void check_first_repetition_level(const LeafData& out, int64_t first_entry, size_t n) const;
  void check_page_value_count(int64_t num_values) const;
  [[noreturn]] void fail(const std::string& what) const { pages_.fail(what); }

  const RandomAccessSource& source_;
  const schema::FileLeaf& leaf_;
  const ColumnMetaData& meta_;
  ChunkRange range_;
  PageReader pages_;
  Dictionary dictionary_;
  ValueDecoders decoders_;
  FlatColumnBuilder* flat_ = nullptr;
  std::vector<int16_t> def_scratch_;
  int64_t values_read_ = 0;  // level entries decoded so far (against meta.num_values)
  bool seen_data_page_ = false;
  std::optional<RowFilter> filter_;
};

}  // namespace crv::parquet::reader
