#include "parquet/encoding/rle_bit_packed_decoder.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_util.hpp"

namespace crv::parquet::encoding {

void RleBitPackedDecoder::reset(const uint8_t* data, size_t size, int bit_width) {
  if (bit_width < 0 || bit_width > 64) {
    throw ParquetError("RLE/bit-packed data: bit width " + std::to_string(bit_width) + " is not in 0..64");
  }
  data_ = data;
  size_ = size;
  pos_ = 0;
  bit_width_ = bit_width;
  rle_value_ = 0;
  rle_left_ = 0;
  packed_ = nullptr;
  packed_bytes_ = 0;
  packed_read_ = 0;
  packed_left_ = 0;
}

bool RleBitPackedDecoder::next_run() {
  if (pos_ >= size_) return false;
  const size_t header_pos = pos_;
  const uint64_t header = read_uleb128(data_, size_, &pos_, "RLE/bit-packed run header");
  const uint64_t count = header >> 1;
  if (count == 0) {
    throw ParquetError("RLE/bit-packed data: empty run at byte " + std::to_string(header_pos));
  }
  const size_t available = size_ - pos_;
  const auto width = static_cast<uint64_t>(bit_width_);
  if ((header & 1) != 0) {
    // Bit-packed run of `count` groups of 8 values, count * bit_width bytes. A body cut short
    // by the end of the data yields the values whose bits are all present.
    constexpr uint64_t kMaxGroups = std::numeric_limits<size_t>::max() / 8;
    const uint64_t groups = std::min(count, kMaxGroups);
    uint64_t values = groups * 8;
    uint64_t body = groups * width;  // width <= 64, groups < 2^61: no overflow
    if (width > 0 && (groups > available / width)) {
      body = available;
      values = std::min<uint64_t>(values, available * 8 / width);
    }
    packed_ = data_ + pos_;
    packed_bytes_ = static_cast<size_t>(body);
    packed_read_ = 0;
    packed_left_ = static_cast<size_t>(values);
    pos_ += static_cast<size_t>(body);
  } else {
    const size_t value_bytes = static_cast<size_t>(bytes_for_bits(width));
    if (value_bytes > available) {
      throw ParquetError("RLE/bit-packed data: RLE run value truncated at byte " + std::to_string(pos_));
    }
    uint64_t value = 0;
    for (size_t i = 0; i < value_bytes; ++i) value |= static_cast<uint64_t>(data_[pos_ + i]) << (8 * i);
    if ((value & ~low_bits_mask(bit_width_)) != 0) {
      throw ParquetError("RLE/bit-packed data: RLE run value " + std::to_string(value) + " exceeds bit width " +
                         std::to_string(bit_width_));
    }
    pos_ += value_bytes;
    rle_value_ = value;
    rle_left_ = static_cast<size_t>(std::min<uint64_t>(count, std::numeric_limits<size_t>::max()));
  }
  return true;
}

namespace {

// The 8 values (0 or 1) of every byte of a bit width 1 run, least significant bit first.
template <typename T>
struct BitExpansion {
  T values[256][8] = {};
  constexpr BitExpansion() {
    for (unsigned byte = 0; byte < 256; ++byte) {
      for (unsigned b = 0; b < 8; ++b) values[byte][b] = static_cast<T>((byte >> b) & 1);
    }
  }
};

template <typename T>
constexpr BitExpansion<T> kBitExpansion{};

}  // namespace

template <typename T>
void RleBitPackedDecoder::unpack_values(T* out, size_t count) {
  if (bit_width_ == 1) {
    // One bit per value (the definition levels of optional columns): expanded byte by byte.
    // packed_left_ never exceeds the values whose bits are present.
    size_t v = packed_read_;
    size_t i = 0;
    for (; i < count && (v & 7) != 0; ++i, ++v) out[i] = static_cast<T>((packed_[v >> 3] >> (v & 7)) & 1);
    for (; i + 8 <= count; i += 8, v += 8)
      std::memcpy(out + i, kBitExpansion<T>.values[packed_[v >> 3]], 8 * sizeof(T));
    for (; i < count; ++i, ++v) out[i] = static_cast<T>((packed_[v >> 3] >> (v & 7)) & 1);
    packed_read_ = v;
    return;
  }
  using Wide = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  const size_t group_bytes = static_cast<size_t>(bit_width_) * 4;
  while (count > 0) {
    const size_t group = packed_read_ / 32;
    const size_t within = packed_read_ % 32;
    const size_t take = std::min(count, 32 - within);
    const size_t group_start = group * group_bytes;
    const bool whole_group_present = group_start + group_bytes <= packed_bytes_;
    if constexpr (sizeof(T) == sizeof(Wide)) {
      if (within == 0 && take == 32 && whole_group_present) {
        unpack32(packed_ + group_start, reinterpret_cast<Wide*>(out), bit_width_);
        out += 32;
        count -= 32;
        packed_read_ += 32;
        continue;
      }
    }
    Wide values[32];
    if (whole_group_present) {
      unpack32(packed_ + group_start, values, bit_width_);
    } else {
      uint8_t padded[64 * 4] = {};
      std::memcpy(padded, packed_ + group_start, packed_bytes_ - group_start);
      unpack32(padded, values, bit_width_);
    }
    for (size_t i = 0; i < take; ++i) out[i] = static_cast<T>(values[within + i]);
    out += take;
    count -= take;
    packed_read_ += take;
  }
}

template <typename T>
size_t RleBitPackedDecoder::get_batch(T* out, size_t n) {
  if (static_cast<size_t>(bit_width_) > sizeof(T) * 8) {
    throw ParquetError("RLE/bit-packed data: bit width " + std::to_string(bit_width_) + " does not fit in " +
                       std::to_string(sizeof(T) * 8) + "-bit values");
  }
  size_t done = 0;
  while (done < n) {
    if (rle_left_ > 0) {
      const size_t take = std::min(n - done, rle_left_);
      std::fill(out + done, out + done + take, static_cast<T>(rle_value_));
      rle_left_ -= take;
      done += take;
    } else if (packed_left_ > 0) {
      const size_t take = std::min(n - done, packed_left_);
      unpack_values(out + done, take);
      packed_left_ -= take;
      done += take;
    } else if (!next_run()) {
      break;
    }
  }
  return done;
}

template <typename T>
void RleBitPackedDecoder::decode(T* out, size_t n) {
  const size_t got = get_batch(out, n);
  if (got != n) {
    throw ParquetError("RLE/bit-packed data: expected " + std::to_string(n) + " values, found only " +
                       std::to_string(got));
  }
}

size_t RleBitPackedDecoder::skip(size_t n) {
  size_t done = 0;
  while (done < n) {
    if (rle_left_ > 0) {
      const size_t take = std::min(n - done, rle_left_);
      rle_left_ -= take;
      done += take;
    } else if (packed_left_ > 0) {
      const size_t take = std::min(n - done, packed_left_);
      packed_left_ -= take;
      packed_read_ += take;
      done += take;
    } else if (!next_run()) {
      break;
    }
  }
  return done;
}

LengthPrefixedRuns read_length_prefixed_runs(const uint8_t* data, size_t size) {
  if (size < 4) {
    throw ParquetError("RLE/bit-packed data: 4-byte length prefix truncated (" + std::to_string(size) + " bytes)");
  }
  const uint32_t length = load_le<uint32_t>(data);
  if (length > size - 4) {
    throw ParquetError("RLE/bit-packed data: length prefix " + std::to_string(length) + " exceeds the " +
                       std::to_string(size - 4) + " bytes available");
  }
  return {data + 4, length, size_t{4} + length};
}

RleBitPackedDecoder make_dictionary_index_decoder(const uint8_t* data, size_t size) {
  if (size == 0) throw ParquetError("dictionary indices: missing bit width byte");
  const int width = data[0];
  if (width > 32) {
    throw ParquetError("dictionary indices: bit width " + std::to_string(width) + " exceeds 32");
  }
  return RleBitPackedDecoder(data + 1, size - 1, width);
}

#define CRV_RLE_DECODER_INSTANTIATE(T)                           \
  template size_t RleBitPackedDecoder::get_batch<T>(T*, size_t); \
  template void RleBitPackedDecoder::decode<T>(T*, size_t);
CRV_RLE_DECODER_INSTANTIATE(uint8_t)
CRV_RLE_DECODER_INSTANTIATE(int16_t)
CRV_RLE_DECODER_INSTANTIATE(uint16_t)
CRV_RLE_DECODER_INSTANTIATE(int32_t)
CRV_RLE_DECODER_INSTANTIATE(uint32_t)
CRV_RLE_DECODER_INSTANTIATE(uint64_t)
#undef CRV_RLE_DECODER_INSTANTIATE

}  // namespace crv::parquet::encoding
