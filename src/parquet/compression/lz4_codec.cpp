// LZ4_RAW (a raw LZ4 block) and the deprecated LZ4 codec (Hadoop framing: per block a
// big-endian u32 uncompressed size and u32 compressed size, then a raw LZ4 block). As in
// Arrow, LZ4 data that does not parse as Hadoop framing is decoded as a raw LZ4 block
// (older parquet-cpp wrote raw blocks under LZ4).

#include <lz4.h>

#include <limits>
#include <string>

#include "parquet/compression/codecs.hpp"

namespace crv::parquet::compression {

namespace {

constexpr size_t kHadoopPrefixSize = 8;

void check_lz4_size(size_t size) {
  if (size > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
    throw ParquetError("LZ4: buffer of " + std::to_string(size) + " bytes exceeds the LZ4 limit");
  }
}

size_t lz4_bound(size_t input_size) {
  check_lz4_size(input_size);
  return static_cast<size_t>(LZ4_compressBound(static_cast<int>(input_size)));
}

// Compresses into dst (capacity lz4_bound(input.size())); returns the block size.
size_t compress_block(std::span<const uint8_t> input, uint8_t* dst, size_t capacity) {
  const int written = LZ4_compress_default(reinterpret_cast<const char*>(input.data()), reinterpret_cast<char*>(dst),
                                           static_cast<int>(input.size()), static_cast<int>(capacity));
  if (written <= 0) throw ParquetError("LZ4 compression failed");
  return static_cast<size_t>(written);
}

// Decodes a raw block into exactly `size` bytes; false when corrupt or of another size.
bool decompress_block(const uint8_t* src, size_t src_size, uint8_t* dst, size_t size) {
  if (src_size > static_cast<size_t>(std::numeric_limits<int>::max()) ||
      size > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return false;
  }
  const int produced = LZ4_decompress_safe(reinterpret_cast<const char*>(src), reinterpret_cast<char*>(dst),
                                           static_cast<int>(src_size), static_cast<int>(size));
  return produced >= 0 && static_cast<size_t>(produced) == size;
}

uint32_t load_be32(const uint8_t* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | static_cast<uint32_t>(p[3]);
}

void store_be32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

class Lz4RawCodec final : public Codec {
 public:
  [[nodiscard]] CompressionCodec codec() const noexcept override { return CompressionCodec::LZ4_RAW; }

  [[nodiscard]] size_t max_compressed_size(size_t input_size) const override { return lz4_bound(input_size); }

  size_t compress(std::span<const uint8_t> input, std::vector<uint8_t>& out) override {
    const size_t old_size = out.size();
    const size_t bound = lz4_bound(input.size());
    const size_t written = compress_block(input, grow(out, bound), bound);
    out.resize(old_size + written);
    return written;
  }

  void decompress(std::span<const uint8_t> input, uint8_t* out, size_t expected_uncompressed_size) override {
    if (decompress_empty_input(codec(), input, expected_uncompressed_size)) return;
    if (!decompress_block(input.data(), input.size(), out, expected_uncompressed_size)) {
      throw_corrupt(codec(),
                    "corrupt LZ4 block or not of the expected size " + std::to_string(expected_uncompressed_size));
    }
  }
};

class Lz4HadoopCodec final : public Codec {
 public:
  [[nodiscard]] CompressionCodec codec() const noexcept override { return CompressionCodec::LZ4; }

  [[nodiscard]] size_t max_compressed_size(size_t input_size) const override {
    return kHadoopPrefixSize + lz4_bound(input_size);
  }

  size_t compress(std::span<const uint8_t> input, std::vector<uint8_t>& out) override {
    const size_t old_size = out.size();
    const size_t bound = lz4_bound(input.size());
    uint8_t* prefix = grow(out, kHadoopPrefixSize + bound);
    const size_t written = compress_block(input, prefix + kHadoopPrefixSize, bound);
    store_be32(prefix, static_cast<uint32_t>(input.size()));
    store_be32(prefix + 4, static_cast<uint32_t>(written));
    out.resize(old_size + kHadoopPrefixSize + written);
    return kHadoopPrefixSize + written;
  }

  void decompress(std::span<const uint8_t> input, uint8_t* out, size_t expected_uncompressed_size) override {
    if (decompress_empty_input(codec(), input, expected_uncompressed_size)) return;
    if (decompress_hadoop(input, out, expected_uncompressed_size)) return;
    if (!decompress_block(input.data(), input.size(), out, expected_uncompressed_size)) {
      throw_corrupt(codec(), "neither Hadoop-framed nor raw LZ4 data of the expected size " +
                                 std::to_string(expected_uncompressed_size));
    }
  }

 private:
  // Hadoop framing: a sequence of (u32 BE uncompressed, u32 BE compressed, block).
  static bool decompress_hadoop(std::span<const uint8_t> input, uint8_t* out, size_t capacity) {
    const uint8_t* src = input.data();
    size_t left = input.size();
    size_t produced = 0;
    while (left >= kHadoopPrefixSize) {
      const size_t block_uncompressed = load_be32(src);
      const size_t block_compressed = load_be32(src + 4);
      src += kHadoopPrefixSize;
      left -= kHadoopPrefixSize;
      if (block_compressed > left || block_uncompressed > capacity - produced) return false;
      if (!decompress_block(src, block_compressed, out + produced, block_uncompressed)) {
        return false;
      }
      src += block_compressed;
      left -= block_compressed;
      produced += block_uncompressed;
    }
    return left == 0 && produced == capacity;
  }
};

}  // namespace

std::unique_ptr<Codec> make_lz4_raw_codec() { return std::make_unique<Lz4RawCodec>(); }

std::unique_ptr<Codec> make_lz4_hadoop_codec() { return std::make_unique<Lz4HadoopCodec>(); }

}  // namespace crv::parquet::compression
