// PLAIN_DICTIONARY / RLE_DICTIONARY values: RLE/bit-packed indices into the column chunk's
// dictionary, gathered in batches.

#include <algorithm>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/dictionary_decoder.hpp"
#include "parquet/encoding/plain.hpp"
#include "parquet/encoding/rle_bit_packed_decoder.hpp"
#include "parquet/reader/decoders/value_decoder.hpp"

namespace crv::parquet::reader {
namespace {

// Indices decoded per gather: small enough to stay in L1 next to the values they fetch.
constexpr size_t kIndexBatch = 4096;

// What every dictionary decoder shares: the dictionary, checked present, and the index batches.
class IndexBatches {
 public:
  explicit IndexBatches(const Dictionary& dictionary) : dictionary_(dictionary) {}

  // Calls gather(indices, k, first) for each batch of the n indices in data[0, size).
  template <class Gather>
  void for_each_batch(const uint8_t* data, size_t size, size_t n, Gather&& gather) {
    if (!dictionary_.present) throw ParquetError("dictionary-encoded page without a dictionary page");
    encoding::RleBitPackedDecoder decoder = encoding::make_dictionary_index_decoder(data, size);
    indices_.resize(std::min(n, kIndexBatch));
    for (size_t done = 0; done < n;) {
      const size_t k = std::min(n - done, kIndexBatch);
      decoder.decode(indices_.data(), k);
      gather(indices_.data(), k, done);
      done += k;
    }
  }

  [[nodiscard]] const Dictionary& dictionary() const { return dictionary_; }

 private:
  const Dictionary& dictionary_;
  std::vector<uint32_t> indices_;
};

template <class T>
class DictionaryFixedWidthDecoder final : public ValueDecoder {
 public:
  explicit DictionaryFixedWidthDecoder(const Dictionary& dictionary) : batches_(dictionary) {}
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    T* dst = reinterpret_cast<T*>(grow_fixed(out, n, sizeof(T)));
    const Dictionary& dictionary = batches_.dictionary();
    const T* entries = reinterpret_cast<const T*>(dictionary.fixed.data());
    batches_.for_each_batch(data, size, n, [&](const uint32_t* indices, size_t k, size_t at) {
      encoding::dictionary_gather<T>(entries, dictionary.size, indices, k, dst + at);
    });
  }

 private:
  IndexBatches batches_;
};

class DictionaryFixedLenByteArrayDecoder final : public ValueDecoder {
 public:
  DictionaryFixedLenByteArrayDecoder(const Dictionary& dictionary, size_t width)
      : batches_(dictionary), width_(width) {}
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    uint8_t* dst = grow_fixed(out, n, width_);
    const Dictionary& dictionary = batches_.dictionary();
    batches_.for_each_batch(data, size, n, [&](const uint32_t* indices, size_t k, size_t at) {
      encoding::dictionary_gather_fixed(dictionary.fixed.data(), dictionary.size, width_, indices, k,
                                        dst + at * width_);
    });
  }

 private:
  IndexBatches batches_;
  size_t width_;
};

class DictionaryByteArrayDecoder final : public ValueDecoder {
 public:
  explicit DictionaryByteArrayDecoder(const Dictionary& dictionary) : batches_(dictionary) {}
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    const Dictionary& dictionary = batches_.dictionary();
    batches_.for_each_batch(data, size, n, [&](const uint32_t* indices, size_t k, size_t) {
      encoding::dictionary_gather_byte_arrays(dictionary.views.data(), dictionary.size, indices, k, out.bytes);
    });
  }

 private:
  IndexBatches batches_;
};

}  // namespace

std::unique_ptr<ValueDecoder> make_dictionary_decoder(const schema::FileLeaf& leaf, const Dictionary& dictionary) {
  switch (leaf.physical) {
    case Type::BOOLEAN: return nullptr;  // booleans have no dictionary
    case Type::INT32: return std::make_unique<DictionaryFixedWidthDecoder<int32_t>>(dictionary);
    case Type::INT64: return std::make_unique<DictionaryFixedWidthDecoder<int64_t>>(dictionary);
    case Type::INT96: return std::make_unique<DictionaryFixedWidthDecoder<encoding::Int96>>(dictionary);
    case Type::FLOAT: return std::make_unique<DictionaryFixedWidthDecoder<float>>(dictionary);
    case Type::DOUBLE: return std::make_unique<DictionaryFixedWidthDecoder<double>>(dictionary);
    case Type::FIXED_LEN_BYTE_ARRAY:
      return std::make_unique<DictionaryFixedLenByteArrayDecoder>(dictionary, physical_value_width(leaf));
    case Type::BYTE_ARRAY: return std::make_unique<DictionaryByteArrayDecoder>(dictionary);
  }
  return nullptr;
}

}  // namespace crv::parquet::reader
