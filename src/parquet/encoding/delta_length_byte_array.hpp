#pragma once
// DELTA_LENGTH_BYTE_ARRAY (Parquet encoding 6): the lengths of all values as
// DELTA_BINARY_PACKED INT32, then all their bytes back to back.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parquet/encoding/byte_array.hpp"
#include "parquet/encoding/delta_binary_packed.hpp"

namespace crv::parquet::encoding {

void delta_length_byte_array_encode(const ByteArrayView* values, size_t n, std::vector<uint8_t>& out);
// Values in Arrow layout: value i is data[offsets[i], offsets[i + 1]).
void delta_length_byte_array_encode(const int32_t* offsets, const uint8_t* data, size_t n, std::vector<uint8_t>& out);

// Streaming decoder: lengths are decoded lazily in batches; the constructor only walks the
// length blocks to find where the bytes start. Throws ParquetError on negative lengths,
// lengths past the end of the data, or malformed length blocks.
class DeltaLengthByteArrayDecoder {
 public:
  DeltaLengthByteArrayDecoder() = default;
  DeltaLengthByteArrayDecoder(const uint8_t* data, size_t size) { reset(data, size); }
  void reset(const uint8_t* data, size_t size);

  [[nodiscard]] uint64_t total_values() const noexcept { return lengths_.total_values(); }
  [[nodiscard]] uint64_t values_left() const noexcept { return lengths_.values_left(); }

  // Decodes up to n values, appending them to out; returns how many.
  size_t get_batch(size_t n, ByteArrayOutput& out);
  // Decodes up to n values as views into the input; returns how many.
  size_t get_batch_views(ByteArrayView* out, size_t n);

  // Offset just past the bytes of the values decoded so far (the end of the encoded data
  // once every value is decoded).
  [[nodiscard]] size_t bytes_consumed() const noexcept { return bytes_pos_; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t bytes_pos_ = 0;  // next unread value byte
  DeltaBinaryPackedDecoder<int32_t> lengths_;
  int32_t length_buffer_[256] = {};
};

}  // namespace crv::parquet::encoding
