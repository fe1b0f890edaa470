// Values sections of data pages -> dense leaf values.

#include "parquet/reader/page_values.hpp"

#include <algorithm>
#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/byte_stream_split.hpp"
#include "parquet/reader/dictionary_encoding.hpp"
#include "parquet/encoding/delta_binary_packed.hpp"
#include "parquet/encoding/delta_byte_array.hpp"
#include "parquet/encoding/delta_length_byte_array.hpp"
#include "parquet/encoding/dictionary_decoder.hpp"
#include "parquet/encoding/plain.hpp"
#include "parquet/encoding/rle_bit_packed_decoder.hpp"

namespace crv::parquet::reader {
namespace {

using encoding::Int96;

constexpr size_t kIndexBatch = 4096;

[[noreturn]] void unsupported(const schema::FileLeaf& leaf, Encoding e) {
  throw ParquetError("encoding " + to_string(e) + " is not valid for physical type " + to_string(leaf.physical));
}


// Room for n more fixed-width values at the end of out.fixed; returns where they go.
uint8_t* grow_fixed(LeafData& out, size_t n, size_t width) {
  const int64_t bytes = static_cast<int64_t>(n * width);
  const int64_t at = out.fixed.size();
  out.fixed.resize(at + bytes, false);
  return out.fixed.mutable_data() + at;
}

template <class Gather>
void for_each_index_batch(const uint8_t* data, size_t size, size_t n, std::vector<uint32_t>& indices, Gather&& gather) {
  encoding::RleBitPackedDecoder decoder = encoding::make_dictionary_index_decoder(data, size);
  indices.resize(std::min(n, kIndexBatch));
  size_t done = 0;
  while (done < n) {
    const size_t k = std::min(n - done, kIndexBatch);
    decoder.decode(indices.data(), k);
    gather(indices.data(), k, done);
    done += k;
  }
}

template <class T>
void decode_fixed(const schema::FileLeaf& leaf, Encoding e, const uint8_t* data, size_t size, size_t n,
                  const Dictionary& dictionary, std::vector<uint32_t>& indices, LeafData& out) {
  if (e == Encoding::PLAIN) {
    if (n > size / sizeof(T)) throw ParquetError("PLAIN values truncated: " + std::to_string(n) + " values need " +
                                                 std::to_string(n * sizeof(T)) + " bytes, page has " + std::to_string(size));
    encoding::plain_decode<T>(data, size, reinterpret_cast<T*>(grow_fixed(out, n, sizeof(T))), n);
    return;
  }
  if (is_dictionary_encoding(e)) {
    if (!dictionary.present) throw ParquetError("dictionary-encoded page without a dictionary page");
    T* dst = reinterpret_cast<T*>(grow_fixed(out, n, sizeof(T)));
    const T* dict = reinterpret_cast<const T*>(dictionary.fixed.data());
    for_each_index_batch(data, size, n, indices, [&](const uint32_t* idx, size_t k, size_t at) {
      encoding::dictionary_gather<T>(dict, dictionary.size, idx, k, dst + at);
    });
    return;
  }
  if constexpr (std::is_same_v<T, int32_t>) {
    if (e == Encoding::DELTA_BINARY_PACKED) {
      // Decoded with 64-bit deltas and truncated: some writers (DuckDB) compute INT32 deltas
      // in 64 bits, giving miniblock bit widths up to 33; the low 32 bits of the wrapping
      // 64-bit sums are the INT32 values.
      encoding::DeltaBinaryPackedDecoder<int64_t> decoder(data, size);
      if (decoder.total_values() < n) throw ParquetError("DELTA_BINARY_PACKED header holds " + std::to_string(decoder.total_values()) +
                                                          " values, page needs " + std::to_string(n));
      std::vector<int64_t> wide(n);
      if (decoder.get_batch(wide.data(), n) != n) throw ParquetError("DELTA_BINARY_PACKED data truncated");
      T* dst = reinterpret_cast<T*>(grow_fixed(out, n, sizeof(T)));
      for (size_t i = 0; i < n; ++i) dst[i] = static_cast<int32_t>(static_cast<uint64_t>(wide[i]));
      return;
    }
  }
  if constexpr (std::is_same_v<T, int64_t>) {
    if (e == Encoding::DELTA_BINARY_PACKED) {
      encoding::DeltaBinaryPackedDecoder<T> decoder(data, size);
      if (decoder.total_values() < n) throw ParquetError("DELTA_BINARY_PACKED header holds " + std::to_string(decoder.total_values()) +
                                                          " values, page needs " + std::to_string(n));
      T* dst = reinterpret_cast<T*>(grow_fixed(out, n, sizeof(T)));
      if (decoder.get_batch(dst, n) != n) throw ParquetError("DELTA_BINARY_PACKED data truncated");
      return;
    }
  }
  if constexpr (!std::is_same_v<T, Int96>) {
    if (e == Encoding::BYTE_STREAM_SPLIT) {
      if (size != n * sizeof(T)) throw ParquetError("BYTE_STREAM_SPLIT data of " + std::to_string(size) + " bytes for " +
                                                     std::to_string(n) + " values of " + std::to_string(sizeof(T)) + " bytes");
      encoding::byte_stream_split_decode<T>(data, size, 0, n, reinterpret_cast<T*>(grow_fixed(out, n, sizeof(T))));
      return;
    }
  }
  unsupported(leaf, e);
}

void decode_boolean(const schema::FileLeaf& leaf, Encoding e, const uint8_t* data, size_t size, size_t n, LeafData& out) {
  if (e == Encoding::PLAIN) {
    if (n > size * 8) throw ParquetError("PLAIN booleans truncated");
    encoding::plain_decode_booleans(data, size, 0, grow_fixed(out, n, 1), n);
    return;
  }
  if (e == Encoding::RLE) {
    const encoding::LengthPrefixedRuns runs = encoding::read_length_prefixed_runs(data, size);
    encoding::RleBitPackedDecoder decoder(runs.data, runs.size, 1);
    decoder.decode(grow_fixed(out, n, 1), n);
    return;
  }
  unsupported(leaf, e);
}

void decode_fixed_len(const schema::FileLeaf& leaf, Encoding e, const uint8_t* data, size_t size, size_t n,
                      const Dictionary& dictionary, std::vector<uint32_t>& indices, LeafData& out) {
  const auto width = static_cast<size_t>(leaf.type_length);
  if (e == Encoding::PLAIN) {
    if (width > 0 && n > size / width) throw ParquetError("PLAIN FIXED_LEN_BYTE_ARRAY values truncated");
    encoding::plain_decode_fixed(data, size, width, grow_fixed(out, n, width), n);
    return;
  }
  if (is_dictionary_encoding(e)) {
    if (!dictionary.present) throw ParquetError("dictionary-encoded page without a dictionary page");
    uint8_t* dst = grow_fixed(out, n, width);
    for_each_index_batch(data, size, n, indices, [&](const uint32_t* idx, size_t k, size_t at) {
      encoding::dictionary_gather_fixed(dictionary.fixed.data(), dictionary.size, width, idx, k, dst + at * width);
    });
    return;
  }
  if (e == Encoding::DELTA_BYTE_ARRAY) {
    encoding::DeltaByteArrayDecoder decoder(data, size);
    if (decoder.total_values() < n) throw ParquetError("DELTA_BYTE_ARRAY holds fewer values than the page needs");
    if (decoder.get_batch_fixed(grow_fixed(out, n, width), width, n) != n) throw ParquetError("DELTA_BYTE_ARRAY data truncated");
    return;
  }
  if (e == Encoding::BYTE_STREAM_SPLIT) {
    if (size != n * width) throw ParquetError("BYTE_STREAM_SPLIT data size does not match the value count");
    encoding::byte_stream_split_decode(data, size, width, 0, n, grow_fixed(out, n, width));
    return;
  }
  unsupported(leaf, e);
}

void decode_byte_array(const schema::FileLeaf& leaf, Encoding e, const uint8_t* data, size_t size, size_t n,
                       const Dictionary& dictionary, std::vector<uint32_t>& indices, LeafData& out) {
  if (e == Encoding::PLAIN) {
    if (n > size / 4) throw ParquetError("PLAIN BYTE_ARRAY values truncated");
    encoding::plain_decode_byte_arrays(data, size, n, out.bytes);
    return;
  }
  if (is_dictionary_encoding(e)) {
    if (!dictionary.present) throw ParquetError("dictionary-encoded page without a dictionary page");
    for_each_index_batch(data, size, n, indices, [&](const uint32_t* idx, size_t k, size_t) {
      encoding::dictionary_gather_byte_arrays(dictionary.views.data(), dictionary.size, idx, k, out.bytes);
    });
    return;
  }
  if (e == Encoding::DELTA_LENGTH_BYTE_ARRAY) {
    encoding::DeltaLengthByteArrayDecoder decoder(data, size);
    if (decoder.total_values() < n) throw ParquetError("DELTA_LENGTH_BYTE_ARRAY holds fewer values than the page needs");
    if (decoder.get_batch(n, out.bytes) != n) throw ParquetError("DELTA_LENGTH_BYTE_ARRAY data truncated");
    return;
  }
  if (e == Encoding::DELTA_BYTE_ARRAY) {
    encoding::DeltaByteArrayDecoder decoder(data, size);
    if (decoder.total_values() < n) throw ParquetError("DELTA_BYTE_ARRAY holds fewer values than the page needs");
    if (decoder.get_batch(n, out.bytes) != n) throw ParquetError("DELTA_BYTE_ARRAY data truncated");
    return;
  }
  unsupported(leaf, e);
}

}  // namespace

size_t physical_value_width(const schema::FileLeaf& leaf) {
  switch (leaf.physical) {
    case Type::BOOLEAN: return 1;
    case Type::INT32:
    case Type::FLOAT: return 4;
    case Type::INT64:
    case Type::DOUBLE: return 8;
    case Type::INT96: return 12;
    case Type::FIXED_LEN_BYTE_ARRAY: return static_cast<size_t>(leaf.type_length);
    case Type::BYTE_ARRAY: return 0;
  }
  return 0;
}

void load_dictionary(const schema::FileLeaf& leaf, int32_t num_values, Dictionary& dictionary) {
  if (num_values < 0) throw ParquetError("dictionary page has a negative num_values");
  const auto n = static_cast<size_t>(num_values);
  const uint8_t* data = dictionary.page.data();
  const size_t size = dictionary.page.size();
  dictionary.size = n;
  dictionary.present = true;
  if (leaf.physical == Type::BOOLEAN) throw ParquetError("dictionary page on a BOOLEAN column");
  if (leaf.physical == Type::BYTE_ARRAY) {
    if (n > size / 4) throw ParquetError("dictionary page of " + std::to_string(size) + " bytes cannot hold " +
                                         std::to_string(n) + " values");
    dictionary.views.resize(n);
    encoding::plain_decode_byte_array_views(data, size, n, dictionary.views.data());
    return;
  }
  const size_t width = physical_value_width(leaf);
  if (width > 0 && n > size / width) {
    throw ParquetError("dictionary page of " + std::to_string(size) + " bytes cannot hold " + std::to_string(n) +
                       " values of " + std::to_string(width) + " bytes");
  }
  dictionary.fixed.assign(data, data + n * width);
}

void decode_page_values(const schema::FileLeaf& leaf, Encoding encoding, const uint8_t* data, size_t size, size_t n,
                        const Dictionary& dictionary, std::vector<uint32_t>& indices, LeafData& out) {
  if (n == 0) return;
  switch (leaf.physical) {
    case Type::BOOLEAN: decode_boolean(leaf, encoding, data, size, n, out); break;
    case Type::INT32: decode_fixed<int32_t>(leaf, encoding, data, size, n, dictionary, indices, out); break;
    case Type::INT64: decode_fixed<int64_t>(leaf, encoding, data, size, n, dictionary, indices, out); break;
    case Type::INT96: decode_fixed<Int96>(leaf, encoding, data, size, n, dictionary, indices, out); break;
    case Type::FLOAT: decode_fixed<float>(leaf, encoding, data, size, n, dictionary, indices, out); break;
    case Type::DOUBLE: decode_fixed<double>(leaf, encoding, data, size, n, dictionary, indices, out); break;
    case Type::FIXED_LEN_BYTE_ARRAY: decode_fixed_len(leaf, encoding, data, size, n, dictionary, indices, out); break;
    case Type::BYTE_ARRAY: decode_byte_array(leaf, encoding, data, size, n, dictionary, indices, out); break;
  }
  out.num_values += static_cast<int64_t>(n);
}

}  // namespace crv::parquet::reader
