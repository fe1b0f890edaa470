#include "parquet/encoding/bit_packed_levels.hpp"

#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_util.hpp"

namespace crv::parquet::encoding {

namespace {
void check_width(int bit_width) {
  if (bit_width < 0 || bit_width > 32) {
    throw ParquetError("BIT_PACKED levels: bit width " + std::to_string(bit_width) + " is not in 0..32");
  }
}
}  // namespace

size_t bit_packed_levels_size(size_t n, int bit_width) noexcept {
  return static_cast<size_t>(bytes_for_bits(static_cast<uint64_t>(n) * static_cast<uint64_t>(bit_width)));
}

template <typename T>
void decode_bit_packed_levels(const uint8_t* data, size_t size, int bit_width, T* out, size_t n) {
  check_width(bit_width);
  if (static_cast<size_t>(bit_width) > sizeof(T) * 8) {
    throw ParquetError("BIT_PACKED levels: bit width " + std::to_string(bit_width) + " does not fit the output");
  }
  if (n > 0 && bit_width > 0 &&
      (n > size * 8 / static_cast<size_t>(bit_width) || bit_packed_levels_size(n, bit_width) > size)) {
    throw ParquetError("BIT_PACKED levels: " + std::to_string(n) + " levels of " + std::to_string(bit_width) +
                       " bits need " + std::to_string(bit_packed_levels_size(n, bit_width)) + " bytes, only " +
                       std::to_string(size) + " present");
  }
  // MSB-first: keep a big-endian bit accumulator, refilled a byte at a time.
  uint64_t acc = 0;
  int acc_bits = 0;
  size_t pos = 0;
  const uint64_t mask = low_bits_mask(bit_width);
  for (size_t i = 0; i < n; ++i) {
    while (acc_bits < bit_width) {
      acc = (acc << 8) | data[pos++];
      acc_bits += 8;
    }
    acc_bits -= bit_width;
    out[i] = static_cast<T>((acc >> acc_bits) & mask);
  }
}

template <typename T>
void encode_bit_packed_levels(const T* values, size_t n, int bit_width, std::vector<uint8_t>& out) {
  check_width(bit_width);
  uint64_t acc = 0;
  int acc_bits = 0;
  const uint64_t mask = low_bits_mask(bit_width);
  for (size_t i = 0; i < n; ++i) {
    acc = (acc << bit_width) | (static_cast<uint64_t>(values[i]) & mask);
    acc_bits += bit_width;
    while (acc_bits >= 8) {
      acc_bits -= 8;
      out.push_back(static_cast<uint8_t>(acc >> acc_bits));
    }
  }
  if (acc_bits > 0) out.push_back(static_cast<uint8_t>(acc << (8 - acc_bits)));
}

#define CRV_BIT_PACKED_LEVELS_INSTANTIATE(T)                                          \
  template void decode_bit_packed_levels<T>(const uint8_t*, size_t, int, T*, size_t); \
  template void encode_bit_packed_levels<T>(const T*, size_t, int, std::vector<uint8_t>&);
CRV_BIT_PACKED_LEVELS_INSTANTIATE(uint8_t)
CRV_BIT_PACKED_LEVELS_INSTANTIATE(int16_t)
CRV_BIT_PACKED_LEVELS_INSTANTIATE(uint16_t)
CRV_BIT_PACKED_LEVELS_INSTANTIATE(int32_t)
CRV_BIT_PACKED_LEVELS_INSTANTIATE(uint32_t)
#undef CRV_BIT_PACKED_LEVELS_INSTANTIATE

}  // namespace crv::parquet::encoding
