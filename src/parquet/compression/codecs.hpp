#pragma once
// The codec implementations behind make_codec() (private to crv_parquet), one per file.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "crv/parquet/compression.hpp"

namespace crv::parquet::compression {

std::unique_ptr<Codec> make_uncompressed_codec();
std::unique_ptr<Codec> make_snappy_codec();
std::unique_ptr<Codec> make_gzip_codec(int level);
std::unique_ptr<Codec> make_lz4_raw_codec();
std::unique_ptr<Codec> make_lz4_hadoop_codec();
std::unique_ptr<Codec> make_zstd_codec(int level);
std::unique_ptr<Codec> make_brotli_codec(int level);

// Throws ParquetError "<CODEC> decompression failed: <detail>".
[[noreturn]] void throw_corrupt(CompressionCodec codec, std::string_view detail);

// Throws ParquetError "<CODEC> data decompresses to <actual> bytes, expected <expected>".
[[noreturn]] void throw_size_mismatch(CompressionCodec codec, size_t actual, size_t expected);

// An empty input decompresses to an empty page for every codec (some writers store empty
// pages without a codec frame). True when handled; throws when data was expected.
bool decompress_empty_input(CompressionCodec codec, std::span<const uint8_t> input, size_t expected_uncompressed_size);

// Grows `out` by `extra` bytes and returns a pointer to the first new byte.
uint8_t* grow(std::vector<uint8_t>& out, size_t extra);

}  // namespace crv::parquet::compression
