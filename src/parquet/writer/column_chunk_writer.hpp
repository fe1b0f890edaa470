#pragma once
// Writes one leaf column of one row group at a time: shreds the top-level frame column into
// levels, gathers the values, cuts them into data pages of about data_page_size bytes that
// start at row boundaries, encodes each page's values (dictionary with PLAIN fallback, or
// PLAIN) and collects the statistics and the page index entries; the PageWriter below it
// encodes the levels, compresses and lays out each page (v1 or v2) with its header. One ColumnChunkWriter serves every
// column chunk of a file in turn (rebind() to the next leaf; nothing of a chunk outlives its write_to()), and a thread
// keeps it for its next file, so its scratch buffers are reused across pages, columns,
// row groups and files.
//
//   encode(pieces)  -> pages buffered in memory (no IO)
//
// Values not dictionary-encoded are PLAIN, or BYTE_STREAM_SPLIT for top-level FLOAT and
// DOUBLE columns when WriterOptions::byte_stream_split_floating is set.
//   write_to(sink)  -> dictionary page then data pages; returns the ColumnChunk metadata

#include <cstdint>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "crv/frame/column.hpp"
#include "crv/parquet/compression.hpp"
#include "crv/parquet/sink.hpp"
#include "crv/parquet/writer.hpp"
#include "parquet/encoding/dictionary_encoder.hpp"
#include "parquet/metadata/thrift_types.hpp"
#include "parquet/schema/frame_to_parquet.hpp"
#include "parquet/writer/leaf_values.hpp"
#include "parquet/writer/level_shredder.hpp"
#include "parquet/writer/page_statistics.hpp"
#include "parquet/writer/page_writer.hpp"

namespace crv::parquet::writer {

// What a written column chunk contributes to the footer and the page index.
struct WrittenColumnChunk {
  ColumnChunk chunk;
  std::optional<ColumnIndex> column_index;  // absent when a page lacks min/max
  OffsetIndex offset_index;
};

class ColumnChunkWriter {
 public:
  ColumnChunkWriter(const schema::LeafColumn& leaf, const WriterOptions& options);

  // Writes another leaf (of this or another file) from now on, keeping the buffers and,
  // when the codec and its level are unchanged, the compression context. The output does
  // not depend on what the writer wrote before.
  void rebind(const schema::LeafColumn& leaf, const WriterOptions& options);
  // Bytes held by the writer's buffers (their capacity).
  [[nodiscard]] size_t retained_bytes() const noexcept;

  // Encodes the rows of `pieces` (slices of the leaf's top-level column, in row order) into
  // pages held in memory. `row_group` is used in error messages.
  void encode(const std::vector<frame::Column>& pieces, int64_t row_group);

  // Appends the encoded pages to the sink and returns the chunk's metadata with file offsets.
  [[nodiscard]] WrittenColumnChunk write_to(OutputSink& sink);

 private:
  size_t find_page_end(size_t level_begin, size_t value_begin, size_t* value_end) const;
  void encode_page(size_t level_begin, size_t level_end, size_t value_begin, size_t value_end, int64_t first_row,
                   int64_t num_rows);
  // The page's values [begin, end), encoded into `out`; returns their encoding. Collects
  // their min/max into `stats` when the statistics or the page index want them.
  Encoding encode_page_values(size_t begin, size_t end, PageStatistics& stats, std::vector<uint8_t>& out);
  void encode_values_plain(size_t begin, size_t end, std::vector<uint8_t>& out) const;
  // FLOAT / DOUBLE values [begin, end) as BYTE_STREAM_SPLIT.
  void encode_values_byte_stream_split(size_t begin, size_t end, std::vector<uint8_t>& out) const;
  // Puts values [begin, end) into the chunk's dictionary (their indices are buffered).
  void put_dictionary_values(size_t begin, size_t end);
  // Writes the buffered indices as the page's values (and clears them).
  void write_dictionary_indices(std::vector<uint8_t>& out);
  // Whether the chunk's values repeat enough for a dictionary. Fixed-width values: at most
  // half of the first values (a sample of a few thousand) are distinct; mostly distinct
  // numbers (measurements, random ids) are smaller and faster written PLAIN. Byte arrays
  // always try the dictionary (falling back to PLAIN past the dictionary size limit).
  bool dictionary_pays_off() const;
  size_t dictionary_byte_size() const;
  size_t dictionary_entries() const;
  void reset_dictionary();
  void build_dictionary_page();

  const schema::LeafColumn* leaf_;
  const WriterOptions* options_;
  bool dictionary_allowed_ = false;
  bool byte_stream_split_ = false;  // values not dictionary-encoded are BYTE_STREAM_SPLIT
  int level_bits_def_ = 0;
  int level_bits_rep_ = 0;

  LevelShredder shredder_;
  LeafValues values_;
  PageWriter page_writer_;

  // Per chunk.
  bool use_dictionary_ = false;
  // The chunk's dictionary encoder for the leaf's physical type, while dictionary-encoding.
  std::variant<std::monostate, encoding::DictionaryEncoder<int32_t>, encoding::DictionaryEncoder<int64_t>,
               encoding::DictionaryEncoder<float>, encoding::DictionaryEncoder<double>,
               encoding::ByteArrayDictionaryEncoder>
      dictionary_;
  int dictionary_pages_written_ = 0;  // data pages that are dictionary-encoded
  std::vector<PageStatistics> page_stats_;
  std::vector<uint8_t> page_has_values_;
  PageStatistics chunk_stats_;
  int64_t num_levels_ = 0;
  int64_t row_group_ = 0;

  // Scratch, reused across pages.
  std::vector<uint8_t> seen_entries_;
};

}  // namespace crv::parquet::writer
