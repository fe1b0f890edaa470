// DELTA_BYTE_ARRAY (incremental, front-coded) values of BYTE_ARRAY and
// FIXED_LEN_BYTE_ARRAY columns.

#include "crv/parquet/error.hpp"
#include "parquet/encoding/delta_byte_array.hpp"
#include "parquet/reader/decoders/value_decoder.hpp"

namespace crv::parquet::reader {
namespace {

encoding::DeltaByteArrayDecoder open_page(const uint8_t* data, size_t size, size_t n) {
  encoding::DeltaByteArrayDecoder decoder(data, size);
  if (decoder.total_values() < n) throw ParquetError("DELTA_BYTE_ARRAY holds fewer values than the page needs");
  return decoder;
}

class DeltaByteArrayDecoder final : public ValueDecoder {
 public:
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    encoding::DeltaByteArrayDecoder decoder = open_page(data, size, n);
    if (decoder.get_batch(n, out.bytes) != n) throw ParquetError("DELTA_BYTE_ARRAY data truncated");
  }
};

class DeltaFixedLenByteArrayDecoder final : public ValueDecoder {
 public:
  explicit DeltaFixedLenByteArrayDecoder(size_t width) : width_(width) {}
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    encoding::DeltaByteArrayDecoder decoder = open_page(data, size, n);
    if (decoder.get_batch_fixed(grow_fixed(out, n, width_), width_, n) != n) {
      throw ParquetError("DELTA_BYTE_ARRAY data truncated");
    }
  }

 private:
  size_t width_;
};

}  // namespace

std::unique_ptr<ValueDecoder> make_delta_byte_array_decoder(const schema::FileLeaf& leaf) {
  if (leaf.physical == Type::BYTE_ARRAY) return std::make_unique<DeltaByteArrayDecoder>();
  if (leaf.physical == Type::FIXED_LEN_BYTE_ARRAY) {
    return std::make_unique<DeltaFixedLenByteArrayDecoder>(physical_value_width(leaf));
  }
  return nullptr;
}

}  // namespace crv::parquet::reader
