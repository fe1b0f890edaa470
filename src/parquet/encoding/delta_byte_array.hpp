#pragma once
// DELTA_BYTE_ARRAY (Parquet encoding 7, incremental / front coding): for each value the
// length of the prefix it shares with the previous value (DELTA_BINARY_PACKED INT32), then
// the remaining suffixes as DELTA_LENGTH_BYTE_ARRAY. Used for BYTE_ARRAY and
// FIXED_LEN_BYTE_ARRAY.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parquet/encoding/byte_array.hpp"
#include "parquet/encoding/delta_binary_packed.hpp"
#include "parquet/encoding/delta_length_byte_array.hpp"

namespace crv::parquet::encoding {

void delta_byte_array_encode(const ByteArrayView* values, size_t n, std::vector<uint8_t>& out);
// Values in Arrow layout: value i is data[offsets[i], offsets[i + 1]).
void delta_byte_array_encode(const int32_t* offsets, const uint8_t* data, size_t n, std::vector<uint8_t>& out);
// FIXED_LEN_BYTE_ARRAY values: n * width contiguous bytes.
void delta_byte_array_encode_fixed(const uint8_t* values, size_t n, size_t width, std::vector<uint8_t>& out);

// Streaming decoder. Throws ParquetError when a prefix is longer than the previous value,
// when the prefix and suffix counts differ, or on malformed/truncated data.
class DeltaByteArrayDecoder {
 public:
  DeltaByteArrayDecoder() = default;
  DeltaByteArrayDecoder(const uint8_t* data, size_t size) { reset(data, size); }
  void reset(const uint8_t* data, size_t size);

  [[nodiscard]] uint64_t total_values() const noexcept { return prefixes_.total_values(); }
  [[nodiscard]] uint64_t values_left() const noexcept { return prefixes_.values_left(); }

  // Decodes up to n values, appending them to out; returns how many.
  size_t get_batch(size_t n, ByteArrayOutput& out);
  // Decodes up to n FIXED_LEN_BYTE_ARRAY values of `width` bytes into out (n * width bytes);
  // throws ParquetError if a value has another length. Returns how many.
  size_t get_batch_fixed(uint8_t* out, size_t width, size_t n);

 private:
  // Decodes up to n values, calling sink(index in batch, data, size) for each.
  template <typename Sink>
  size_t decode(size_t n, Sink&& sink);

  DeltaBinaryPackedDecoder<int32_t> prefixes_;
  DeltaLengthByteArrayDecoder suffixes_;
  std::vector<uint8_t> last_value_;
  int32_t prefix_buffer_[256] = {};
  ByteArrayView suffix_buffer_[256] = {};
};

}  // namespace crv::parquet::encoding
