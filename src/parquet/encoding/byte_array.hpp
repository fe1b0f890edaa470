#pragma once
// Byte-array values as the encodings see them: a non-owning view of one value, and the
// Arrow-style output that decoders append to (int32 offsets + one contiguous byte buffer).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crv::parquet::encoding {

// One BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY value, not owned (points into a page, a dictionary
// or a caller's buffer).
struct ByteArrayView {
  const uint8_t* data = nullptr;
  uint32_t size = 0;
};

// Decoded byte arrays in Arrow layout: value i is bytes[offsets[i], offsets[i + 1]).
// `offsets` always starts with one 0 entry, so it holds size() + 1 entries. Decoders append;
// they throw ParquetError if the total byte size would exceed INT32_MAX (Arrow's limit for
// 32-bit offsets).
struct ByteArrayOutput {
  std::vector<int32_t> offsets{0};
  std::vector<uint8_t> bytes;

  // Number of values held.
  [[nodiscard]] size_t size() const noexcept { return offsets.size() - 1; }

  // Value i as a view (valid until the next append).
  [[nodiscard]] ByteArrayView view(size_t i) const noexcept {
    return {bytes.data() + offsets[i], static_cast<uint32_t>(offsets[i + 1] - offsets[i])};
  }

  // Removes every value, keeping the capacity.
  void clear() noexcept {
    offsets.assign(1, 0);
    bytes.clear();
  }

  // Reserves room for `values` more values of `bytes_total` more bytes (capacity hint).
  void reserve_more(size_t values, size_t bytes_total);

  // Appends one value; throws ParquetError when the 32-bit offsets would overflow.
  void append(const uint8_t* data, size_t size);
};

}  // namespace crv::parquet::encoding
