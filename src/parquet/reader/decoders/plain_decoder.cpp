// PLAIN values of every physical type.

#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/plain.hpp"
#include "parquet/reader/decoders/value_decoder.hpp"

namespace crv::parquet::reader {
namespace {

template <class T>
class PlainFixedWidthDecoder final : public ValueDecoder {
 public:
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    if (n > size / sizeof(T)) {
      throw ParquetError("PLAIN values truncated: " + std::to_string(n) + " values need " +
                         std::to_string(n * sizeof(T)) + " bytes, page has " + std::to_string(size));
    }
    encoding::plain_decode<T>(data, size, reinterpret_cast<T*>(grow_fixed(out, n, sizeof(T))), n);
  }
};

class PlainBooleanDecoder final : public ValueDecoder {
 public:
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    if (n > size * 8) throw ParquetError("PLAIN booleans truncated");
    encoding::plain_decode_booleans(data, size, 0, grow_fixed(out, n, 1), n);
  }
};

class PlainFixedLenByteArrayDecoder final : public ValueDecoder {
 public:
  explicit PlainFixedLenByteArrayDecoder(size_t width) : width_(width) {}
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    if (width_ > 0 && n > size / width_) throw ParquetError("PLAIN FIXED_LEN_BYTE_ARRAY values truncated");
    encoding::plain_decode_fixed(data, size, width_, grow_fixed(out, n, width_), n);
  }

 private:
  size_t width_;
};

class PlainByteArrayDecoder final : public ValueDecoder {
 public:
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    if (n > size / 4) throw ParquetError("PLAIN BYTE_ARRAY values truncated");
    encoding::plain_decode_byte_arrays(data, size, n, out.bytes);
  }
};

}  // namespace

std::unique_ptr<ValueDecoder> make_plain_decoder(const schema::FileLeaf& leaf) {
  switch (leaf.physical) {
    case Type::BOOLEAN: return std::make_unique<PlainBooleanDecoder>();
    case Type::INT32: return std::make_unique<PlainFixedWidthDecoder<int32_t>>();
    case Type::INT64: return std::make_unique<PlainFixedWidthDecoder<int64_t>>();
    case Type::INT96: return std::make_unique<PlainFixedWidthDecoder<encoding::Int96>>();
    case Type::FLOAT: return std::make_unique<PlainFixedWidthDecoder<float>>();
    case Type::DOUBLE: return std::make_unique<PlainFixedWidthDecoder<double>>();
    case Type::FIXED_LEN_BYTE_ARRAY: return std::make_unique<PlainFixedLenByteArrayDecoder>(physical_value_width(leaf));
    case Type::BYTE_ARRAY: return std::make_unique<PlainByteArrayDecoder>();
  }
  return nullptr;
}

}  // namespace crv::parquet::reader
