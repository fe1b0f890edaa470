// UNCOMPRESSED: pages stored as is.

#include <cstring>

#include "parquet/compression/codecs.hpp"

namespace crv::parquet::compression {

namespace {

class UncompressedCodec final : public Codec {
 public:
  [[nodiscard]] CompressionCodec codec() const noexcept override { return CompressionCodec::UNCOMPRESSED; }

  [[nodiscard]] size_t max_compressed_size(size_t input_size) const override { return input_size; }

  size_t compress(std::span<const uint8_t> input, std::vector<uint8_t>& out) override {
    out.insert(out.end(), input.begin(), input.end());
    return input.size();
  }

  void decompress(std::span<const uint8_t> input, uint8_t* out, size_t expected_uncompressed_size) override {
    if (input.size() != expected_uncompressed_size) {
      throw_size_mismatch(codec(), input.size(), expected_uncompressed_size);
    }
    if (!input.empty()) std::memcpy(out, input.data(), input.size());
  }
};

}  // namespace

std::unique_ptr<Codec> make_uncompressed_codec() { return std::make_unique<UncompressedCodec>(); }

}  // namespace crv::parquet::compression
