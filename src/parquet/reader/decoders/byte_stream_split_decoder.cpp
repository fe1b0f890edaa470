// BYTE_STREAM_SPLIT values: the k-th bytes of all values, then the (k+1)-th, ... for every
// fixed-width type except INT96 and BOOLEAN.

#include <string>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/byte_stream_split.hpp"
#include "parquet/reader/decoders/value_decoder.hpp"

namespace crv::parquet::reader {
namespace {

class ByteStreamSplitDecoder final : public ValueDecoder {
 public:
  explicit ByteStreamSplitDecoder(size_t width) : width_(width) {}
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    if (size != n * width_) {
      throw ParquetError("BYTE_STREAM_SPLIT data of " + std::to_string(size) + " bytes for " + std::to_string(n) +
                         " values of " + std::to_string(width_) + " bytes");
    }
    encoding::byte_stream_split_decode(data, size, width_, 0, n, grow_fixed(out, n, width_));
  }

 private:
  size_t width_;
};

}  // namespace

std::unique_ptr<ValueDecoder> make_byte_stream_split_decoder(const schema::FileLeaf& leaf) {
  switch (leaf.physical) {
    case Type::INT32:
    case Type::INT64:
    case Type::FLOAT:
    case Type::DOUBLE:
    case Type::FIXED_LEN_BYTE_ARRAY: return std::make_unique<ByteStreamSplitDecoder>(physical_value_width(leaf));
    default: return nullptr;
  }
}

}  // namespace crv::parquet::reader
