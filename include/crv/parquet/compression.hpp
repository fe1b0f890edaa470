#pragma once
/// @file
/// Page compression codecs of the Parquet format.
///
/// One Codec instance per column writer / reader: an instance keeps its library contexts
/// (e.g. ZSTD_CCtx / ZSTD_DCtx) between calls and is therefore not thread-safe; use one
/// per thread.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "crv/export.hpp"
#include "crv/parquet/error.hpp"
#include "crv/parquet/format.hpp"

namespace crv::parquet {

/// Use the codec's own default level (see default_compression_level()).
inline constexpr int kDefaultCompressionLevel = std::numeric_limits<int>::min();

/// A compression codec of Parquet pages, made by make_codec().
class CRV_IO_EXPORT Codec {
 public:
  Codec() = default;
  Codec(const Codec&) = delete;
  Codec& operator=(const Codec&) = delete;
  virtual ~Codec() = default;

  [[nodiscard]] virtual CompressionCodec codec() const noexcept = 0;  ///< which codec it is

  /// Upper bound of the compressed size of `input_size` bytes.
  [[nodiscard]] virtual size_t max_compressed_size(size_t input_size) const = 0;

  /// Appends the compressed form of `input` to `out` (existing contents are kept; clear()
  /// `out` first to reuse its capacity). Returns the number of bytes appended.
  virtual size_t compress(std::span<const uint8_t> input, std::vector<uint8_t>& out) = 0;

  /// Decompresses `input` into exactly `expected_uncompressed_size` bytes at `out`.
  /// Throws ParquetError when the input is corrupt or does not decompress to exactly
  /// that size. Never writes past out + expected_uncompressed_size.
  virtual void decompress(std::span<const uint8_t> input, uint8_t* out, size_t expected_uncompressed_size) = 0;
};

/// The level used when kDefaultCompressionLevel is passed: ZSTD 3, GZIP 6, BROTLI 8
/// (Arrow's default), 0 for codecs without levels.
[[nodiscard]] CRV_IO_EXPORT int default_compression_level(CompressionCodec codec);

/// Whether make_codec() supports the codec (all but LZO and unknown values).
[[nodiscard]] CRV_IO_EXPORT bool is_codec_supported(CompressionCodec codec);

/// Creates a codec. `level` applies to ZSTD (1..22, negative fast levels allowed), GZIP
/// (1..9) and BROTLI (0..11) and is ignored by the others. Throws ParquetError for LZO
/// ("LZO compression is not supported"), unknown codec values and out-of-range levels.
[[nodiscard]] CRV_IO_EXPORT std::unique_ptr<Codec> make_codec(CompressionCodec codec,
                                                              int level = kDefaultCompressionLevel);

}  // namespace crv::parquet
