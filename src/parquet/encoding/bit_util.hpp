#pragma once
// Bit-level helpers shared by the Parquet encodings: little-endian loads and stores, bit
// widths, ULEB128 / zigzag varints, bulk packing and unpacking of 32 values of a fixed bit
// width (LSB-first, as the RLE/bit-packed hybrid and DELTA_BINARY_PACKED store them), and a
// BitWriter / BitReader for streams of packed values.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace crv::parquet::encoding {

static_assert(std::endian::native == std::endian::little, "the Parquet encodings assume a little-endian host");

// Unaligned little-endian load / store of a trivially copyable value.
template <typename T>
[[nodiscard]] inline T load_le(const uint8_t* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}
template <typename T>
inline void store_le(uint8_t* p, T v) noexcept {
  std::memcpy(p, &v, sizeof(T));
}

// Number of bits needed to store v (0 for 0, 64 for values with the top bit set).
[[nodiscard]] constexpr int bit_width_of(uint64_t v) noexcept { return static_cast<int>(std::bit_width(v)); }

// Bytes holding `bits` bits.
[[nodiscard]] constexpr uint64_t bytes_for_bits(uint64_t bits) noexcept { return (bits + 7) / 8; }

// Mask of the low `bits` bits (bits in 0..64).
[[nodiscard]] constexpr uint64_t low_bits_mask(int bits) noexcept {
  return bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
}

// Zigzag mapping of signed to unsigned integers (0,-1,1,-2 -> 0,1,2,3).
[[nodiscard]] constexpr uint64_t zigzag_encode(int64_t v) noexcept {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
[[nodiscard]] constexpr int64_t zigzag_decode(uint64_t v) noexcept {
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

// Appends the ULEB128 encoding of v (1 to 10 bytes).
void write_uleb128(std::vector<uint8_t>& out, uint64_t v);

// Reads a ULEB128 value from data[*pos, size), advancing *pos. Throws ParquetError when the
// varint is truncated or longer than 10 bytes; `what` names the field in the message.
[[nodiscard]] uint64_t read_uleb128(const uint8_t* data, size_t size, size_t* pos, const char* what);

// Unpacks 32 values of `bit_width` bits stored LSB-first in `in`, which must hold
// 4 * bit_width bytes. bit_width: 0..32 for uint32_t output, 0..64 for uint64_t output.
void unpack32(const uint8_t* in, uint32_t* out, int bit_width) noexcept;
void unpack32(const uint8_t* in, uint64_t* out, int bit_width) noexcept;

// Packs 32 values (each must fit in bit_width bits; higher bits are masked off) LSB-first
// into `out`, writing exactly 4 * bit_width bytes.
void pack32(const uint32_t* in, uint8_t* out, int bit_width) noexcept;
void pack32(const uint64_t* in, uint8_t* out, int bit_width) noexcept;

// Unpacks n values of `bit_width` bits (0..64) starting at bit 0 of `in`, which must hold
// bytes_for_bits(n * bit_width) bytes. Uses unpack32 for whole groups of 32.
void unpack(const uint8_t* in, uint64_t* out, size_t n, int bit_width) noexcept;
void unpack(const uint8_t* in, uint32_t* out, size_t n, int bit_width) noexcept;

// Appends values of up to 64 bits LSB-first to a byte vector.
class BitWriter {
 public:
  explicit BitWriter(std::vector<uint8_t>& out) noexcept : out_(&out) {}

  // Appends the low `num_bits` bits (0..64) of v.
  void put_value(uint64_t v, int num_bits) {
    v &= low_bits_mask(num_bits);
    if (num_bits == 0) return;
    buffer_ |= (bit_count_ < 64 ? v << bit_count_ : 0);
    const int total = bit_count_ + num_bits;
    if (total >= 64) {
      append_word(buffer_);
      buffer_ = bit_count_ == 0 ? 0 : v >> (64 - bit_count_);
      bit_count_ = total - 64;
    } else {
      bit_count_ = total;
    }
  }

  // Writes out the pending bits, padding the last byte with zero bits.
  void flush() {
    const int bytes = (bit_count_ + 7) / 8;
    for (int i = 0; i < bytes; ++i) out_->push_back(static_cast<uint8_t>(buffer_ >> (8 * i)));
    buffer_ = 0;
    bit_count_ = 0;
  }

 private:
  void append_word(uint64_t w) {
    const size_t at = out_->size();
    out_->resize(at + 8);
    store_le(out_->data() + at, w);
  }

  std::vector<uint8_t>* out_;
  uint64_t buffer_ = 0;
  int bit_count_ = 0;
};

// Reads values of up to 64 bits LSB-first from a byte span; every read is bounds-checked.
class BitReader {
 public:
  BitReader() = default;
  BitReader(const uint8_t* data, size_t size) noexcept : data_(data), size_(size) {}

  // Reads `num_bits` (0..64) bits into *v; returns false (consuming nothing) if the span
  // ends first.
  [[nodiscard]] bool get_value(int num_bits, uint64_t* v) noexcept;

  // Bits not read yet.
  [[nodiscard]] uint64_t bits_left() const noexcept { return uint64_t{size_} * 8 - bit_pos_; }
  // Bytes touched so far (a partly read byte counts).
  [[nodiscard]] size_t bytes_consumed() const noexcept { return static_cast<size_t>(bytes_for_bits(bit_pos_)); }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  uint64_t bit_pos_ = 0;
};

}  // namespace crv::parquet::encoding
