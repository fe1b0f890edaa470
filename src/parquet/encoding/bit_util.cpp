#include "parquet/encoding/bit_util.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "crv/parquet/error.hpp"

namespace crv::parquet::encoding {

void write_uleb128(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

uint64_t read_uleb128(const uint8_t* data, size_t size, size_t* pos, const char* what) {
  uint64_t result = 0;
  for (int i = 0; i < 10; ++i) {
    if (*pos >= size) {
      throw ParquetError(std::string("truncated varint for ") + what + " at byte " + std::to_string(*pos));
    }
    const uint8_t byte = data[(*pos)++];
    if (i == 9 && byte > 1) {
      throw ParquetError(std::string("varint for ") + what + " overflows 64 bits");
    }
    result |= static_cast<uint64_t>(byte & 0x7F) << (7 * i);
    if ((byte & 0x80) == 0) return result;
  }
  throw ParquetError(std::string("varint for ") + what + " is longer than 10 bytes");
}

namespace {

// Unpacks 32 values of W bits: value i occupies bits [i*W, i*W + W) of the little-endian
// 32-bit words of the input. W is a compile-time constant, so the unrolled loop reduces
// to constant shifts and masks.
template <typename T, int W>
void unpack32_fixed(const uint8_t* in, T* out) noexcept {
  if constexpr (W == 0) {
    for (int i = 0; i < 32; ++i) out[i] = 0;
  } else {
    uint32_t words[W];
    std::memcpy(words, in, sizeof(words));
    constexpr uint64_t mask = low_bits_mask(W);
#pragma GCC unroll 32
    for (int i = 0; i < 32; ++i) {
      const int bit = i * W;
      const int w = bit / 32;
      const int s = bit % 32;
      uint64_t v = words[w] >> s;
      if (s + W > 32) v |= static_cast<uint64_t>(words[w + 1]) << (32 - s);
      if (s + W > 64) v |= static_cast<uint64_t>(words[w + 2]) << (64 - s);
      out[i] = static_cast<T>(v & mask);
    }
  }
}

template <typename T, int W>
void pack32_fixed(const T* in, uint8_t* out) noexcept {
  if constexpr (W > 0) {
    uint32_t words[W] = {};
    constexpr uint64_t mask = low_bits_mask(W);
#pragma GCC unroll 32
    for (int i = 0; i < 32; ++i) {
      const uint64_t v = static_cast<uint64_t>(in[i]) & mask;
      const int bit = i * W;
      const int w = bit / 32;
      const int s = bit % 32;
      words[w] |= static_cast<uint32_t>(v << s);
      if (s + W > 32) words[w + 1] |= static_cast<uint32_t>(v >> (32 - s));
      if (s + W > 64) words[w + 2] |= static_cast<uint32_t>(v >> (64 - s));
    }
    std::memcpy(out, words, sizeof(words));
  }
}

template <typename T>
using UnpackFn = void (*)(const uint8_t*, T*) noexcept;
template <typename T>
using PackFn = void (*)(const T*, uint8_t*) noexcept;

template <typename T, int... W>
constexpr std::array<UnpackFn<T>, sizeof...(W)> make_unpack_table(std::integer_sequence<int, W...>) {
  return {&unpack32_fixed<T, W>...};
}
template <typename T, int... W>
constexpr std::array<PackFn<T>, sizeof...(W)> make_pack_table(std::integer_sequence<int, W...>) {
  return {&pack32_fixed<T, W>...};
}

constexpr auto kUnpack32 = make_unpack_table<uint32_t>(std::make_integer_sequence<int, 33>{});
constexpr auto kUnpack64 = make_unpack_table<uint64_t>(std::make_integer_sequence<int, 65>{});
constexpr auto kPack32 = make_pack_table<uint32_t>(std::make_integer_sequence<int, 33>{});
constexpr auto kPack64 = make_pack_table<uint64_t>(std::make_integer_sequence<int, 65>{});

template <typename T>
void unpack_any(const uint8_t* in, T* out, size_t n, int bit_width) noexcept {
  const size_t groups = n / 32;
  const size_t group_bytes = static_cast<size_t>(bit_width) * 4;
  for (size_t g = 0; g < groups; ++g) unpack32(in + g * group_bytes, out + g * 32, bit_width);
  const size_t rest = n % 32;
  if (rest == 0) return;
  // Copy the partial group into a zero-padded buffer so unpack32 never reads past the end.
  uint8_t tail[64 * 4] = {};
  const auto tail_bytes = static_cast<size_t>(bytes_for_bits(rest * static_cast<size_t>(bit_width)));
  if (tail_bytes != 0) std::memcpy(tail, in + groups * group_bytes, tail_bytes);
  T values[32];
  unpack32(tail, values, bit_width);
  std::memcpy(out + groups * 32, values, rest * sizeof(T));
}

}  // namespace

void unpack32(const uint8_t* in, uint32_t* out, int bit_width) noexcept { kUnpack32[bit_width](in, out); }
void unpack32(const uint8_t* in, uint64_t* out, int bit_width) noexcept { kUnpack64[bit_width](in, out); }
void pack32(const uint32_t* in, uint8_t* out, int bit_width) noexcept { kPack32[bit_width](in, out); }
void pack32(const uint64_t* in, uint8_t* out, int bit_width) noexcept { kPack64[bit_width](in, out); }

void unpack(const uint8_t* in, uint64_t* out, size_t n, int bit_width) noexcept { unpack_any(in, out, n, bit_width); }
void unpack(const uint8_t* in, uint32_t* out, size_t n, int bit_width) noexcept { unpack_any(in, out, n, bit_width); }

bool BitReader::get_value(int num_bits, uint64_t* v) noexcept {
  if (static_cast<uint64_t>(num_bits) > bits_left()) return false;
  uint64_t result = 0;
  int got = 0;
  uint64_t pos = bit_pos_;
  while (got < num_bits) {
    const size_t byte = static_cast<size_t>(pos / 8);
    const int shift = static_cast<int>(pos % 8);
    const int take = std::min(8 - shift, num_bits - got);
    const uint64_t bits = (static_cast<uint64_t>(data_[byte]) >> shift) & low_bits_mask(take);
    result |= bits << got;
    got += take;
    pos += static_cast<uint64_t>(take);
  }
  bit_pos_ = pos;
  *v = result;
  return true;
}

}  // namespace crv::parquet::encoding
