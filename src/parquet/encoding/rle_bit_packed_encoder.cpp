#include "parquet/encoding/rle_bit_packed_encoder.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_util.hpp"

namespace crv::parquet::encoding {

size_t rle_bit_packed_max_size(int bit_width, size_t n) noexcept {
  // Every 8 values cost at most bit_width + 2 bytes: a literal group costs bit_width bytes
  // plus at most one indicator byte; a repeated run of L >= 8 values costs a header of
  // ULEB128(2L) (1 byte up to 63 values, at most 10 from 64 on) and ceil(bit_width / 8)
  // value bytes. One more group for the zero-padded last one.
  return (n / 8 + 1) * (static_cast<size_t>(bit_width) + 2) + 16;
}

namespace {

// Whole-array encoding (byte for byte what a value-by-value encoder in the manner of
// parquet-mr writes; tests/parquet/reference_rle_encoder.hpp is that reference): from the start of the stream and after
// each repeated run, values are looked at in groups of 8; a group whose 8 values are equal starts a repeated run that
// lasts as long as the value does, any other group is bit-packed into the literal run in front of it (closed at 63
// groups). A last partial group is a repeated run when it is all one value and no literal run is open, else it is
// bit-packed zero-padded.
template <typename T>
class WholeArrayRleEncoder {
 public:
  WholeArrayRleEncoder(const T* values, int bit_width)
      : values_(values), width_(static_cast<size_t>(bit_width)), mask_(low_bits_mask(bit_width)) {}

  // Writes the encoding of values [0, n) at dst, which has room for max_encoded_size(n) + 16
  // bytes; returns the end of what was written.
  uint8_t* encode(size_t n, uint8_t* dst) const {
    size_t literal_begin = 0;
    size_t pos = 0;
    while (pos + 8 <= n) {
      const uint64_t first = value(pos);
      if (!group_is_one_value(pos, first)) {
        pos += 8;
        continue;
      }
      size_t end = pos + 8;
      while (end < n && value(end) == first) ++end;
      dst = write_literals(literal_begin, pos, dst);
      dst = write_repeated_run(end - pos, first, dst);
      pos = end;
      literal_begin = pos;
    }
    if (pos < n && literal_begin == pos && tail_is_one_value(pos, n)) {
      return write_repeated_run(n - pos, value(pos), dst);
    }
    return write_literals(literal_begin, n, dst);
  }

 private:
  static constexpr size_t kMaxGroupsPerRun = 63;

  [[nodiscard]] uint64_t value(size_t i) const noexcept { return static_cast<uint64_t>(values_[i]) & mask_; }

  [[nodiscard]] bool group_is_one_value(size_t pos, uint64_t first) const noexcept {
    bool equal = true;
    for (size_t k = 1; k < 8; ++k) equal &= value(pos + k) == first;
    return equal;
  }
  [[nodiscard]] bool tail_is_one_value(size_t pos, size_t n) const noexcept {
    for (size_t k = pos + 1; k < n; ++k) {
      if (value(k) != value(pos)) return false;
    }
    return true;
  }

  uint8_t* write_repeated_run(size_t count, uint64_t v, uint8_t* dst) const noexcept {
    uint64_t header = static_cast<uint64_t>(count) << 1;
    while (header >= 0x80) {
      *dst++ = static_cast<uint8_t>(header | 0x80);
      header >>= 7;
    }
    *dst++ = static_cast<uint8_t>(header);
    const size_t value_bytes = (width_ + 7) / 8;
    store_le(dst, v);  // dst has slack past the bound
    return dst + value_bytes;
  }

  // Values [begin, end) as literal runs of at most 63 groups; only the last group of the
  // stream may be partial (it is zero-padded).
  uint8_t* write_literals(size_t begin, size_t end, uint8_t* dst) const noexcept {
    while (begin < end) {
      const size_t count = std::min(end - begin, kMaxGroupsPerRun * 8);
      const size_t groups = (count + 7) / 8;
      *dst++ = static_cast<uint8_t>(groups << 1 | 1);
      const size_t full = count / 8 * 8;
      dst = pack_groups(begin, begin + full, dst);
      if (full < count) {
        uint64_t padded[8] = {};
        for (size_t k = 0; k < count - full; ++k) padded[k] = value(begin + full + k);
        dst = pack_group_generic(padded, dst);
      }
      begin += count;
    }
    return dst;
  }

