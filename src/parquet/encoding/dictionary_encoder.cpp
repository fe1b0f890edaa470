#include "parquet/encoding/dictionary_encoder.hpp"

#include <cstring>
#include <limits>
#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_util.hpp"
#include "parquet/encoding/plain.hpp"
#include "parquet/encoding/rle_bit_packed_encoder.hpp"

namespace crv::parquet::encoding {

namespace {

constexpr size_t kInitialSlots = 256;
// Dictionary indices are written as uint32 and slots store index + 1.
constexpr size_t kMaxEntries = std::numeric_limits<uint32_t>::max() - 1;

// Murmur3's 64-bit finaliser: spreads every key bit over the low bits used as slot index.
constexpr uint64_t mix64(uint64_t k) noexcept {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

// Hash of a byte string: short strings (the common case of identifiers and vocabulary
// values) are read as two overlapping words, longer ones word by word.
uint64_t hash_bytes(const uint8_t* data, size_t size) noexcept {
  constexpr uint64_t k0 = 0x9E3779B97F4A7C15ULL;
  constexpr uint64_t k1 = 0xC2B2AE3D27D4EB4FULL;
  uint64_t a = 0;
  uint64_t b = 0;
  if (size >= 8) {
    uint64_t h = static_cast<uint64_t>(size) * k1;
    size_t i = 0;
    for (; i + 16 < size; i += 8) h = (h ^ mix64(load_le<uint64_t>(data + i))) * k0;
    a = load_le<uint64_t>(data + i);
    b = load_le<uint64_t>(data + size - 8);
    return mix64(h ^ (a * k0) ^ ((b << 29 | b >> 35) * k1));
  }
  if (size >= 4) {
    a = load_le<uint32_t>(data);
    b = load_le<uint32_t>(data + size - 4);
  } else if (size > 0) {
    a = static_cast<uint64_t>(data[0]) | static_cast<uint64_t>(data[size / 2]) << 8 |
        static_cast<uint64_t>(data[size - 1]) << 16;
  }
  return mix64((a << 32 | b) ^ (static_cast<uint64_t>(size) * k1));
}

// Byte equality of two strings of `size` bytes, with word compares for short ones.
inline bool bytes_equal(const uint8_t* a, const uint8_t* b, size_t size) noexcept {
  if (size >= 8) {
    for (size_t i = 0; i + 8 < size; i += 8) {
      if (load_le<uint64_t>(a + i) != load_le<uint64_t>(b + i)) return false;
    }
    return load_le<uint64_t>(a + size - 8) == load_le<uint64_t>(b + size - 8);
  }
  if (size >= 4) {
    return load_le<uint32_t>(a) == load_le<uint32_t>(b) &&
           load_le<uint32_t>(a + size - 4) == load_le<uint32_t>(b + size - 4);
  }
  for (size_t i = 0; i < size; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

constexpr uint64_t slot_of(uint64_t hash, size_t entry) noexcept {
  return (hash & 0xFFFFFFFF00000000ULL) | static_cast<uint64_t>(entry + 1);
}

void check_capacity(size_t entries) {
  if (entries >= kMaxEntries) {
    throw ParquetError("dictionary encoder: more than " + std::to_string(kMaxEntries) + " distinct values");
  }
}

}  // namespace

// ---- fixed-width values ----

template <typename T>
DictionaryEncoder<T>::DictionaryEncoder() : slots_(kInitialSlots, 0), mask_(kInitialSlots - 1) {}

template <typename T>
void DictionaryEncoder<T>::grow() {
  const size_t capacity = slots_.size() * 2;
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (size_t e = 0; e < entries_.size(); ++e) {
    Key key;
    std::memcpy(&key, &entries_[e], sizeof(Key));
    size_t slot = mix64(key) & mask_;
    while (slots_[slot] != 0) slot = (slot + 1) & mask_;
    slots_[slot] = static_cast<uint32_t>(e + 1);
  }
}

// The lookup is inlined into put(); only a new entry takes a call.
template <typename T>
inline uint32_t DictionaryEncoder<T>::insert_or_find(Key key, T value) {
  size_t slot = mix64(key) & mask_;
  while (true) {
    const uint32_t s = slots_[slot];
    if (s == 0) break;
    Key existing;
    std::memcpy(&existing, &entries_[s - 1], sizeof(Key));
    if (existing == key) return s - 1;
    slot = (slot + 1) & mask_;
  }
  return insert(value, slot);
}

template <typename T>
uint32_t DictionaryEncoder<T>::insert(T value, size_t slot) {
  check_capacity(entries_.size());
  const auto index = static_cast<uint32_t>(entries_.size());
  entries_.push_back(value);
  slots_[slot] = index + 1;
  if (entries_.size() * 2 > slots_.size()) grow();
  return index;
}

template <typename T>
void DictionaryEncoder<T>::put(const T* values, size_t n) {
  const size_t start = indices_.size();
  indices_.resize(start + n);
  uint32_t* out = indices_.data() + start;
  for (size_t i = 0; i < n; ++i) {
    Key key;
    std::memcpy(&key, &values[i], sizeof(Key));
    out[i] = insert_or_find(key, values[i]);
  }
}

template <typename T>
void DictionaryEncoder<T>::write_indices(std::vector<uint8_t>& out) {
  encode_dictionary_indices(indices_.data(), indices_.size(), entries_.size(), out);
  indices_.clear();
}

template <typename T>
void DictionaryEncoder<T>::write_dictionary(std::vector<uint8_t>& out) const {
  plain_encode(entries_.data(), entries_.size(), out);
}

template class DictionaryEncoder<int32_t>;
template class DictionaryEncoder<int64_t>;
template class DictionaryEncoder<float>;
template class DictionaryEncoder<double>;

// ---- byte arrays ----

ByteArrayDictionaryEncoder::ByteArrayDictionaryEncoder() : slots_(kInitialSlots, 0), mask_(kInitialSlots - 1) {}

void ByteArrayDictionaryEncoder::grow() {
  const size_t capacity = slots_.size() * 2;
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (size_t e = 0; e < entry_hashes_.size(); ++e) {
    size_t slot = entry_hashes_[e] & mask_;
    while (slots_[slot] != 0) slot = (slot + 1) & mask_;
    slots_[slot] = slot_of(entry_hashes_[e], e);
  }
}

// The lookup is inlined into the put() loops; only a new entry takes a call.
inline uint32_t ByteArrayDictionaryEncoder::insert_or_find(const uint8_t* data, size_t size) {
  const uint64_t hash = hash_bytes(data, size);
  const uint64_t tag = hash & 0xFFFFFFFF00000000ULL;
  size_t slot = hash & mask_;
  while (true) {
    const uint64_t s = slots_[slot];
    if (s == 0) break;
    if ((s & 0xFFFFFFFF00000000ULL) == tag) {
      const size_t e = static_cast<uint32_t>(s) - 1;
      const size_t begin = entry_offsets_[e];
      if (entry_offsets_[e + 1] - begin == size && bytes_equal(arena_.data() + begin, data, size)) {
        return static_cast<uint32_t>(e);
      }
    }
    slot = (slot + 1) & mask_;
  }
  return insert(data, size, hash, slot);
}

uint32_t ByteArrayDictionaryEncoder::insert(const uint8_t* data, size_t size, uint64_t hash, size_t slot) {
  check_capacity(entry_hashes_.size());
  const auto index = static_cast<uint32_t>(entry_hashes_.size());
  arena_.insert(arena_.end(), data, data + size);
  entry_offsets_.push_back(arena_.size());
  entry_hashes_.push_back(hash);
  slots_[slot] = slot_of(hash, index);
  if (entry_hashes_.size() * 2 > slots_.size()) grow();
  return index;
}

void ByteArrayDictionaryEncoder::put(const ByteArrayView* values, size_t n) {
  const size_t start = indices_.size();
  indices_.resize(start + n);
  uint32_t* out = indices_.data() + start;
  for (size_t i = 0; i < n; ++i) out[i] = insert_or_find(values[i].data, values[i].size);
}

void ByteArrayDictionaryEncoder::put(const int32_t* offsets, const uint8_t* data, size_t n) {
  const size_t start = indices_.size();
  indices_.resize(start + n);
  uint32_t* out = indices_.data() + start;
  for (size_t i = 0; i < n; ++i) {
    out[i] = insert_or_find(data + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i]));
  }
}

void ByteArrayDictionaryEncoder::write_indices(std::vector<uint8_t>& out) {
  encode_dictionary_indices(indices_.data(), indices_.size(), num_entries(), out);
  indices_.clear();
}

void ByteArrayDictionaryEncoder::write_dictionary(std::vector<uint8_t>& out) const {
  size_t pos = out.size();
  out.resize(pos + dictionary_byte_size());
  uint8_t* dst = out.data();
  for (size_t e = 0; e < num_entries(); ++e) {
    const size_t begin = entry_offsets_[e];
    const auto length = static_cast<uint32_t>(entry_offsets_[e + 1] - begin);
    store_le(dst + pos, length);
    pos += 4;
    if (length != 0) std::memcpy(dst + pos, arena_.data() + begin, length);
    pos += length;
  }
}

}  // namespace crv::parquet::encoding
