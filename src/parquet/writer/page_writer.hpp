#pragma once
// The pages of one column chunk, buffered in memory (under ColumnChunkWriter, as Arrow's
// PageWriter under its ColumnWriter): a data page's levels encoded (RLE hybrid, length-
// prefixed inside a v1 body, apart and never compressed in v2), its values (encoded by the
// column writer into the buffer begin_data_page returns) compressed, its header serialized
// with the page's statistics, and the page appended, its location and encoding counted; the
// dictionary page likewise. No page CRC is written (crc is optional in parquet.thrift, and
// the writer's output is compared byte for byte).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "crv/parquet/compression.hpp"
#include "crv/parquet/writer.hpp"
#include "parquet/metadata/thrift_types.hpp"
#include "parquet/schema/frame_to_parquet.hpp"

namespace crv::parquet::writer {

// A data page's place in the chunk (for the offset index).
struct PageRecord {
  int64_t offset = 0;  // relative to the first data page
  int32_t size = 0;    // including the header
  int64_t first_row = 0;
};

// What a data page's header says beyond its sizes.
struct DataPageFacts {
  int64_t num_levels = 0;
  int64_t num_values = 0;  // non-null
  int64_t num_rows = 0;
  int64_t first_row = 0;
  Encoding encoding = Encoding::PLAIN;
  std::optional<Statistics> statistics{};  // the page's, when written
};

class PageWriter {
 public:
  explicit PageWriter(const WriterOptions& options);

  // Writes with `options` from now on, keeping the compression context when the codec and
  // its level are unchanged.
  void rebind(const WriterOptions& options);
  // Starts a column chunk (of `leaf`, in `row_group`: named in errors), dropping the last.
  void start_chunk(const schema::LeafColumn& leaf, int64_t row_group);
  [[nodiscard]] size_t retained_bytes() const noexcept;

  // A data page in two steps: its levels ([0, num_levels) of `rep` and `def`, each null when
  // the leaf has none), then, once the column writer has appended the page's values to the
  // returned buffer, the rest.
  std::vector<uint8_t>& begin_data_page(const int16_t* rep, int rep_bits, const int16_t* def, int def_bits,
                                        size_t num_levels);
  void finish_data_page(DataPageFacts facts);

  // The dictionary page likewise: its PLAIN entries go to the returned buffer.
  std::vector<uint8_t>& begin_dictionary_page();
  void finish_dictionary_page(int32_t num_entries);

  [[nodiscard]] const std::vector<uint8_t>& dictionary_page() const { return dictionary_page_; }  // empty: none
  [[nodiscard]] const std::vector<uint8_t>& data_pages() const { return data_pages_; }
  [[nodiscard]] const std::vector<PageRecord>& records() const { return records_; }
  [[nodiscard]] const std::vector<PageEncodingStats>& data_page_encodings() const { return encoding_stats_; }
  // Bytes of the pages, headers included, before and after compression.
  [[nodiscard]] int64_t total_uncompressed() const { return data_uncompressed_ + dictionary_uncompressed_; }
  [[nodiscard]] int64_t total_compressed() const {
    return static_cast<int64_t>(data_pages_.size() + dictionary_page_.size());
  }

 private:
  [[nodiscard]] bool compressed() const { return options_->compression != CompressionCodec::UNCOMPRESSED; }
  [[nodiscard]] int32_t checked_page_size(size_t size) const;
  // Compresses `input` into compressed_ and returns it, or returns `input` when the chunk is
  // not compressed.
  const std::vector<uint8_t>& compress(const std::vector<uint8_t>& input);
  void append_page(const PageHeader& header, const std::vector<uint8_t>& body, std::vector<uint8_t>& out);
  void count_encoding(Encoding encoding);

  const WriterOptions* options_;
  std::unique_ptr<Codec> codec_;
  CompressionCodec codec_kind_;
  int codec_level_;
  const schema::LeafColumn* leaf_ = nullptr;
  int64_t row_group_ = 0;

  // Per chunk.
  std::vector<uint8_t> dictionary_page_;  // header + body, empty when none
  std::vector<uint8_t> data_pages_;       // headers + bodies of the data pages
  std::vector<PageRecord> records_;
  std::vector<PageEncodingStats> encoding_stats_;
  int64_t data_uncompressed_ = 0;  // headers included
  int64_t dictionary_uncompressed_ = 0;

  // Per page, reused.
  size_t rep_bytes_ = 0;         // v2: the repetition levels' bytes at the start of levels_
  std::vector<uint8_t> levels_;  // v2 levels
  std::vector<uint8_t> values_;  // v2 values
  std::vector<uint8_t> body_;    // v1 levels and values; the v2 body; the dictionary page's entries
  std::vector<uint8_t> compressed_;
  std::vector<uint8_t> header_;
};

}  // namespace crv::parquet::writer
