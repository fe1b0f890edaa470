#pragma once
// Decoder of the RLE / bit-packed hybrid (Parquet encoding RLE = 3): levels, dictionary
// indices, RLE booleans. Runs are decoded in bulk (unpack32 for bit-packed groups, fill for
// RLE runs). Every read is bounds-checked; malformed runs throw ParquetError.
//
// A bit-packed run whose bytes are cut short by the end of the data yields only the values
// whose bits are fully present (as Arrow does), so the end of a stream is not an error by
// itself: get_batch() returns fewer values, decode() throws.

#include <cstddef>
#include <cstdint>

namespace crv::parquet::encoding {

class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  // data/size: the encoded runs (no length prefix, no bit-width byte). bit_width: 0..64.
  RleBitPackedDecoder(const uint8_t* data, size_t size, int bit_width) { reset(data, size, bit_width); }

  void reset(const uint8_t* data, size_t size, int bit_width);

  [[nodiscard]] int bit_width() const noexcept { return bit_width_; }

  // Decodes up to n values into out; returns how many were decoded (fewer than n only when
  // the data ends). Instantiated for uint8_t, int16_t, uint16_t, int32_t, uint32_t, uint64_t;
  // throws ParquetError if bit_width does not fit in T or a run is malformed.
  template <typename T>
  size_t get_batch(T* out, size_t n);

  // Decodes exactly n values; throws ParquetError if the data holds fewer.
  template <typename T>
  void decode(T* out, size_t n);

  // Skips up to n values; returns how many were skipped.
  size_t skip(size_t n);

  // Bytes of the input consumed by the runs started so far.
  [[nodiscard]] size_t bytes_consumed() const noexcept { return pos_; }

 private:
  // Reads the next run header; returns false at the end of the data.
  bool next_run();
  // Copies `count` values of the current bit-packed run, from value packed_read_ on.
  template <typename T>
  void unpack_values(T* out, size_t count);

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;  // next unread byte (after the current run's header and body)
  int bit_width_ = 0;
  // Current RLE run: value and remaining count.
  uint64_t rle_value_ = 0;
  size_t rle_left_ = 0;
  // Current bit-packed run: its body, values already read from it, values remaining.
  const uint8_t* packed_ = nullptr;
  size_t packed_bytes_ = 0;  // bytes of the body present in the data
  size_t packed_read_ = 0;
  size_t packed_left_ = 0;
};

// A stream preceded by its 4-byte little-endian byte length (data page v1 levels, RLE
// booleans).
struct LengthPrefixedRuns {
  const uint8_t* data;  // first byte after the prefix
  size_t size;          // the prefixed length
  size_t consumed;      // 4 + size: bytes to skip to reach what follows
};

// Reads the 4-byte length prefix; throws ParquetError if it or the data it announces is
// truncated.
[[nodiscard]] LengthPrefixedRuns read_length_prefixed_runs(const uint8_t* data, size_t size);

// Dictionary indices of a data page: one bit-width byte (0..32) then the unprefixed runs.
// Throws ParquetError if the byte is missing or the width exceeds 32.
[[nodiscard]] RleBitPackedDecoder make_dictionary_index_decoder(const uint8_t* data, size_t size);

}  // namespace crv::parquet::encoding
