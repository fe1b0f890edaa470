// Level decoding for data pages.

#include "parquet/reader/page_levels.hpp"

#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_packed_levels.hpp"
#include "parquet/encoding/bit_util.hpp"
#include "parquet/encoding/rle_bit_packed_decoder.hpp"

namespace crv::parquet::reader {
namespace {

int level_bit_width(int16_t max_level) { return encoding::bit_width_of(static_cast<uint64_t>(max_level)); }

// Levels above max_level (a corrupt page) would index past the schema's nesting. A decoder
// of width bit_width(max_level) yields values below 2^width only, so when max_level is
// 2^width - 1 (0, 1, 3, 7, ...: every flat or singly nested column) no value can be out of
// range and the pass over the levels is skipped.
void check_levels(int16_t max_level, const int16_t* levels, size_t n) {
  if (max_level == static_cast<int16_t>((1 << level_bit_width(max_level)) - 1)) return;
  int16_t bad = 0;
  for (size_t i = 0; i < n; ++i) bad |= static_cast<int16_t>(levels[i] > max_level || levels[i] < 0);
  if (bad) {
    for (size_t i = 0; i < n; ++i) {
      if (levels[i] > max_level || levels[i] < 0) {
        throw ParquetError("level " + std::to_string(levels[i]) + " exceeds the maximum " + std::to_string(max_level));
      }
    }
  }
}

}  // namespace

size_t decode_levels_v1(Encoding encoding, int16_t max_level, const uint8_t* data, size_t size, size_t n,
                        int16_t* out) {
  const int width = level_bit_width(max_level);
  size_t consumed = 0;
  if (encoding == Encoding::RLE) {
    const encoding::LengthPrefixedRuns runs = encoding::read_length_prefixed_runs(data, size);
    encoding::RleBitPackedDecoder decoder(runs.data, runs.size, width);
    decoder.decode(out, n);
    consumed = runs.consumed;
  } else if (encoding == Encoding::BIT_PACKED) {
    consumed = encoding::bit_packed_levels_size(n, width);
    encoding::decode_bit_packed_levels(data, size, width, out, n);
  } else {
    throw ParquetError("level encoding " + to_string(encoding) + " is not supported (RLE or BIT_PACKED expected)");
  }
  check_levels(max_level, out, n);
  return consumed;
}

void decode_levels_v2(int16_t max_level, const uint8_t* data, size_t size, size_t n, int16_t* out) {
  encoding::RleBitPackedDecoder decoder(data, size, level_bit_width(max_level));
  decoder.decode(out, n);
  check_levels(max_level, out, n);
}

void DataPageSections::decode_rep(int16_t* out) {
  const auto n = static_cast<size_t>(page_.num_values);
  if (page_.type == PageType::DATA_PAGE_V2) {
    decode_levels_v2(max_rep_, page_.rep_levels, page_.rep_levels_size, n, out);
    return;
  }
  const Encoding encoding = page_.header->data_page_header->repetition_level_encoding;
  pos_ += decode_levels_v1(encoding, max_rep_, page_.data + pos_, page_.size - pos_, n, out);
}

void DataPageSections::decode_def(int16_t* out) {
  const auto n = static_cast<size_t>(page_.num_values);
  if (page_.type == PageType::DATA_PAGE_V2) {
    decode_levels_v2(max_def_, page_.def_levels, page_.def_levels_size, n, out);
    return;
  }
  const Encoding encoding = page_.header->data_page_header->definition_level_encoding;
  pos_ += decode_levels_v1(encoding, max_def_, page_.data + pos_, page_.size - pos_, n, out);
}

}  // namespace crv::parquet::reader
