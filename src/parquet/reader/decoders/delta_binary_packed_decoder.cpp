// DELTA_BINARY_PACKED INT32 and INT64 values.

#include <string>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/delta_binary_packed.hpp"
#include "parquet/reader/decoders/value_decoder.hpp"

namespace crv::parquet::reader {
namespace {

template <class T>
void check_total(const encoding::DeltaBinaryPackedDecoder<T>& decoder, size_t n) {
  if (decoder.total_values() < n) {
    throw ParquetError("DELTA_BINARY_PACKED header holds " + std::to_string(decoder.total_values()) +
                       " values, page needs " + std::to_string(n));
  }
}

class DeltaBinaryPackedInt64Decoder final : public ValueDecoder {
 public:
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    encoding::DeltaBinaryPackedDecoder<int64_t> decoder(data, size);
    check_total(decoder, n);
    auto* dst = reinterpret_cast<int64_t*>(grow_fixed(out, n, sizeof(int64_t)));
    if (decoder.get_batch(dst, n) != n) throw ParquetError("DELTA_BINARY_PACKED data truncated");
  }
};

// Decoded with 64-bit deltas and truncated: some writers (DuckDB) compute INT32 deltas in
// 64 bits, giving miniblock bit widths up to 33; the low 32 bits of the wrapping 64-bit
// sums are the INT32 values.
class DeltaBinaryPackedInt32Decoder final : public ValueDecoder {
 public:
  void decode(const uint8_t* data, size_t size, size_t n, LeafData& out) override {
    encoding::DeltaBinaryPackedDecoder<int64_t> decoder(data, size);
    check_total(decoder, n);
    wide_.resize(n);
    if (decoder.get_batch(wide_.data(), n) != n) throw ParquetError("DELTA_BINARY_PACKED data truncated");
    auto* dst = reinterpret_cast<int32_t*>(grow_fixed(out, n, sizeof(int32_t)));
    for (size_t i = 0; i < n; ++i) dst[i] = static_cast<int32_t>(static_cast<uint64_t>(wide_[i]));
  }

 private:
  std::vector<int64_t> wide_;  // reused across the chunk's pages
};

}  // namespace

std::unique_ptr<ValueDecoder> make_delta_binary_packed_decoder(const schema::FileLeaf& leaf) {
  if (leaf.physical == Type::INT32) return std::make_unique<DeltaBinaryPackedInt32Decoder>();
  if (leaf.physical == Type::INT64) return std::make_unique<DeltaBinaryPackedInt64Decoder>();
  return nullptr;
}

}  // namespace crv::parquet::reader
