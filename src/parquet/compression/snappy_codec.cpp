// SNAPPY: raw snappy (no framing), libsnappy.

#include <snappy.h>

#include "parquet/compression/codecs.hpp"

namespace crv::parquet::compression {

namespace {

class SnappyCodec final : public Codec {
 public:
  [[nodiscard]] CompressionCodec codec() const noexcept override { return CompressionCodec::SNAPPY; }

  [[nodiscard]] size_t max_compressed_size(size_t input_size) const override {
    return snappy::MaxCompressedLength(input_size);
  }

  size_t compress(std::span<const uint8_t> input, std::vector<uint8_t>& out) override {
    const size_t old_size = out.size();
    char* dst = reinterpret_cast<char*>(grow(out, max_compressed_size(input.size())));
    size_t written = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(input.data()), input.size(), dst, &written);
    out.resize(old_size + written);
    return written;
  }

  void decompress(std::span<const uint8_t> input, uint8_t* out, size_t expected_uncompressed_size) override {
    if (decompress_empty_input(codec(), input, expected_uncompressed_size)) return;
    const auto* src = reinterpret_cast<const char*>(input.data());
    size_t length = 0;
    if (!snappy::GetUncompressedLength(src, input.size(), &length)) {
      throw_corrupt(codec(), "invalid length header");
    }
    if (length != expected_uncompressed_size) {
      throw_size_mismatch(codec(), length, expected_uncompressed_size);
    }
    if (!snappy::RawUncompress(src, input.size(), reinterpret_cast<char*>(out))) {
      throw_corrupt(codec(), "corrupt snappy data");
    }
  }
};

}  // namespace

std::unique_ptr<Codec> make_snappy_codec() { return std::make_unique<SnappyCodec>(); }

}  // namespace crv::parquet::compression
