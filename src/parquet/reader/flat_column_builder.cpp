// Flat columns decoded page by page straight into the frame column's buffers.

#include "parquet/reader/flat_column_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "crv/frame/bit_util.hpp"
#include "crv/parquet/error.hpp"
#include "parquet/encoding/rle_bit_packed_decoder.hpp"
#include "parquet/reader/dictionary_encoding.hpp"

namespace crv::parquet::reader {
namespace {

// Values of at most this many bytes are copied with one fixed-size (vector) move; the
// source (the padded dictionary) and the destination (reserved slack) allow it.
constexpr size_t kShortValue = 16;

constexpr int64_t kMaxOffset = std::numeric_limits<int32_t>::max();

[[noreturn]] void offsets_overflow(int64_t bytes) {
  throw ParquetError("string values of one column exceed 2 GiB (" + std::to_string(bytes) +
                     " bytes); 32-bit offsets overflow");
}

inline void copy_value(uint8_t* dst, const uint8_t* src, size_t size) {
  if (size <= kShortValue) {
    std::memcpy(dst, src, kShortValue);
  } else {
    std::memcpy(dst, src, size);
  }
}

}  // namespace

bool FlatColumnBuilder::supports(const schema::AssemblyNode& node, const schema::FileLeaf& leaf) {
  if (node.kind != schema::AssemblyNode::Kind::kLeaf || leaf.max_rep != 0 || leaf.max_def > 1) return false;
  if (leaf.conversion != schema::ReadConversion::kNone || !node.field.type) return false;
  const frame::DataType& type = *node.field.type;
  if (leaf.physical == Type::BYTE_ARRAY) return type.is_binary_like();
  if (leaf.physical == Type::BOOLEAN || type.id() == frame::TypeId::Bool || !type.is_fixed_width()) return false;
  return type.byte_width() > 0 && static_cast<size_t>(type.byte_width()) == physical_value_width(leaf);
}

FlatColumnBuilder::FlatColumnBuilder(frame::TypePtr type) : type_(std::move(type)) {
  is_bytes_ = type_->is_binary_like();
  width_ = is_bytes_ ? 0 : static_cast<size_t>(type_->byte_width());
  if (is_bytes_) values_.append_value<int32_t>(0);
}

void FlatColumnBuilder::reserve(int64_t rows) {
  values_.reserve(rows * static_cast<int64_t>(is_bytes_ ? sizeof(int32_t) : width_));
  expected_rows_ = length_ + rows;
}

void FlatColumnBuilder::reserve_data(int64_t more, int64_t rows_after) {
  const int64_t needed = data_.size() + more + static_cast<int64_t>(kShortValue);
  if (needed <= data_.capacity()) return;
  int64_t wanted = needed;
  if (expected_rows_ > rows_after && rows_after > 0) {
    // Grow once to the size the rows so far project for every expected row.
    wanted = needed + (needed / rows_after) * (expected_rows_ - rows_after) + needed / 16;
  }
  data_.reserve(wanted - data_.size());
}

void FlatColumnBuilder::set_dictionary(const Dictionary& dictionary) {
  if (!is_bytes_ || !dictionary.present) return;
  const size_t n = dictionary.size;
  size_t total = 0;
  for (size_t i = 0; i < n; ++i) total += dictionary.views[i].size;
  dictionary_bytes_.assign(total + kShortValue, 0);
  dictionary_offsets_.resize(n + 1);
  uint32_t at = 0;
  dictionary_longest_ = 0;
  for (size_t i = 0; i < n; ++i) {
    const encoding::ByteArrayView& v = dictionary.views[i];
    dictionary_offsets_[i] = at;
    if (v.size > 0) std::memcpy(dictionary_bytes_.data() + at, v.data, v.size);
    at += v.size;
    dictionary_longest_ = std::max(dictionary_longest_, static_cast<uint32_t>(v.size));
  }
  dictionary_offsets_[n] = at;
}

void FlatColumnBuilder::append_page(const int16_t* def, size_t entries, const PageValues& values,
                                    ValueDecoders& decoders, const Dictionary& dictionary) {
  if (values.present == entries) def = nullptr;  // no null in the page: every slot takes a value
  if (is_bytes_) {
    append_bytes(def, entries, values, decoders, dictionary);
  } else {
    append_fixed(def, entries, values, decoders);
  }
  append_validity(def, entries);
  null_count_ += static_cast<int64_t>(entries - values.present);
  length_ += static_cast<int64_t>(entries);
}

void FlatColumnBuilder::append_validity(const int16_t* def, size_t entries) {
  if (def == nullptr && !has_validity_) return;
  const int64_t end = length_ + static_cast<int64_t>(entries);
  if (!has_validity_) {
    // The first null: the slots so far were all valid.
    validity_.resize(frame::bits::bytes_for_bits(end), true);
    frame::bits::fill_bits(validity_.mutable_data(), 0, length_, true);
    has_validity_ = true;
  } else {
    validity_.resize(frame::bits::bytes_for_bits(end), true);
  }
  uint8_t* bits = validity_.mutable_data();
  if (def == nullptr) {
    frame::bits::fill_bits(bits, length_, static_cast<int64_t>(entries), true);
    return;
  }
  int64_t pos = length_;
  size_t i = 0;
  for (; i < entries && (pos & 7) != 0; ++i, ++pos) {
    if (def[i] != 0) frame::bits::set_bit(bits, pos);
  }
#if defined(__SSE2__)
  // 16 levels (0 or 1) at a time: packed to bytes, compared, their sign bits gathered.
  for (; i + 16 <= entries; i += 16, pos += 16) {
    const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(def + i));
    const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(def + i + 8));
    const __m128i set = _mm_cmpgt_epi8(_mm_packs_epi16(low, high), _mm_setzero_si128());
    const auto mask = static_cast<uint16_t>(_mm_movemask_epi8(set));
    std::memcpy(bits + (pos >> 3), &mask, sizeof(mask));
  }
