#include "parquet/encoding/delta_binary_packed.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_util.hpp"

namespace crv::parquet::encoding {

namespace {

constexpr size_t kBlockSize = 128;
constexpr size_t kMiniblocksPerBlock = 4;
constexpr size_t kValuesPerMiniblock = kBlockSize / kMiniblocksPerBlock;
static_assert(kValuesPerMiniblock == 32);
// Largest block size a reader accepts: keeps all size arithmetic far from overflow.
constexpr uint64_t kMaxBlockSize = uint64_t{1} << 31;

[[noreturn]] void throw_corrupt(const std::string& what) { throw ParquetError("DELTA_BINARY_PACKED: " + what); }

}  // namespace

template <typename T>
void delta_binary_packed_encode(const T* values, size_t n, std::vector<uint8_t>& out) {
  using U = std::make_unsigned_t<T>;
  using Packed = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  write_uleb128(out, kBlockSize);
  write_uleb128(out, kMiniblocksPerBlock);
  write_uleb128(out, n);
  write_uleb128(out, zigzag_encode(n == 0 ? 0 : static_cast<int64_t>(values[0])));

  Packed deltas[kBlockSize];
  for (size_t start = 1; start < n; start += kBlockSize) {
    const size_t count = std::min(kBlockSize, n - start);
    T min_delta = 0;
    for (size_t i = 0; i < count; ++i) {
      const auto d =
          static_cast<T>(static_cast<U>(static_cast<U>(values[start + i]) - static_cast<U>(values[start + i - 1])));
      deltas[i] = static_cast<Packed>(static_cast<U>(d));
      min_delta = i == 0 ? d : std::min(min_delta, d);
    }
    write_uleb128(out, zigzag_encode(static_cast<int64_t>(min_delta)));
    Packed max_adjusted[kMiniblocksPerBlock] = {};
    for (size_t i = 0; i < kBlockSize; ++i) {
      // Padding deltas past the last value are encoded as 0 after subtracting min_delta.
      deltas[i] = i < count ? static_cast<Packed>(static_cast<U>(static_cast<U>(deltas[i]) - static_cast<U>(min_delta)))
                            : Packed{0};
      max_adjusted[i / kValuesPerMiniblock] |= deltas[i];
    }
    const size_t miniblocks_used = (count + kValuesPerMiniblock - 1) / kValuesPerMiniblock;
    int widths[kMiniblocksPerBlock] = {};
    for (size_t m = 0; m < kMiniblocksPerBlock; ++m) {
      widths[m] = m < miniblocks_used ? bit_width_of(max_adjusted[m]) : 0;
      out.push_back(static_cast<uint8_t>(widths[m]));
    }
    for (size_t m = 0; m < miniblocks_used; ++m) {
      const size_t at = out.size();
      out.resize(at + static_cast<size_t>(widths[m]) * 4);
      pack32(deltas + m * kValuesPerMiniblock, out.data() + at, widths[m]);
    }
  }
}

template <typename T>
void DeltaBinaryPackedDecoder<T>::reset(const uint8_t* data, size_t size) {
  data_ = data;
  size_ = size;
  pos_ = 0;
  block_size_ = read_uleb128(data, size, &pos_, "DELTA_BINARY_PACKED block size");
  miniblocks_per_block_ = read_uleb128(data, size, &pos_, "DELTA_BINARY_PACKED miniblock count");
  total_values_ = read_uleb128(data, size, &pos_, "DELTA_BINARY_PACKED value count");
  const uint64_t first = read_uleb128(data, size, &pos_, "DELTA_BINARY_PACKED first value");
  if (block_size_ == 0 || block_size_ % 128 != 0 || block_size_ > kMaxBlockSize) {
    throw_corrupt("block size " + std::to_string(block_size_) + " is not a positive multiple of 128 up to 2^31");
  }
  if (miniblocks_per_block_ == 0 || block_size_ % miniblocks_per_block_ != 0 ||
      (block_size_ / miniblocks_per_block_) % 32 != 0) {
    throw_corrupt("block size " + std::to_string(block_size_) + " does not split into " +
                  std::to_string(miniblocks_per_block_) + " miniblocks of a multiple of 32 values");
  }
  values_per_miniblock_ = block_size_ / miniblocks_per_block_;
  values_read_ = 0;
  last_value_ = static_cast<U>(zigzag_decode(first));
  first_value_pending_ = total_values_ > 0;
  min_delta_ = 0;
  bit_widths_ = nullptr;
  miniblock_index_ = 0;
  in_block_ = false;
  bit_width_ = 0;
  miniblock_values_left_ = 0;
  group_pos_ = 32;
}

template <typename T>
void DeltaBinaryPackedDecoder<T>::start_block() {
  if (pos_ >= size_) throw_corrupt("data ends before block header at byte " + std::to_string(pos_));
  min_delta_ = static_cast<U>(zigzag_decode(read_uleb128(data_, size_, &pos_, "DELTA_BINARY_PACKED min delta")));
  if (miniblocks_per_block_ > size_ - pos_) {
    throw_corrupt("miniblock bit widths truncated at byte " + std::to_string(pos_));
  }
  bit_widths_ = data_ + pos_;
  pos_ += static_cast<size_t>(miniblocks_per_block_);
  miniblock_index_ = 0;
  in_block_ = true;
}

template <typename T>
void DeltaBinaryPackedDecoder<T>::start_miniblock() {
  if (!in_block_ || miniblock_index_ == miniblocks_per_block_) start_block();
  bit_width_ = bit_widths_[miniblock_index_++];
  if (static_cast<size_t>(bit_width_) > sizeof(T) * 8) {
    throw_corrupt("miniblock bit width " + std::to_string(bit_width_) + " exceeds " + std::to_string(sizeof(T) * 8));
  }
  miniblock_values_left_ = values_per_miniblock_;
}

template <typename T>
void DeltaBinaryPackedDecoder<T>::load_group() {
  using Packed = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  if (miniblock_values_left_ == 0) start_miniblock();
  const size_t group_bytes = static_cast<size_t>(bit_width_) * 4;
  const size_t available = size_ - pos_;
  Packed unpacked[32];
  if (group_bytes <= available) {
    unpack32(data_ + pos_, unpacked, bit_width_);
    pos_ += group_bytes;
  } else {
    // The final group may be cut short by writers that do not pad; accept it only if the
    // bits of every value still to be read are present.
    const uint64_t needed_values = std::min<uint64_t>(32, values_left());
    const uint64_t needed_bytes = bytes_for_bits(needed_values * static_cast<uint64_t>(bit_width_));
    if (needed_bytes > available) {
      throw_corrupt("miniblock truncated: " + std::to_string(needed_bytes) + " bytes needed at byte " +
                    std::to_string(pos_) + ", " + std::to_string(available) + " present");
    }
    uint8_t padded[64 * 4] = {};
    std::memcpy(padded, data_ + pos_, available);
    unpack32(padded, unpacked, bit_width_);
    pos_ = size_;
  }
  for (int i = 0; i < 32; ++i) group_[i] = static_cast<U>(unpacked[i]);
  miniblock_values_left_ -= 32;
  group_pos_ = 0;
}

template <typename T>
size_t DeltaBinaryPackedDecoder<T>::get_batch(T* out, size_t n) {
  n = static_cast<size_t>(std::min<uint64_t>(n, values_left()));
  size_t i = 0;
  if (n > 0 && first_value_pending_) {
    out[i++] = static_cast<T>(last_value_);
    first_value_pending_ = false;
    ++values_read_;
  }
  while (i < n) {
    if (group_pos_ == 32) load_group();
    const size_t take = std::min<size_t>(n - i, static_cast<size_t>(32 - group_pos_));
    const U* deltas = group_ + group_pos_;
    const U min_delta = min_delta_;
    U value = last_value_;
    for (size_t k = 0; k < take; ++k) {
      value = static_cast<U>(value + min_delta + deltas[k]);
      out[i + k] = static_cast<T>(value);
    }
    last_value_ = value;
    group_pos_ += static_cast<int>(take);
    values_read_ += take;
    i += take;
  }
  return n;
}

template <typename T>
size_t DeltaBinaryPackedDecoder<T>::skip_to_end() {
  uint64_t remaining = values_left();
  if (remaining > 0 && first_value_pending_) {
    first_value_pending_ = false;
    --remaining;
  }
  remaining -= std::min<uint64_t>(remaining, static_cast<uint64_t>(32 - group_pos_));
  group_pos_ = 32;
  while (remaining > 0) {
    if (miniblock_values_left_ == 0) start_miniblock();
    const uint64_t bytes = miniblock_values_left_ * static_cast<uint64_t>(bit_width_) / 8;
    if (bytes > size_ - pos_) {
      throw_corrupt("miniblock truncated: " + std::to_string(bytes) + " bytes needed at byte " + std::to_string(pos_) +
                    ", " + std::to_string(size_ - pos_) + " present");
    }
    pos_ += static_cast<size_t>(bytes);
    remaining -= std::min(remaining, miniblock_values_left_);
    miniblock_values_left_ = 0;
  }
  values_read_ = total_values_;
  return pos_;
}

template void delta_binary_packed_encode<int32_t>(const int32_t*, size_t, std::vector<uint8_t>&);
template void delta_binary_packed_encode<int64_t>(const int64_t*, size_t, std::vector<uint8_t>&);
template class DeltaBinaryPackedDecoder<int32_t>;
template class DeltaBinaryPackedDecoder<int64_t>;

}  // namespace crv::parquet::encoding
