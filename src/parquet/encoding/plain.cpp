#include "parquet/encoding/plain.hpp"

#include <cstring>
#include <limits>
#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_util.hpp"

namespace crv::parquet::encoding {

namespace {

[[noreturn]] void throw_truncated(const char* type, size_t n, size_t needed, size_t size) {
  throw ParquetError(std::string("PLAIN ") + type + ": " + std::to_string(n) + " values need " +
                     std::to_string(needed) + " bytes, only " + std::to_string(size) + " present");
}

// Checks that n values of `width` bytes fit in `size` bytes; returns n * width.
size_t checked_fixed_size(const char* type, size_t n, size_t width, size_t size) {
  if (width != 0 && n > size / width) throw_truncated(type, n, n * width, size);
  return n * width;
}

void check_bits(size_t size, size_t bit_offset, size_t n) {
  if (bit_offset > size * 8 || n > size * 8 - bit_offset) {
    throw ParquetError("PLAIN BOOLEAN: " + std::to_string(n) + " values from bit " + std::to_string(bit_offset) +
                       " exceed the " + std::to_string(size) + " bytes present");
  }
}

// Copies n bits from src (starting at src_bit) to dst (starting at dst_bit), LSB-first.
void copy_bits(const uint8_t* src, size_t src_bit, uint8_t* dst, size_t dst_bit, size_t n) {
  if (src_bit % 8 == 0 && dst_bit % 8 == 0) {
    const size_t whole = n / 8;
    if (whole != 0) std::memcpy(dst + dst_bit / 8, src + src_bit / 8, whole);
    src_bit += whole * 8;
    dst_bit += whole * 8;
    n -= whole * 8;
  }
  for (size_t i = 0; i < n; ++i) {
    const size_t s = src_bit + i;
    const size_t d = dst_bit + i;
    const auto bit = static_cast<uint8_t>((src[s / 8] >> (s % 8)) & 1);
    dst[d / 8] = static_cast<uint8_t>((dst[d / 8] & ~(1u << (d % 8))) | (bit << (d % 8)));
  }
}

template <typename Sink>
size_t decode_byte_arrays(const uint8_t* data, size_t size, size_t n, Sink&& sink) {
  size_t pos = 0;
  for (size_t i = 0; i < n; ++i) {
    if (size - pos < 4) {
      throw ParquetError("PLAIN BYTE_ARRAY: length of value " + std::to_string(i) + " truncated at byte " +
                         std::to_string(pos));
    }
    const uint32_t length = load_le<uint32_t>(data + pos);
    pos += 4;
    if (length > size - pos) {
      throw ParquetError("PLAIN BYTE_ARRAY: value " + std::to_string(i) + " of " + std::to_string(length) +
                         " bytes exceeds the " + std::to_string(size - pos) + " bytes left");
    }
    sink(i, data + pos, length);
    pos += length;
  }
  return pos;
}

}  // namespace

template <typename T>
void plain_encode(const T* values, size_t n, std::vector<uint8_t>& out) {
  const size_t start = out.size();
  out.resize(start + n * sizeof(T));
  if (n != 0) std::memcpy(out.data() + start, values, n * sizeof(T));
}

template <typename T>
size_t plain_decode(const uint8_t* data, size_t size, T* out, size_t n) {
  const size_t bytes = checked_fixed_size("fixed-width", n, sizeof(T), size);
  if (bytes != 0) std::memcpy(out, data, bytes);
  return bytes;
}

void plain_encode_booleans(const uint8_t* values, size_t n, std::vector<uint8_t>& out) {
  const size_t start = out.size();
  out.resize(start + static_cast<size_t>(bytes_for_bits(n)), 0);
  uint8_t* dst = out.data() + start;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint8_t byte = 0;
    for (int b = 0; b < 8; ++b) byte |= static_cast<uint8_t>((values[i + static_cast<size_t>(b)] != 0) << b);
    dst[i / 8] = byte;
  }
  for (; i < n; ++i) dst[i / 8] |= static_cast<uint8_t>((values[i] != 0) << (i % 8));
}

void plain_encode_boolean_bits(const uint8_t* bitmap, size_t bit_offset, size_t n, std::vector<uint8_t>& out) {
  const size_t start = out.size();
  out.resize(start + static_cast<size_t>(bytes_for_bits(n)), 0);
  copy_bits(bitmap, bit_offset, out.data() + start, 0, n);
}

