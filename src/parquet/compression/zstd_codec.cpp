// ZSTD: a zstd frame (or several), compressed and decompressed with the calling thread's
// contexts.

#include <zstd.h>
#include <zstd_errors.h>

#include <string>
#include <vector>

#include "parquet/compression/codecs.hpp"

namespace crv::parquet::compression {

namespace {

// A zstd context of the calling thread, created on first use. One per thread is enough:
// compression and decompression are synchronous, so a thread never needs two at once.
// Sharing them matters: a compression context holds megabytes of match tables and a file
// writer has a codec per column; a decompression context is costly to create (and its
// buffers to fault in), and a read makes a codec per column chunk.
template <class Context, Context* (*create)(), size_t (*destroy)(Context*)>
class ThreadContext {
 public:
  ThreadContext() = default;
  ThreadContext(const ThreadContext&) = delete;
  ThreadContext& operator=(const ThreadContext&) = delete;
  ~ThreadContext() { destroy(context_); }
  Context* get(const char* operation) {
    if (context_ == nullptr) context_ = create();
    if (context_ == nullptr) throw ParquetError(std::string("ZSTD ") + operation + " failed: out of memory");
    return context_;
  }

 private:
  Context* context_ = nullptr;
};

thread_local ThreadContext<ZSTD_CCtx, ZSTD_createCCtx, ZSTD_freeCCtx> thread_compression_context;
thread_local ThreadContext<ZSTD_DCtx, ZSTD_createDCtx, ZSTD_freeDCtx> thread_decompression_context;

class ZstdCodec final : public Codec {
 public:
  explicit ZstdCodec(int level) : level_(level) {}

  [[nodiscard]] CompressionCodec codec() const noexcept override { return CompressionCodec::ZSTD; }

  [[nodiscard]] size_t max_compressed_size(size_t input_size) const override { return ZSTD_compressBound(input_size); }

  size_t compress(std::span<const uint8_t> input, std::vector<uint8_t>& out) override {
    ZSTD_CCtx* context = thread_compression_context.get("compression");
    const size_t old_size = out.size();
    const size_t bound = max_compressed_size(input.size());
    uint8_t* dst = grow(out, bound);
    const size_t written = ZSTD_compressCCtx(context, dst, bound, input.data(), input.size(), level_);
    if (ZSTD_isError(written) != 0) {
      out.resize(old_size);
      throw ParquetError(std::string("ZSTD compression failed: ") + ZSTD_getErrorName(written));
    }
    out.resize(old_size + written);
    return written;
  }

  void decompress(std::span<const uint8_t> input, uint8_t* out, size_t expected_uncompressed_size) override {
    if (decompress_empty_input(codec(), input, expected_uncompressed_size)) return;
    ZSTD_DCtx* context = thread_decompression_context.get("decompression");
    const size_t produced = ZSTD_decompressDCtx(context, out, expected_uncompressed_size, input.data(), input.size());
    if (ZSTD_isError(produced) != 0) {
      if (ZSTD_getErrorCode(produced) == ZSTD_error_dstSize_tooSmall) {
        throw_corrupt(codec(), "data decompresses to more than the expected " +
                                   std::to_string(expected_uncompressed_size) + " bytes");
      }
      throw_corrupt(codec(), ZSTD_getErrorName(produced));
    }
    if (produced != expected_uncompressed_size) {
      throw_size_mismatch(codec(), produced, expected_uncompressed_size);
    }
  }

 private:
  int level_;
};

}  // namespace

std::unique_ptr<Codec> make_zstd_codec(int level) { return std::make_unique<ZstdCodec>(level); }

}  // namespace crv::parquet::compression
