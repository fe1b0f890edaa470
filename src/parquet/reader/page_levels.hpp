#pragma once
// Definition and repetition levels of a data page: RLE hybrid with a 4-byte length prefix
// or deprecated BIT_PACKED (data page v1), or unprefixed RLE hybrid (data page v2).

#include <cstddef>
#include <cstdint>

#include "parquet/metadata/thrift_types.hpp"
#include "parquet/reader/page_reader.hpp"

namespace crv::parquet::reader {

// Decodes n levels of a v1 page from data[0, size) into out; returns the bytes consumed.
// Throws ParquetError (without location) on truncated data, an unsupported encoding or a
// level above max_level.
size_t decode_levels_v1(Encoding encoding, int16_t max_level, const uint8_t* data, size_t size, size_t n, int16_t* out);

// Decodes n levels of a v2 page stored in exactly data[0, size).
void decode_levels_v2(int16_t max_level, const uint8_t* data, size_t size, size_t n, int16_t* out);

// The sections of one data page, read in their order: the repetition levels, the
// definition levels (each decoded into the caller's n entries), then the values. v1 keeps
// them one after another in the page body, each level section length-prefixed (RLE) or not
// (BIT_PACKED); v2 keeps the levels apart, unprefixed.
class DataPageSections {
 public:
  DataPageSections(const Page& page, int16_t max_rep, int16_t max_def)
      : page_(page), max_rep_(max_rep), max_def_(max_def) {}

  void decode_rep(int16_t* out);
  void decode_def(int16_t* out);
  // The values section (after the levels, which must be decoded first on a v1 page).
  [[nodiscard]] const uint8_t* values() const { return page_.data + pos_; }
  [[nodiscard]] size_t values_size() const { return page_.size - pos_; }

 private:
  const Page& page_;
  int16_t max_rep_;
  int16_t max_def_;
  size_t pos_ = 0;  // v1: where the next section starts in page_.data
};

}  // namespace crv::parquet::reader
