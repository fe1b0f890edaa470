// make_codec(), the codec levels, and the helpers shared by the codec implementations.

#include <string>

#include "parquet/compression/codecs.hpp"

namespace crv::parquet {

namespace compression {

void throw_corrupt(CompressionCodec codec, std::string_view detail) {
  throw ParquetError(to_string(codec) + " decompression failed: " + std::string(detail));
}

void throw_size_mismatch(CompressionCodec codec, size_t actual, size_t expected) {
  throw ParquetError(to_string(codec) + " data decompresses to " + std::to_string(actual) + " bytes, expected " +
                     std::to_string(expected));
}

bool decompress_empty_input(CompressionCodec codec, std::span<const uint8_t> input, size_t expected_uncompressed_size) {
  if (!input.empty()) return false;
  if (expected_uncompressed_size != 0) throw_size_mismatch(codec, 0, expected_uncompressed_size);
  return true;
}

uint8_t* grow(std::vector<uint8_t>& out, size_t extra) {
  const size_t old_size = out.size();
  out.resize(old_size + extra);
  return out.data() + old_size;
}

}  // namespace compression

int default_compression_level(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::ZSTD: return 3;
    case CompressionCodec::GZIP: return 6;
    case CompressionCodec::BROTLI: return 8;
    default: return 0;
  }
}

bool is_codec_supported(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::UNCOMPRESSED:
    case CompressionCodec::SNAPPY:
    case CompressionCodec::GZIP:
    case CompressionCodec::BROTLI:
    case CompressionCodec::LZ4:
    case CompressionCodec::ZSTD:
    case CompressionCodec::LZ4_RAW: return true;
    case CompressionCodec::LZO: return false;
  }
  return false;
}

namespace {

int checked_level(CompressionCodec codec, int level, int min_level, int max_level) {
  if (level == kDefaultCompressionLevel) return default_compression_level(codec);
  if (level < min_level || level > max_level) {
    throw ParquetError(to_string(codec) + " compression level " + std::to_string(level) + " is out of range [" +
                       std::to_string(min_level) + ", " + std::to_string(max_level) + "]");
  }
  return level;
}

}  // namespace

std::unique_ptr<Codec> make_codec(CompressionCodec codec, int level) {
  switch (codec) {
    case CompressionCodec::UNCOMPRESSED: return compression::make_uncompressed_codec();
    case CompressionCodec::SNAPPY: return compression::make_snappy_codec();
    case CompressionCodec::GZIP: return compression::make_gzip_codec(checked_level(codec, level, 0, 9));
    case CompressionCodec::LZ4: return compression::make_lz4_hadoop_codec();
    case CompressionCodec::LZ4_RAW: return compression::make_lz4_raw_codec();
    case CompressionCodec::ZSTD:
      // zstd accepts negative "fast" levels down to ZSTD_minCLevel() (-131072).
      return compression::make_zstd_codec(checked_level(codec, level, -131072, 22));
    case CompressionCodec::BROTLI: return compression::make_brotli_codec(checked_level(codec, level, 0, 11));
    case CompressionCodec::LZO: throw ParquetError("LZO compression is not supported");
  }
  throw ParquetError("unknown compression codec " + to_string(codec));
}

}  // namespace crv::parquet