#endif
  for (; i + 8 <= entries; i += 8, pos += 8) {
    unsigned byte = 0;
    for (unsigned k = 0; k < 8; ++k) byte |= static_cast<unsigned>(def[i + k] != 0) << k;
    bits[pos >> 3] = static_cast<uint8_t>(byte);
  }
  for (; i < entries; ++i, ++pos) {
    if (def[i] != 0) frame::bits::set_bit(bits, pos);
  }
}

void FlatColumnBuilder::append_fixed(const int16_t* def, size_t entries, const PageValues& values,
                                     ValueDecoders& decoders) {
  const auto decode = [&] { decoders.decode(values.encoding, values.data, values.size, values.present, dense_); };
  if (def == nullptr) {
    // Decoded in place at the end of the values.
    std::swap(dense_.fixed, values_);
    try {
      decode();
    } catch (...) {
      std::swap(dense_.fixed, values_);
      throw;
    }
    std::swap(dense_.fixed, values_);
    return;
  }
  dense_.fixed.resize(0, false);
  decode();
  const int64_t at = values_.size();
  values_.resize(at + static_cast<int64_t>(entries * width_), true);
  uint8_t* dst = values_.mutable_data() + at;
  const uint8_t* src = dense_.fixed.data();
  const auto spread = [&](auto tag) {
    using T = decltype(tag);
    T* out = reinterpret_cast<T*>(dst);
    size_t v = 0;
    for (size_t i = 0; i < entries; ++i) {
      if (def[i] != 0) std::memcpy(out + i, src + (v++) * sizeof(T), sizeof(T));
    }
  };
  switch (width_) {
    case 1: spread(uint8_t{}); break;
    case 2: spread(uint16_t{}); break;
    case 4: spread(uint32_t{}); break;
    case 8: spread(uint64_t{}); break;
    default: {
      size_t v = 0;
      for (size_t i = 0; i < entries; ++i) {
        if (def[i] != 0) std::memcpy(dst + i * width_, src + (v++) * width_, width_);
      }
    }
  }
}

void FlatColumnBuilder::append_bytes(const int16_t* def, size_t entries, const PageValues& values,
                                     ValueDecoders& decoders, const Dictionary& dictionary) {
  if (is_dictionary_encoding(values.encoding) && values.present > 0) {
    if (!dictionary.present) throw ParquetError("dictionary-encoded page without a dictionary page");
    encoding::RleBitPackedDecoder decoder = encoding::make_dictionary_index_decoder(values.data, values.size);
    indices_.resize(values.present);
    decoder.decode(indices_.data(), values.present);
    gather_dictionary_bytes(indices_.data(), def, entries, values.present);
    return;
  }
  dense_.bytes.clear();
  decoders.decode(values.encoding, values.data, values.size, values.present, dense_);
  copy_dense_bytes(dense_.bytes, def, entries);
}

