#include <crv/frame/bit_util.hpp>

#include <bit>
#include <cstring>

namespace crv::frame::bits {

int64_t count_set_bits(const uint8_t* bytes, int64_t offset, int64_t length) {
  int64_t count = 0;
  int64_t i = offset;
  const int64_t end = offset + length;
  while (i < end && (i & 7) != 0) count += get_bit(bytes, i++);
  while (i + 64 <= end) {
    uint64_t word;
    std::memcpy(&word, bytes + (i >> 3), sizeof(word));
    count += std::popcount(word);
    i += 64;
  }
  while (i + 8 <= end) {
    count += std::popcount(static_cast<unsigned>(bytes[i >> 3]));
    i += 8;
  }
  while (i < end) count += get_bit(bytes, i++);
  return count;
}

void copy_bits(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst, int64_t dst_offset) {
  if ((src_offset & 7) == 0 && (dst_offset & 7) == 0) {
    const int64_t whole = length >> 3;
    if (whole > 0) std::memcpy(dst + (dst_offset >> 3), src + (src_offset >> 3), static_cast<size_t>(whole));
    for (int64_t i = whole * 8; i < length; ++i) set_bit_to(dst, dst_offset + i, get_bit(src, src_offset + i));
    return;
  }
  for (int64_t i = 0; i < length; ++i) set_bit_to(dst, dst_offset + i, get_bit(src, src_offset + i));
}

void fill_bits(uint8_t* dst, int64_t offset, int64_t length, bool value) {
  int64_t i = offset;
  const int64_t end = offset + length;
  while (i < end && (i & 7) != 0) set_bit_to(dst, i++, value);
  const int64_t whole_bytes = (end - i) >> 3;
  if (whole_bytes > 0) {
    std::memset(dst + (i >> 3), value ? 0xFF : 0x00, static_cast<size_t>(whole_bytes));
    i += whole_bytes * 8;
  }
  while (i < end) set_bit_to(dst, i++, value);
}

}  // namespace crv::frame::bits
