// GZIP: deflate with gzip framing (zlib). Decompression also accepts zlib framing and
// concatenated gzip members.

#include <zlib.h>

#include <limits>
#include <string>

#include "parquet/compression/codecs.hpp"

namespace crv::parquet::compression {

namespace {

constexpr int kGzipWindowBits = 15 + 16;        // gzip header and trailer
constexpr int kAutoDetectWindowBits = 15 + 32;  // gzip or zlib header

class GzipCodec final : public Codec {
 public:
  explicit GzipCodec(int level) : level_(level) {}

  ~GzipCodec() override {
    if (deflate_ready_) deflateEnd(&deflate_);
    if (inflate_ready_) inflateEnd(&inflate_);
  }

  [[nodiscard]] CompressionCodec codec() const noexcept override { return CompressionCodec::GZIP; }

  [[nodiscard]] size_t max_compressed_size(size_t input_size) const override {
    // compressBound() covers the zlib wrapper (6 bytes); gzip needs 18.
    return compressBound(static_cast<uLong>(input_size)) + 18;
  }

  size_t compress(std::span<const uint8_t> input, std::vector<uint8_t>& out) override {
    check_size(input.size());
    if (!deflate_ready_) {
      if (deflateInit2(&deflate_, level_, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw ParquetError("GZIP compression failed: cannot initialize zlib");
      }
      deflate_ready_ = true;
    } else {
      deflateReset(&deflate_);
    }
    const size_t old_size = out.size();
    const size_t bound = max_compressed_size(input.size());
    check_size(bound);
    uint8_t* dst = grow(out, bound);
    deflate_.next_in = const_cast<Bytef*>(input.data());
    deflate_.avail_in = static_cast<uInt>(input.size());
    deflate_.next_out = dst;
    deflate_.avail_out = static_cast<uInt>(bound);
    const int result = deflate(&deflate_, Z_FINISH);
    if (result != Z_STREAM_END) {
      out.resize(old_size);
      throw ParquetError("GZIP compression failed: zlib error " + std::to_string(result));
    }
    const size_t written = bound - deflate_.avail_out;
    out.resize(old_size + written);
    return written;
  }

  void decompress(std::span<const uint8_t> input, uint8_t* out, size_t expected_uncompressed_size) override {
    if (decompress_empty_input(codec(), input, expected_uncompressed_size)) return;
    check_size(input.size());
    check_size(expected_uncompressed_size);
    if (!inflate_ready_) {
      if (inflateInit2(&inflate_, kAutoDetectWindowBits) != Z_OK) {
        throw ParquetError("GZIP decompression failed: cannot initialize zlib");
      }
      inflate_ready_ = true;
    } else {
      inflateReset(&inflate_);
    }
    // zlib does not write to next_out when avail_out is 0; a dummy byte keeps next_out valid
    // for an expected size of 0.
    uint8_t dummy = 0;
    inflate_.next_in = const_cast<Bytef*>(input.data());
    inflate_.avail_in = static_cast<uInt>(input.size());
    inflate_.next_out = expected_uncompressed_size == 0 ? &dummy : out;
    inflate_.avail_out = static_cast<uInt>(expected_uncompressed_size);
    size_t produced = 0;
    while (true) {
      const int result = inflate(&inflate_, Z_FINISH);
      produced = expected_uncompressed_size - inflate_.avail_out;
      if (result == Z_STREAM_END) {
        // Another gzip member may follow; stop when the page is complete or input ends.
        if (inflate_.avail_in == 0 || inflate_.avail_out == 0) break;
        inflateReset(&inflate_);
        continue;
      }
      if (result == Z_BUF_ERROR && inflate_.avail_out == 0) {
        throw_corrupt(codec(), "data decompresses to more than the expected " +
                                   std::to_string(expected_uncompressed_size) + " bytes");
      }
      if (result == Z_BUF_ERROR) throw_corrupt(codec(), "truncated data");
      throw_corrupt(codec(), inflate_.msg != nullptr ? inflate_.msg : "zlib error " + std::to_string(result));
    }
    if (produced != expected_uncompressed_size) {
      throw_size_mismatch(codec(), produced, expected_uncompressed_size);
    }
  }

 private:
  static void check_size(size_t size) {
    if (size > std::numeric_limits<uInt>::max()) {
      throw ParquetError("GZIP: buffer of " + std::to_string(size) + " bytes is too large for zlib");
    }
  }

  int level_;
  z_stream deflate_{};
  z_stream inflate_{};
  bool deflate_ready_ = false;
  bool inflate_ready_ = false;
};

}  // namespace

std::unique_ptr<Codec> make_gzip_codec(int level) { return std::make_unique<GzipCodec>(level); }

}  // namespace crv::parquet::compression