  // Full groups of values [begin, end) bit-packed LSB-first, bit_width bytes per group.
  uint8_t* pack_groups(size_t begin, size_t end, uint8_t* dst) const noexcept {
    if (width_ <= 8) {
      for (size_t i = begin; i < end; i += 8) {
        uint64_t word = 0;
        for (size_t k = 0; k < 8; ++k) word |= value(i + k) << (k * width_);
        store_le(dst, word);  // 8 bytes stored, width_ kept
        dst += width_;
      }
    } else if (width_ <= 16) {
      for (size_t i = begin; i < end; i += 8) {
        uint64_t low = 0;
        uint64_t high = 0;
        for (size_t k = 0; k < 4; ++k) low |= value(i + k) << (k * width_);
        for (size_t k = 0; k < 4; ++k) high |= value(i + 4 + k) << (k * width_);
        // The 4 * width_ (36..64) bits of `low`, then those of `high`: two words.
        const size_t split = 4 * width_;
        if (split < 64) {
          store_le(dst, low | (high << split));
          store_le(dst + 8, high >> (64 - split));
        } else {
          store_le(dst, low);
          store_le(dst + 8, high);
        }
        dst += width_;
      }
    } else {
      uint64_t group[8];
      for (size_t i = begin; i < end; i += 8) {
        for (size_t k = 0; k < 8; ++k) group[k] = value(i + k);
        dst = pack_group_generic(group, dst);
      }
    }
    return dst;
  }

  // One group of 8 values (already masked), any width.
  uint8_t* pack_group_generic(const uint64_t* group, uint8_t* dst) const noexcept {
    uint64_t acc = 0;
    size_t bits = 0;
    for (size_t k = 0; k < 8; ++k) {
      const uint64_t x = group[k];
      acc |= x << bits;
      if (bits + width_ >= 64) {
        store_le(dst, acc);
        dst += 8;
        const size_t used = 64 - bits;
        acc = used < 64 ? x >> used : 0;
        bits = bits + width_ - 64;
      } else {
        bits += width_;
      }
    }
    store_le(dst, acc);
    return dst + bits / 8;
  }

  const T* values_;
  size_t width_;
  uint64_t mask_;
};

}  // namespace

template <typename T>
void encode_rle_bit_packed(const T* values, size_t n, int bit_width, RleLengthPrefix prefix,
                           std::vector<uint8_t>& out) {
  if (bit_width < 0 || bit_width > 64) {
    throw ParquetError("RLE/bit-packed encoder: bit width " + std::to_string(bit_width) + " is not in 0..64");
  }
  const size_t start = out.size();
  const size_t prefix_bytes = prefix == RleLengthPrefix::kFourBytes ? 4 : 0;
  // The bound, plus slack for the whole-word stores past the last byte written.
  out.resize(start + prefix_bytes + rle_bit_packed_max_size(bit_width, n) + 16);
  uint8_t* begin = out.data() + start + prefix_bytes;
  const uint8_t* end = WholeArrayRleEncoder<T>(values, bit_width).encode(n, begin);
  const auto encoded = static_cast<size_t>(end - begin);
  out.resize(start + prefix_bytes + encoded);
  if (prefix == RleLengthPrefix::kFourBytes) store_le(out.data() + start, static_cast<uint32_t>(encoded));
}

int dictionary_index_bit_width(size_t num_entries) noexcept {
  if (num_entries == 0) return 0;
  return std::max(1, bit_width_of(num_entries - 1));
}

void encode_dictionary_indices(const uint32_t* indices, size_t n, size_t num_dictionary_entries,
                               std::vector<uint8_t>& out) {
  const int width = dictionary_index_bit_width(num_dictionary_entries);
  out.push_back(static_cast<uint8_t>(width));
  encode_rle_bit_packed(indices, n, width, RleLengthPrefix::kNone, out);
}

#define CRV_RLE_ENCODER_INSTANTIATE(T) \
  template void encode_rle_bit_packed<T>(const T*, size_t, int, RleLengthPrefix, std::vector<uint8_t>&);
CRV_RLE_ENCODER_INSTANTIATE(bool)
CRV_RLE_ENCODER_INSTANTIATE(uint8_t)
CRV_RLE_ENCODER_INSTANTIATE(int16_t)
CRV_RLE_ENCODER_INSTANTIATE(uint16_t)
CRV_RLE_ENCODER_INSTANTIATE(int32_t)
CRV_RLE_ENCODER_INSTANTIATE(uint32_t)
CRV_RLE_ENCODER_INSTANTIATE(uint64_t)
#undef CRV_RLE_ENCODER_INSTANTIATE

}  // namespace crv::parquet::encoding
