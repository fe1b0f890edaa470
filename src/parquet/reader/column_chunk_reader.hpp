#pragma once
// One column chunk -> pages -> LeafData: reads the chunk's bytes, walks the page headers
// (dictionary page, data pages v1 and v2; index pages and unknown page types are skipped),
// decompresses, decodes levels and values. Every size and count read from the file is
// checked against the bytes that hold it before anything is allocated.

#include <cstdint>
#include <memory>
#include <vector>

#include "crv/parquet/compression.hpp"
#include "crv/parquet/error.hpp"
#include "crv/parquet/metadata.hpp"
#include "crv/parquet/source.hpp"
#include "parquet/reader/flat_column_builder.hpp"
#include "parquet/reader/leaf_data.hpp"
#include "parquet/reader/page_values.hpp"
#include "parquet/reader/row_ranges.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

// Largest uncompressed page accepted (a sanity cap against hostile headers).
inline constexpr int64_t kMaxPageBytes = int64_t{1} << 30;

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

class ColumnChunkReader {
 public:
  // `where` names the file, row group and column.
  ColumnChunkReader(const RandomAccessSource& source, const schema::FileLeaf& leaf, const ColumnChunk& chunk,
                    int64_t data_end, ErrorContext where);

  // Every page of the chunk. With `rows`, only the entries of those rows are kept.
  LeafData read_all(const RowRanges* rows);

  // Only the data pages listed in `index` that intersect `rows` (plus the dictionary page),
  // keeping exactly the entries of those rows. `row_group_rows` bounds the last page.
  LeafData read_pages(const OffsetIndex& index, const RowRanges& rows, int64_t row_group_rows);

  // Every page of the chunk, appended to `out` (a flat column: FlatColumnBuilder::supports).
  void read_all_into(FlatColumnBuilder& out, ChunkScratch& scratch);

 private:
  // Parses one page at data[0, size): returns the bytes it takes (header + body).
  size_t handle_page(const uint8_t* data, size_t size, LeafData& out, bool data_pages_only);
  void read_dictionary_page(const PageHeader& header, const uint8_t* body);
  void read_data_page_v1(const PageHeader& header, const uint8_t* body, LeafData& out);
  void read_data_page_v2(const PageHeader& header, const uint8_t* body, LeafData& out);
  // What v1 and v2 data pages share once their layout is known: decodes the repetition and
  // definition levels (decode_rep(int16_t*), decode_def(int16_t*), called in that order
  // when the leaf has them), then the `n` entries' values (values() returns their bytes as
  // a pointer and size pair), into flat_ or `out`; errors get the page's context.
  template <class DecodeRep, class DecodeDef, class Values>
  void read_levels_and_values(Encoding encoding, size_t n, DecodeRep&& decode_rep, DecodeDef&& decode_def,
                              Values&& values, LeafData& out);
  // Decompresses `size` bytes into scratch_ of `uncompressed` bytes; returns scratch_ data
  // (or `data` itself when the chunk is not compressed).
  const uint8_t* decompress(const uint8_t* data, size_t size, size_t uncompressed, std::vector<uint8_t>& scratch);
  void check_page_value_count(int64_t num_values, int64_t page_bytes);
  void finish_page(LeafData& out, int64_t first_entry, int64_t first_value);
  // Walks the pages of data[0, size) (the whole chunk) into out.
  void read_chunk_pages(const uint8_t* data, size_t size, LeafData& out);
  // Flat mode: the page's definition levels (decoded into def_scratch_) and values go to flat_.
  void append_flat_page(Encoding encoding, const int16_t* def, size_t n, size_t present, const uint8_t* values,
                        size_t size);
  [[noreturn]] void fail(const std::string& what) const;
  ErrorContext page_context() const;

  const RandomAccessSource& source_;
  const schema::FileLeaf& leaf_;
  const ColumnMetaData& meta_;
  ErrorContext where_;
  ChunkRange range_;
  std::unique_ptr<Codec> codec_;
  Dictionary dictionary_;
  std::vector<uint8_t> page_scratch_;
  std::vector<uint32_t> index_scratch_;
  FlatColumnBuilder* flat_ = nullptr;
  std::vector<int16_t> def_scratch_;
  int64_t page_ordinal_ = 0;
  int64_t values_read_ = 0;       // level entries decoded so far (against meta.num_values)
  bool seen_data_page_ = false;
  // Row filtering.
  const RowRanges* rows_ = nullptr;
  int64_t current_row_ = -1;
  size_t range_cursor_ = 0;
};

}  // namespace crv::parquet::reader
