// DELTA_LENGTH_BYTE_ARRAY values: the lengths (delta binary packed), then the bytes.

#include "crv/parquet/error.hpp"
#include "parquet/encoding/delta_length_byte_array.hpp"
#include "parquet/reader/decoders/value_decoder.hpp"

namespace crv::parquet::reader {
namespace {

class DeltaLengthByteArrayDecoder final : public ValueDecoder {
 public:
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    encoding::DeltaLengthByteArrayDecoder decoder(data, size);
    if (decoder.total_values() < n)
      throw ParquetError("DELTA_LENGTH_BYTE_ARRAY holds fewer values than the page needs");
    if (decoder.get_batch(n, out.bytes) != n) throw ParquetError("DELTA_LENGTH_BYTE_ARRAY data truncated");
  }
};

}  // namespace

std::unique_ptr<ValueDecoder> make_delta_length_byte_array_decoder(const schema::FileLeaf& leaf) {
  if (leaf.physical != Type::BYTE_ARRAY) return nullptr;
  return std::make_unique<DeltaLengthByteArrayDecoder>();
}

}  // namespace crv::parquet::reader