void FlatColumnBuilder::gather_dictionary_bytes(const uint32_t* indices, const int16_t* def, size_t entries,
                                                size_t present) {
  const size_t dictionary_size = dictionary_offsets_.empty() ? 0 : dictionary_offsets_.size() - 1;
  const uint32_t* doff = dictionary_offsets_.data();
  const auto out_of_range = [dictionary_size](uint32_t index) {
    throw ParquetError("dictionary index " + std::to_string(index) + " out of range for a dictionary of " +
                       std::to_string(dictionary_size) + " entries");
  };
  // Room for the page's values at the longest entry's length each; the exact total is summed
  // only when that bound comes near the 32-bit offset limit. Indices are checked as they are
  // used.
  int64_t total = static_cast<int64_t>(present) * dictionary_longest_;
  const int64_t start = data_.size();
  if (start + total > kMaxOffset) {
    total = 0;
    for (size_t v = 0; v < present; ++v) {
      if (indices[v] >= dictionary_size) out_of_range(indices[v]);
      total += doff[indices[v] + 1] - doff[indices[v]];
    }
    if (start + total > kMaxOffset) offsets_overflow(start + total);
  }
  reserve_data(total, length_ + static_cast<int64_t>(entries));
  const int64_t offsets_at = values_.size();
  values_.resize(offsets_at + static_cast<int64_t>(entries * sizeof(int32_t)), false);
  int32_t* offsets = reinterpret_cast<int32_t*>(values_.mutable_data() + offsets_at);  // offsets[-1]: the current end
  uint8_t* out = data_.mutable_data();
  const uint8_t* bytes = dictionary_bytes_.data();
  auto end = static_cast<int32_t>(start);
  const auto append_entry = [&](uint32_t index) {
    if (index >= dictionary_size) [[unlikely]]
      out_of_range(index);
    const uint32_t begin = doff[index];
    const uint32_t length = doff[index + 1] - begin;
    copy_value(out + end, bytes + begin, length);
    end += static_cast<int32_t>(length);
  };
  if (def == nullptr) {
    for (size_t i = 0; i < entries; ++i) {
      append_entry(indices[i]);
      offsets[i] = end;
    }
  } else {
    size_t v = 0;
    for (size_t i = 0; i < entries; ++i) {
      if (def[i] != 0) append_entry(indices[v++]);
      offsets[i] = end;
    }
  }
  data_.resize(end, false);
}

void FlatColumnBuilder::copy_dense_bytes(const encoding::ByteArrayOutput& dense, const int16_t* def, size_t entries) {
  const int64_t start = data_.size();
  const auto total = static_cast<int64_t>(dense.bytes.size());
  if (start + total > kMaxOffset) offsets_overflow(start + total);
  reserve_data(total, length_ + static_cast<int64_t>(entries));
  data_.append(dense.bytes.data(), total);
  const int64_t offsets_at = values_.size();
  values_.resize(offsets_at + static_cast<int64_t>(entries * sizeof(int32_t)), false);
  int32_t* offsets = reinterpret_cast<int32_t*>(values_.mutable_data() + offsets_at);
  const auto base = static_cast<int32_t>(start);
  const int32_t* in = dense.offsets.data();
  if (def == nullptr) {
    for (size_t i = 0; i < entries; ++i) offsets[i] = base + in[i + 1];
    return;
  }
  size_t v = 0;
  for (size_t i = 0; i < entries; ++i) {
    if (def[i] != 0) ++v;
    offsets[i] = base + in[v];
  }
}

frame::Column FlatColumnBuilder::finish() {
  auto array = std::make_shared<frame::ArrayData>();
  array->type = type_;
  array->length = length_;
  array->null_count = null_count_;
  if (has_validity_ && null_count_ > 0) array->validity = validity_.finish();
  array->values = values_.finish();
  if (is_bytes_) array->data = data_.finish();
  validity_.reset();
  data_.reset();
  has_validity_ = false;
  length_ = 0;
  null_count_ = 0;
  if (is_bytes_) values_.append_value<int32_t>(0);
  return frame::Column(std::move(array));
}

}  // namespace crv::parquet::reader
