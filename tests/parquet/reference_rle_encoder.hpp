#pragma once
// The RLE / bit-packed hybrid encoded value by value, the way parquet-mr's and Arrow's
// encoders do it: values are buffered in groups of 8; a group that completes a run of 8 equal
// values starts a repeated run, which lasts as long as the value does; other groups are
// bit-packed into literal runs of at most 63 groups. The tests' reference for
// encoding::encode_rle_bit_packed (which must write the same bytes), and a way to build
// level streams value by value.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parquet/encoding/bit_util.hpp"

namespace crv::parquet::testing {

class ReferenceRleEncoder {
 public:
  // bit_width: 0..64.
  explicit ReferenceRleEncoder(int bit_width)
      : width_(static_cast<size_t>(bit_width)), mask_(encoding::low_bits_mask(bit_width)) {}

  // Adds one value (only its low bit_width bits are kept).
  void put(uint64_t value) {
    value &= mask_;
    if (repeat_count_ > 0 && value == current_value_) {
      ++repeat_count_;
      if (repeat_count_ > 8) return;  // a detected run goes on
    } else {
      if (repeat_count_ >= 8) write_repeated_run();
      repeat_count_ = 1;
      current_value_ = value;
    }
    group_[group_size_++] = value;
    if (group_size_ < 8) return;
    if (repeat_count_ >= 8) {
      // The group completes a run: it is the run's, and closes the literal run before it.
      group_size_ = 0;
      close_literal_run();
      return;
    }
    write_literal_group();
    repeat_count_ = 0;  // a run starts at a group's first value
  }

  // Appends the encoded bytes to `out` (no length prefix); the encoder is then empty.
  void finish(std::vector<uint8_t>& out) {
    if (repeat_count_ >= 8 ||
        (group_size_ > 0 && literal_groups_ == 0 && repeat_count_ == static_cast<size_t>(group_size_))) {
      write_repeated_run();  // a detected run, or a last partial group of one value
    } else if (group_size_ > 0) {
      while (group_size_ < 8) group_[group_size_++] = 0;
      write_literal_group();
    }
    close_literal_run();
    out.insert(out.end(), encoded_.begin(), encoded_.end());
    *this = ReferenceRleEncoder(static_cast<int>(width_));
  }

 private:
  void write_literal_group() {
    if (literal_groups_ == 0) {
      indicator_at_ = encoded_.size();
      encoded_.push_back(0);
    }
    uint8_t packed[64] = {};
    for (size_t i = 0; i < 8; ++i) {
      for (size_t bit = 0; bit < width_; ++bit) {
        if ((group_[i] >> bit & 1) != 0) packed[(i * width_ + bit) / 8] |= uint8_t(1u << ((i * width_ + bit) % 8));
      }
    }
    encoded_.insert(encoded_.end(), packed, packed + width_);
    group_size_ = 0;
    if (++literal_groups_ == 63) close_literal_run();
  }

  void close_literal_run() {
    if (literal_groups_ == 0) return;
    encoded_[indicator_at_] = static_cast<uint8_t>(literal_groups_ << 1 | 1);
    literal_groups_ = 0;
  }

  void write_repeated_run() {
    close_literal_run();
    encoding::write_uleb128(encoded_, static_cast<uint64_t>(repeat_count_) << 1);
    for (size_t i = 0; i < (width_ + 7) / 8; ++i) encoded_.push_back(static_cast<uint8_t>(current_value_ >> (8 * i)));
    repeat_count_ = 0;
    group_size_ = 0;
  }

  size_t width_;
  uint64_t mask_;
  std::vector<uint8_t> encoded_;
  uint64_t group_[8] = {};
  int group_size_ = 0;
  uint64_t current_value_ = 0;
  size_t repeat_count_ = 0;
  size_t literal_groups_ = 0;  // in the open literal run
  size_t indicator_at_ = 0;    // offset of the open literal run's indicator byte
};

}  // namespace crv::parquet::testing
