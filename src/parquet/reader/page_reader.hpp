#pragma once
// The pages of a column chunk, one after another (Arrow's PageReader): reads each page
// header, checks the page's sizes against the bytes that hold them and its CRC when the
// header has one, decompresses, and hands out dictionary pages and data pages v1 and v2;
// index pages and unknown page types are skipped. It knows nothing of levels or values:
// those are the column reader's.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "crv/parquet/compression.hpp"
#include "crv/parquet/error.hpp"
#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet::reader {

// Largest uncompressed page accepted (a sanity cap against hostile headers).
inline constexpr int64_t kMaxPageBytes = int64_t{1} << 30;

// One page, decompressed. Its bytes stay valid until the next PageReader::next().
struct Page {
  PageType type = PageType::DATA_PAGE;  // DICTIONARY_PAGE, DATA_PAGE or DATA_PAGE_V2
  // The header; its member of `type` (dictionary_page_header, data_page_header or
  // data_page_header_v2) is present.
  const PageHeader* header = nullptr;
  int64_t num_values = 0;               // entries (level triples) of a data page; entries of a dictionary
  Encoding encoding = Encoding::PLAIN;  // of the values
  // DICTIONARY_PAGE and DATA_PAGE: the whole body (v1: levels, then values).
  // DATA_PAGE_V2: the values only.
  const uint8_t* data = nullptr;
  size_t size = 0;
  // DATA_PAGE_V2: the repetition and the definition levels (never compressed).
  const uint8_t* rep_levels = nullptr;
  size_t rep_levels_size = 0;
  const uint8_t* def_levels = nullptr;
  size_t def_levels_size = 0;
};

class PageReader {
 public:
  // `where` names the file, row group and column of the chunk.
  PageReader(const ColumnMetaData& meta, ErrorContext where);

  // Reads pages from data[0, size) (a whole chunk, or the pages of an offset index), the
  // first numbered `first_ordinal` in error messages.
  void reset(const uint8_t* data, size_t size, int64_t first_ordinal);

  // The next dictionary or data page, or nullptr when the bytes are used up.
  const Page* next();

  // Decompression scratch, handed over so that one task's chunks reuse it.
  void swap_scratch(std::vector<uint8_t>& scratch) { scratch_.swap(scratch); }

  // The chunk's context plus the ordinal of the current page.
  [[nodiscard]] ErrorContext context() const;
  [[noreturn]] void fail(const std::string& what) const;

 private:
  // The header at pos_, checked against the bytes left; advances pos_ past it.
  const uint8_t* read_header();
  void check_crc(const uint8_t* body) const;
  void make_dictionary_page(const uint8_t* body);
  void make_data_page_v1(const uint8_t* body);
  void make_data_page_v2(const uint8_t* body);
  void check_value_count(int64_t num_values) const;
  // `size` bytes at `data` decompressed to `uncompressed` bytes (in scratch_, or `data`
  // itself when the chunk is not compressed).
  const uint8_t* decompress(const uint8_t* data, size_t size, size_t uncompressed);

  const ColumnMetaData& meta_;
  ErrorContext where_;
  std::unique_ptr<Codec> codec_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  int64_t ordinal_ = 0;       // of the current page
  int64_t next_ordinal_ = 0;  // of the page next() reads
  PageHeader header_;
  Page page_;
  std::vector<uint8_t> scratch_;
};

}  // namespace crv::parquet::reader
