#include "parquet/encoding/rle_bit_packed_encoder.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_util.hpp"

namespace crv::parquet::encoding {

namespace {
constexpr size_t kNoIndicator = static_cast<size_t>(-1);
// A literal run's indicator byte is reserved before its groups are known, so a run holds at
// most 63 groups of 8 (the largest count whose ULEB128 header fits in one byte).
constexpr size_t kMaxLiteralGroups = 63;
}  // namespace

RleBitPackedEncoder::RleBitPackedEncoder(int bit_width)
    : bit_width_(bit_width), literal_indicator_offset_(kNoIndicator) {
  if (bit_width < 0 || bit_width > 64) {
    throw ParquetError("RLE/bit-packed encoder: bit width " + std::to_string(bit_width) + " is not in 0..64");
  }
}

void RleBitPackedEncoder::put(uint64_t value) {
  value &= low_bits_mask(bit_width_);
  ++num_values_;
  if (value == current_value_ && repeat_count_ > 0) {
    ++repeat_count_;
    if (repeat_count_ > 8) return;  // the run continues; it was already detected
  } else {
    if (repeat_count_ >= 8) flush_repeated_run();
    repeat_count_ = 1;
    current_value_ = value;
  }
  buffered_values_[num_buffered_values_++] = value;
  if (num_buffered_values_ == 8) flush_buffered_values(false);
}

template <typename T>
void RleBitPackedEncoder::put_batch(const T* values, size_t n) {
  const uint64_t mask = low_bits_mask(bit_width_);
  size_t i = 0;
  while (i < n) {
    const uint64_t value = static_cast<uint64_t>(values[i]) & mask;
    if (repeat_count_ >= 8 && value == current_value_) {
      // A detected repeated run continues: put() would only count these values.
      size_t end = i + 1;
      while (end < n && (static_cast<uint64_t>(values[end]) & mask) == value) ++end;
      repeat_count_ += end - i;
      num_values_ += end - i;
      i = end;
      continue;
    }
    if (repeat_count_ == 0 && num_buffered_values_ == 0 && i + 8 <= n) {
      // At a group boundary with no run pending: what put() does with the next 8 values.
      uint64_t group[8];
      bool all_equal = true;
      for (size_t k = 0; k < 8; ++k) {
        group[k] = static_cast<uint64_t>(values[i + k]) & mask;
        all_equal = all_equal && group[k] == group[0];
      }
      num_values_ += 8;
      current_value_ = group[7];
      if (all_equal) {
        // They start a repeated run; the literal run in front of it is closed.
        repeat_count_ = 8;
        if (literal_count_ != 0) flush_literal_run(true);
      } else {
        std::copy(group, group + 8, buffered_values_);
        num_buffered_values_ = 8;
        flush_buffered_values(false);
      }
      i += 8;
      continue;
    }
    put(value);
    ++i;
  }
}

void RleBitPackedEncoder::flush_buffered_values(bool done) {
  if (repeat_count_ >= 8) {
    // The buffered values are all part of a repeated run: drop them, but first close the
    // literal run in front of it.
    num_buffered_values_ = 0;
    if (literal_count_ != 0) flush_literal_run(true);
    return;
  }
  literal_count_ += static_cast<size_t>(num_buffered_values_);
  const size_t groups = literal_count_ / 8;
  flush_literal_run(done || groups + 1 > kMaxLiteralGroups);
  repeat_count_ = 0;
}

void RleBitPackedEncoder::flush_literal_run(bool update_indicator_byte) {
  if (literal_indicator_offset_ == kNoIndicator) {
    literal_indicator_offset_ = encoded_.size();
    encoded_.push_back(0);
  }
  if (num_buffered_values_ > 0) {
    // The buffered values (a group of 8, or fewer at the end zero-padded by finish()) take
    // bit_width bytes per 8 values: packed LSB-first into a zeroed scratch, then appended.
    const auto width = static_cast<size_t>(bit_width_);
    if (width <= 8 && num_buffered_values_ == 8) {
      // A full group fits one word: width bytes.
      uint64_t word = 0;
      for (size_t i = 0; i < 8; ++i) word |= buffered_values_[i] << (i * width);
      const size_t at = encoded_.size();
      encoded_.resize(at + width);
      std::memcpy(encoded_.data() + at, &word, width);
      num_buffered_values_ = 0;
      finish_literal_group(update_indicator_byte);
      return;
    }
    uint8_t packed[8 * 8 + 8] = {};
    for (int i = 0; i < num_buffered_values_; ++i) {
      const uint64_t value = buffered_values_[i];
      const size_t bit = static_cast<size_t>(i) * width;
      const size_t byte = bit / 8;
      const size_t shift = bit % 8;
      store_le(packed + byte, load_le<uint64_t>(packed + byte) | (value << shift));
      if (shift + width > 64) packed[byte + 8] = static_cast<uint8_t>(packed[byte + 8] | (value >> (64 - shift)));
    }
    const size_t bytes = static_cast<size_t>(bytes_for_bits(static_cast<uint64_t>(num_buffered_values_) * width));
    encoded_.insert(encoded_.end(), packed, packed + bytes);
    num_buffered_values_ = 0;
  }
  finish_literal_group(update_indicator_byte);
}

void RleBitPackedEncoder::finish_literal_group(bool update_indicator_byte) {
  if (update_indicator_byte) {
    const size_t groups = (literal_count_ + 7) / 8;
    encoded_[literal_indicator_offset_] = static_cast<uint8_t>((groups << 1) | 1);
    literal_indicator_offset_ = kNoIndicator;
    literal_count_ = 0;
  }
}

void RleBitPackedEncoder::flush_repeated_run() {
  write_uleb128(encoded_, static_cast<uint64_t>(repeat_count_) << 1);
  const int value_bytes = (bit_width_ + 7) / 8;
  for (int i = 0; i < value_bytes; ++i) encoded_.push_back(static_cast<uint8_t>(current_value_ >> (8 * i)));
  num_buffered_values_ = 0;
  repeat_count_ = 0;
}

void RleBitPackedEncoder::finish(std::vector<uint8_t>& out) {
  if (literal_count_ > 0 || repeat_count_ > 0 || num_buffered_values_ > 0) {
    const bool all_repeat = literal_count_ == 0 &&
                            (repeat_count_ == static_cast<size_t>(num_buffered_values_) || num_buffered_values_ == 0);
    if (repeat_count_ > 0 && all_repeat) {
      flush_repeated_run();
    } else {
      // Pad the last group of literals to 8 values with zeros.
      if (num_buffered_values_ != 0) {
        while (num_buffered_values_ < 8) buffered_values_[num_buffered_values_++] = 0;
      }
      literal_count_ += static_cast<size_t>(num_buffered_values_);
      flush_literal_run(true);
      repeat_count_ = 0;
    }
  }
  out.insert(out.end(), encoded_.begin(), encoded_.end());
  encoded_.clear();
  num_buffered_values_ = 0;
  current_value_ = 0;
  repeat_count_ = 0;
  literal_count_ = 0;
  literal_indicator_offset_ = kNoIndicator;
  num_values_ = 0;
}

size_t RleBitPackedEncoder::estimated_size() const noexcept {
  // Buffered values become at most one literal group (bit_width bytes) with an indicator
  // byte; an open repeated run becomes at most a 10-byte header and an 8-byte value.
  return encoded_.size() + 1 + static_cast<size_t>(bit_width_) + 10 + 8;
}

size_t RleBitPackedEncoder::max_encoded_size(int bit_width, size_t n) noexcept {
  // Worst case: all literal runs of 63 groups, each with a one-byte indicator, plus a final
  // repeated run (10-byte header + value).
  const size_t groups = (n + 7) / 8;
  const size_t runs = (groups + kMaxLiteralGroups - 1) / kMaxLiteralGroups;
  return groups * static_cast<size_t>(bit_width) + runs + 10 + 8 + 1;
}

template <typename T>
void encode_rle_bit_packed(const T* values, size_t n, int bit_width, RleLengthPrefix prefix,
                           std::vector<uint8_t>& out) {
  RleBitPackedEncoder encoder(bit_width);
  encoder.put_batch(values, n);
  const size_t start = out.size();
  if (prefix == RleLengthPrefix::kFourBytes) out.resize(start + 4);
  encoder.finish(out);
  if (prefix == RleLengthPrefix::kFourBytes) {
    store_le(out.data() + start, static_cast<uint32_t>(out.size() - start - 4));
  }
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

#define CRV_RLE_ENCODER_INSTANTIATE(T)                                     \
  template void RleBitPackedEncoder::put_batch<T>(const T*, size_t);      \
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
