#pragma once
// Dictionary encoders (PLAIN_DICTIONARY / RLE_DICTIONARY): map each value to the index of
// its first occurrence in a per-column-chunk dictionary. The dictionary lives across the
// pages of a column chunk; indices are buffered per data page.
//
// Usage by a column writer:
//   enc.put(values, n);                                  // buffer indices of the page
//   if (enc.dictionary_byte_size() > limit) -> after this page, fall back to PLAIN
//   enc.write_indices(page_body);                        // bit-width byte + RLE hybrid, clears indices
//   ... at the end of the chunk: enc.write_dictionary(dict_page_body), enc.num_entries()
//
// Floating-point values are keyed by bit pattern (so -0.0 and 0.0, and distinct NaN
// payloads, are distinct entries). The hash tables are open-addressing tables of indices;
// byte-array keys are stored in one arena, so nothing is allocated per value. A byte-array
// slot holds the high half of its key's hash next to the index, so a probe compares bytes
// only when the hashes agree.

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "parquet/encoding/byte_array.hpp"

namespace crv::parquet::encoding {

// T = int32_t, int64_t, float, double.
template <typename T>
class DictionaryEncoder {
 public:
  using value_type = T;

  DictionaryEncoder();

  // Looks up (inserting when new) each value and appends its index to the buffered indices.
  void put(const T* values, size_t n);

  // Indices buffered since the last write_indices()/clear_indices().
  [[nodiscard]] const std::vector<uint32_t>& indices() const noexcept { return indices_; }
  void clear_indices() noexcept { indices_.clear(); }

  // Appends the buffered indices as a dictionary-encoded data page body (bit-width byte,
  // then the RLE hybrid) and clears them.
  void write_indices(std::vector<uint8_t>& out);

  [[nodiscard]] size_t num_entries() const noexcept { return entries_.size(); }
  // Size of the dictionary page body in PLAIN encoding.
  [[nodiscard]] size_t dictionary_byte_size() const noexcept { return entries_.size() * sizeof(T); }
  // The distinct values, in index order.
  [[nodiscard]] const std::vector<T>& entries() const noexcept { return entries_; }
  // Appends the dictionary page body (PLAIN).
  void write_dictionary(std::vector<uint8_t>& out) const;

 private:
  using Key = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  uint32_t insert_or_find(Key key, T value);
  // Adds a value not in the dictionary at the empty `slot` its probe ended on.
  [[gnu::noinline]] uint32_t insert(T value, size_t slot);
  void grow();

  std::vector<T> entries_;
  std::vector<uint32_t> slots_;  // 0 = empty, else entry index + 1
  size_t mask_ = 0;
  std::vector<uint32_t> indices_;
};

class ByteArrayDictionaryEncoder {
 public:
  using value_type = ByteArrayView;

  ByteArrayDictionaryEncoder();

  void put(const ByteArrayView* values, size_t n);
  // Values in Arrow layout: value i is data[offsets[i], offsets[i + 1]).
  void put(const int32_t* offsets, const uint8_t* data, size_t n);

  [[nodiscard]] const std::vector<uint32_t>& indices() const noexcept { return indices_; }
  void clear_indices() noexcept { indices_.clear(); }
  void write_indices(std::vector<uint8_t>& out);

  [[nodiscard]] size_t num_entries() const noexcept { return entry_offsets_.size() - 1; }
  // PLAIN size of the dictionary: 4 bytes per entry plus the bytes.
  [[nodiscard]] size_t dictionary_byte_size() const noexcept { return arena_.size() + 4 * num_entries(); }
  // Entry i (valid until the next put).
  [[nodiscard]] ByteArrayView entry(size_t i) const noexcept {
    return {arena_.data() + entry_offsets_[i], static_cast<uint32_t>(entry_offsets_[i + 1] - entry_offsets_[i])};
  }
  void write_dictionary(std::vector<uint8_t>& out) const;

 private:
  uint32_t insert_or_find(const uint8_t* data, size_t size);
  // Adds a value not in the dictionary at the empty `slot` its probe ended on.
  [[gnu::noinline]] uint32_t insert(const uint8_t* data, size_t size, uint64_t hash, size_t slot);
  void grow();

  std::vector<uint8_t> arena_;            // bytes of all entries, back to back
  std::vector<size_t> entry_offsets_{0};  // entry i is arena_[entry_offsets_[i], entry_offsets_[i+1])
  std::vector<uint64_t> entry_hashes_;
  // 0 = empty, else (high 32 bits of the entry's hash) << 32 | (entry index + 1).
  std::vector<uint64_t> slots_;
  size_t mask_ = 0;
  std::vector<uint32_t> indices_;
};

}  // namespace crv::parquet::encoding
