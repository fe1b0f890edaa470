#pragma once
// DELTA_BINARY_PACKED (Parquet encoding 5) for INT32 and INT64.
//   header: <block size in values> <miniblocks per block> <total value count> <zigzag first value>
//   block:  <zigzag min delta> <one bit-width byte per miniblock> <miniblocks, bit-packed LSB-first>
// Deltas are computed with wrapping unsigned arithmetic of the value's width, so any
// sequence (including INT_MIN/INT_MAX jumps) round-trips. The encoder uses blocks of 128
// values and 4 miniblocks of 32, like parquet-mr and Arrow.

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace crv::parquet::encoding {

// Appends the encoding of n values. T = int32_t or int64_t.
template <typename T>
void delta_binary_packed_encode(const T* values, size_t n, std::vector<uint8_t>& out);

// Streaming decoder. The header is parsed (and validated) at construction; values are then
// decoded in batches straight from the input (no allocation). T = int32_t or int64_t.
// Throws ParquetError on a malformed header, a bit width wider than T, or truncated data.
template <typename T>
class DeltaBinaryPackedDecoder {
 public:
  using U = std::make_unsigned_t<T>;

  DeltaBinaryPackedDecoder() = default;
  DeltaBinaryPackedDecoder(const uint8_t* data, size_t size) { reset(data, size); }
  void reset(const uint8_t* data, size_t size);

  // Value count announced by the header.
  [[nodiscard]] uint64_t total_values() const noexcept { return total_values_; }
  // Values not yet decoded.
  [[nodiscard]] uint64_t values_left() const noexcept { return total_values_ - values_read_; }

  // Decodes up to n values; returns how many (fewer only when all values were read).
  size_t get_batch(T* out, size_t n);

  // Walks the remaining blocks without decoding them and returns the offset of the first
  // byte after the encoded data (where DELTA_LENGTH_BYTE_ARRAY's bytes begin). Afterwards
  // no values are left.
  size_t skip_to_end();

 private:
  void start_block();      // reads min delta and bit widths of the next block
  void start_miniblock();  // moves to the next miniblock of the current block
  void load_group();       // unpacks the next 32 deltas of the current miniblock

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;  // next unread byte
  uint64_t block_size_ = 0;
  uint64_t miniblocks_per_block_ = 0;
  uint64_t values_per_miniblock_ = 0;
  uint64_t total_values_ = 0;
  uint64_t values_read_ = 0;
  U last_value_ = 0;
  bool first_value_pending_ = false;
  // Current block.
  U min_delta_ = 0;
  const uint8_t* bit_widths_ = nullptr;
  uint64_t miniblock_index_ = 0;  // index of the current miniblock in the block
  bool in_block_ = false;
  // Current miniblock.
  int bit_width_ = 0;
  uint64_t miniblock_values_left_ = 0;
  // Current group of 32 unpacked deltas.
  U group_[32] = {};
  int group_pos_ = 32;
};

}  // namespace crv::parquet::encoding
