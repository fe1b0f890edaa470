// BROTLI: a brotli stream (libbrotlienc / libbrotlidec).

#include <brotli/decode.h>
#include <brotli/encode.h>

#include <string>

#include "parquet/compression/codecs.hpp"

namespace crv::parquet::compression {

namespace {

class BrotliCodec final : public Codec {
 public:
  explicit BrotliCodec(int quality) : quality_(quality) {}

  [[nodiscard]] CompressionCodec codec() const noexcept override { return CompressionCodec::BROTLI; }

  [[nodiscard]] size_t max_compressed_size(size_t input_size) const override {
    const size_t bound = BrotliEncoderMaxCompressedSize(input_size);
    if (bound == 0) {
      throw ParquetError("BROTLI: input of " + std::to_string(input_size) + " bytes is too large");
    }
    return bound;
  }

  size_t compress(std::span<const uint8_t> input, std::vector<uint8_t>& out) override {
    const size_t old_size = out.size();
    const size_t bound = max_compressed_size(input.size());
    uint8_t* dst = grow(out, bound);
    size_t written = bound;
    if (BrotliEncoderCompress(quality_, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, input.size(), input.data(),
                              &written, dst) == BROTLI_FALSE) {
      out.resize(old_size);
      throw ParquetError("BROTLI compression failed");
    }
    out.resize(old_size + written);
    return written;
  }

  void decompress(std::span<const uint8_t> input, uint8_t* out, size_t expected_uncompressed_size) override {
    if (decompress_empty_input(codec(), input, expected_uncompressed_size)) return;
    uint8_t dummy = 0;
    size_t produced = expected_uncompressed_size;
    const BrotliDecoderResult result =
        BrotliDecoderDecompress(input.size(), input.data(), &produced, expected_uncompressed_size == 0 ? &dummy : out);
    if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
      throw_corrupt(codec(), "data decompresses to more than the expected " +
                                 std::to_string(expected_uncompressed_size) + " bytes");
    }
    if (result != BROTLI_DECODER_RESULT_SUCCESS) throw_corrupt(codec(), "corrupt brotli data");
    if (produced != expected_uncompressed_size) {
      throw_size_mismatch(codec(), produced, expected_uncompressed_size);
    }
  }

 private:
  int quality_;
};

}  // namespace

std::unique_ptr<Codec> make_brotli_codec(int level) { return std::make_unique<BrotliCodec>(level); }

}  // namespace crv::parquet::compression
