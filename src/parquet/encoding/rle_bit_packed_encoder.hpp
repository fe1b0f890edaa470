#pragma once
// Encoder of the RLE / bit-packed hybrid (Parquet encoding RLE = 3), used for definition
// and repetition levels, dictionary indices and RLE booleans. Like parquet-mr and Arrow it
// buffers values in groups of 8, emits a repeated run once a value repeats at least 8 times
// and bit-packs everything else in literal runs of up to 63 groups of 8.
//
//   rle-bit-packed-hybrid: <length> <encoded-data>   (length: 4-byte LE, only in some contexts)
//   run  := bit-packed-run | rle-run
//   bit-packed-run := <uleb128(groups << 1 | 1)> <groups * bit_width bytes>
//   rle-run        := <uleb128(count << 1)> <value in ceil(bit_width / 8) bytes LE>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crv::parquet::encoding {

class RleBitPackedEncoder {
 public:
  // bit_width: 0..64 (0 means every value is 0). Throws ParquetError when out of range.
  explicit RleBitPackedEncoder(int bit_width);

  [[nodiscard]] int bit_width() const noexcept { return bit_width_; }

  // Adds one value (only its low bit_width bits are kept).
  void put(uint64_t value);

  // Adds n values. Instantiated for uint8_t, int16_t, uint16_t, int32_t, uint32_t, uint64_t
  // and bool.
  template <typename T>
  void put_batch(const T* values, size_t n);

  // Finishes the current runs and appends all encoded bytes to `out` (no length prefix);
  // the encoder is then empty and can be reused with the same bit width.
  void finish(std::vector<uint8_t>& out);

  // Number of values put since construction or the last finish().
  [[nodiscard]] size_t num_values() const noexcept { return num_values_; }

  // Bytes the encoded data would take if finished now (upper bound, for page sizing).
  [[nodiscard]] size_t estimated_size() const noexcept;

  // Upper bound of the encoded size of n values of bit_width bits.
  [[nodiscard]] static size_t max_encoded_size(int bit_width, size_t n) noexcept;

 private:
  void flush_buffered_values(bool done);
  void flush_literal_run(bool update_indicator_byte);
  // Writes the open literal run's indicator byte when asked (the run is then closed).
  void finish_literal_group(bool update_indicator_byte);
  void flush_repeated_run();

  int bit_width_;
  std::vector<uint8_t> encoded_;
  uint64_t buffered_values_[8] = {};
  int num_buffered_values_ = 0;
  uint64_t current_value_ = 0;
  size_t repeat_count_ = 0;
  size_t literal_count_ = 0;
  // Offset in encoded_ of the reserved indicator byte of the open literal run, or npos.
  size_t literal_indicator_offset_;
  size_t num_values_ = 0;
};

// Whether an RLE-hybrid stream is preceded by its byte length as a 4-byte little-endian
// integer: data page v1 levels and RLE-encoded booleans are; data page v2 levels and
// dictionary indices are not.
enum class RleLengthPrefix { kNone, kFourBytes };

// Encodes n values in one call and appends them to `out`, optionally length-prefixed: the
// same bytes as RleBitPackedEncoder, written by a loop over the whole array that packs
// literal groups a word at a time (the writer's levels and dictionary indices).
template <typename T>
void encode_rle_bit_packed(const T* values, size_t n, int bit_width, RleLengthPrefix prefix,
                           std::vector<uint8_t>& out);

// Bit width of the indices into a dictionary of num_entries entries: the width of
// num_entries - 1, but at least 1 for a non-empty dictionary (as Arrow writes, since some
// readers reject width 0), and 0 for an empty one.
[[nodiscard]] int dictionary_index_bit_width(size_t num_entries) noexcept;

// Encodes dictionary indices for a data page: one byte holding
// dictionary_index_bit_width(num_dictionary_entries), then the unprefixed RLE hybrid.
void encode_dictionary_indices(const uint32_t* indices, size_t n, size_t num_dictionary_entries,
                               std::vector<uint8_t>& out);

}  // namespace crv::parquet::encoding
