#pragma once

#include <cstdint>

#include "crv/export.hpp"

namespace crv::frame::bits {

/// Bitmaps are in Arrow's LSB order: bit i is (bytes[i / 8] >> (i % 8)) & 1.
inline bool get_bit(const uint8_t* bytes, int64_t i) { return (bytes[i >> 3] >> (i & 7)) & 1; }
inline void set_bit(uint8_t* bytes, int64_t i) {
  bytes[i >> 3] = static_cast<uint8_t>(bytes[i >> 3] | (1u << (i & 7)));
}
inline void clear_bit(uint8_t* bytes, int64_t i) {
  bytes[i >> 3] = static_cast<uint8_t>(bytes[i >> 3] & ~(1u << (i & 7)));
}
inline void set_bit_to(uint8_t* bytes, int64_t i, bool value) {
  bytes[i >> 3] = static_cast<uint8_t>((bytes[i >> 3] & ~(1u << (i & 7))) | (static_cast<unsigned>(value) << (i & 7)));
}
/// Bytes needed for `bit_count` bits.
inline int64_t bytes_for_bits(int64_t bit_count) { return (bit_count + 7) / 8; }

/// Number of set bits in [offset, offset + length).
CRV_IO_EXPORT int64_t count_set_bits(const uint8_t* bytes, int64_t offset, int64_t length);
/// Copies `length` bits from src (starting at bit src_offset) to dst (starting at dst_offset).
CRV_IO_EXPORT void copy_bits(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst, int64_t dst_offset);
/// Sets bits [offset, offset + length) of dst to `value`.
CRV_IO_EXPORT void fill_bits(uint8_t* dst, int64_t offset, int64_t length, bool value);

}  // namespace crv::frame::bits
