// RLE booleans: a 4-byte length, then the RLE/bit-packed hybrid of bit width 1 (the only
// values RLE encodes; levels have their own reader, page_levels).

#include "parquet/encoding/rle_bit_packed_decoder.hpp"
#include "parquet/reader/decoders/value_decoder.hpp"

namespace crv::parquet::reader {
namespace {

class BooleanRleDecoder final : public ValueDecoder {
 public:
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    const encoding::LengthPrefixedRuns runs = encoding::read_length_prefixed_runs(data, size);
    encoding::RleBitPackedDecoder decoder(runs.data, runs.size, 1);
    decoder.decode(grow_fixed(out, n, 1), n);
  }
};

}  // namespace

std::unique_ptr<ValueDecoder> make_boolean_rle_decoder(const schema::FileLeaf& leaf) {
  if (leaf.physical != Type::BOOLEAN) return nullptr;
  return std::make_unique<BooleanRleDecoder>();
}

}  // namespace crv::parquet::reader