void plain_decode_booleans(const uint8_t* data, size_t size, size_t bit_offset, uint8_t* out, size_t n) {
  check_bits(size, bit_offset, n);
  for (size_t i = 0; i < n; ++i) {
    const size_t s = bit_offset + i;
    out[i] = static_cast<uint8_t>((data[s / 8] >> (s % 8)) & 1);
  }
}

void plain_decode_boolean_bits(const uint8_t* data, size_t size, size_t bit_offset, uint8_t* out_bitmap,
                               size_t out_bit_offset, size_t n) {
  check_bits(size, bit_offset, n);
  copy_bits(data, bit_offset, out_bitmap, out_bit_offset, n);
}

size_t plain_byte_arrays_size(const ByteArrayView* values, size_t n) noexcept {
  size_t total = 4 * n;
  for (size_t i = 0; i < n; ++i) total += values[i].size;
  return total;
}

void plain_encode_byte_arrays(const ByteArrayView* values, size_t n, std::vector<uint8_t>& out) {
  size_t pos = out.size();
  out.resize(pos + plain_byte_arrays_size(values, n));
  uint8_t* dst = out.data();
  for (size_t i = 0; i < n; ++i) {
    store_le(dst + pos, values[i].size);
    pos += 4;
    if (values[i].size != 0) std::memcpy(dst + pos, values[i].data, values[i].size);
    pos += values[i].size;
  }
}

void plain_encode_byte_arrays(const int32_t* offsets, const uint8_t* data, size_t n, std::vector<uint8_t>& out) {
  size_t pos = out.size();
  const size_t bytes = n == 0 ? 0 : static_cast<size_t>(offsets[n] - offsets[0]);
  out.resize(pos + 4 * n + bytes);
  uint8_t* dst = out.data();
  for (size_t i = 0; i < n; ++i) {
    const auto length = static_cast<uint32_t>(offsets[i + 1] - offsets[i]);
    store_le(dst + pos, length);
    pos += 4;
    if (length != 0) std::memcpy(dst + pos, data + offsets[i], length);
    pos += length;
  }
}

size_t plain_decode_byte_arrays(const uint8_t* data, size_t size, size_t n, ByteArrayOutput& out) {
  // Every value takes at least its 4-byte length, so n is bounded by the data before any
  // reservation; the bytes appended are bounded by the data too.
  if (n > size / 4) throw_truncated("BYTE_ARRAY", n, 4 * n, size);
  out.reserve_more(n, size - 4 * n);
  return decode_byte_arrays(data, size, n,
                            [&out](size_t, const uint8_t* value, uint32_t length) { out.append(value, length); });
}

size_t plain_decode_byte_array_views(const uint8_t* data, size_t size, size_t n, ByteArrayView* out) {
  return decode_byte_arrays(data, size, n, [out](size_t i, const uint8_t* value, uint32_t length) {
    out[i] = ByteArrayView{value, length};
  });
}

void plain_encode_fixed(const uint8_t* values, size_t n, size_t width, std::vector<uint8_t>& out) {
  const size_t start = out.size();
  out.resize(start + n * width);
  if (n * width != 0) std::memcpy(out.data() + start, values, n * width);
}

size_t plain_decode_fixed(const uint8_t* data, size_t size, size_t width, uint8_t* out, size_t n) {
  const size_t bytes = checked_fixed_size("FIXED_LEN_BYTE_ARRAY", n, width, size);
  if (bytes != 0) std::memcpy(out, data, bytes);
  return bytes;
}

#define CRV_PLAIN_INSTANTIATE(T)                                          \
  template void plain_encode<T>(const T*, size_t, std::vector<uint8_t>&); \
  template size_t plain_decode<T>(const uint8_t*, size_t, T*, size_t);
CRV_PLAIN_INSTANTIATE(int32_t)
CRV_PLAIN_INSTANTIATE(int64_t)
CRV_PLAIN_INSTANTIATE(float)
CRV_PLAIN_INSTANTIATE(double)
CRV_PLAIN_INSTANTIATE(Int96)
#undef CRV_PLAIN_INSTANTIATE

}  // namespace crv::parquet::encoding
