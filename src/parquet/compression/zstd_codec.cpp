// ZSTD: a zstd frame (or several), compressed with the calling thread's compression context
// and decompressed with a context borrowed from a process-wide pool for the codec's lifetime.

#include <zstd.h>
#include <zstd_errors.h>

#include <mutex>
#include <string>
#include <vector>

#include "parquet/compression/codecs.hpp"

namespace crv::parquet::compression {

namespace {

// Decompression contexts are costly to create (and their window buffers to fault in), and a
// read makes one codec per column chunk: idle contexts are kept and handed to the next codec.
class DecompressionContexts {
 public:
  ZSTD_DCtx* take() {
    {
      const std::lock_guard guard(mutex_);
      if (!idle_.empty()) {
        ZSTD_DCtx* context = idle_.back();
        idle_.pop_back();
        return context;
      }
    }
    ZSTD_DCtx* context = ZSTD_createDCtx();
    if (context == nullptr) throw ParquetError("ZSTD decompression failed: out of memory");
    return context;
  }

  void give(ZSTD_DCtx* context) {
    if (context == nullptr) return;
    const std::lock_guard guard(mutex_);
    if (idle_.size() < kMaxIdle) {
      idle_.push_back(context);
      return;
    }
    ZSTD_freeDCtx(context);
  }

 private:
  static constexpr size_t kMaxIdle = 64;
  std::mutex mutex_;
  std::vector<ZSTD_DCtx*> idle_;
};

// Never destroyed: codecs may be destroyed during static destruction.
DecompressionContexts& decompression_contexts() {
  static DecompressionContexts* contexts = new DecompressionContexts();
  return *contexts;
}

// One compression context per thread, shared by every codec that compresses on it: a
// context holds megabytes of match tables, and a file writer has a codec per column.
// Compression is synchronous, so a thread never needs two at once.
struct ThreadCompressionContext {
  ThreadCompressionContext() = default;
  ThreadCompressionContext(const ThreadCompressionContext&) = delete;
  ThreadCompressionContext& operator=(const ThreadCompressionContext&) = delete;
  ~ThreadCompressionContext() { ZSTD_freeCCtx(context); }
  ZSTD_CCtx* get() {
    if (context == nullptr) context = ZSTD_createCCtx();
    if (context == nullptr) throw ParquetError("ZSTD compression failed: out of memory");
    return context;
  }
  ZSTD_CCtx* context = nullptr;
};

thread_local ThreadCompressionContext thread_compression_context;

class ZstdCodec final : public Codec {
 public:
  explicit ZstdCodec(int level) : level_(level) {}

  ~ZstdCodec() override { decompression_contexts().give(dctx_); }

  [[nodiscard]] CompressionCodec codec() const noexcept override { return CompressionCodec::ZSTD; }

  [[nodiscard]] size_t max_compressed_size(size_t input_size) const override { return ZSTD_compressBound(input_size); }

  size_t compress(std::span<const uint8_t> input, std::vector<uint8_t>& out) override {
    ZSTD_CCtx* context = thread_compression_context.get();
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
    if (dctx_ == nullptr) dctx_ = decompression_contexts().take();
    const size_t produced = ZSTD_decompressDCtx(dctx_, out, expected_uncompressed_size, input.data(), input.size());
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
  ZSTD_DCtx* dctx_ = nullptr;
};

}  // namespace

std::unique_ptr<Codec> make_zstd_codec(int level) { return std::make_unique<ZstdCodec>(level); }

}  // namespace crv::parquet::compression
