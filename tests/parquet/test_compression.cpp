// Page compression codecs: round trips of every codec, incompressible and empty input,
// corrupt input and size mismatches, framing details (LZ4 Hadoop, gzip/zlib).

#include <gtest/gtest.h>
#include <lz4.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "crv/parquet/compression.hpp"

namespace crv::parquet {
namespace {

using Bytes = std::vector<uint8_t>;

const std::vector<CompressionCodec> kCodecs = {
    CompressionCodec::UNCOMPRESSED, CompressionCodec::SNAPPY, CompressionCodec::GZIP,   CompressionCodec::BROTLI,
    CompressionCodec::LZ4,          CompressionCodec::ZSTD,   CompressionCodec::LZ4_RAW};

Bytes compressible(size_t n) {
  Bytes data(n);
  for (size_t i = 0; i < n; ++i) data[i] = static_cast<uint8_t>("tick,agent,42;"[i % 14] + (i / 997) % 3);
  return data;
}

Bytes random_bytes(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Bytes data(n);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  return data;
}

Bytes decompress(Codec& codec, const Bytes& compressed, size_t size) {
  Bytes out(size + 16, 0xCD);  // guard bytes after the expected size
  codec.decompress(compressed, out.data(), size);
  for (size_t i = size; i < out.size(); ++i) EXPECT_EQ(out[i], 0xCD) << "wrote past the end";
  out.resize(size);
  return out;
}

class CodecTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(CodecTest, RoundTripsManySizes) {
  auto codec = make_codec(GetParam());
  EXPECT_EQ(codec->codec(), GetParam());
  for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{1000}, size_t{65536}, size_t{1} << 20}) {
    for (const Bytes& data : {compressible(n), random_bytes(n, n)}) {
      Bytes compressed;
      const size_t written = codec->compress(data, compressed);
      EXPECT_EQ(written, compressed.size());
      EXPECT_LE(compressed.size(), codec->max_compressed_size(n));
      EXPECT_EQ(decompress(*codec, compressed, n), data) << to_string(GetParam()) << " n=" << n;
    }
  }
}

TEST_P(CodecTest, CompressibleDataShrinks) {
  if (GetParam() == CompressionCodec::UNCOMPRESSED) GTEST_SKIP();
  auto codec = make_codec(GetParam());
  const Bytes data = compressible(1 << 20);
  Bytes compressed;
  codec->compress(data, compressed);
  EXPECT_LT(compressed.size(), data.size() / 4) << to_string(GetParam());
}

TEST_P(CodecTest, CompressAppendsAndReusesTheInstance) {
  auto codec = make_codec(GetParam());
  const Bytes a = compressible(5000);
  const Bytes b = random_bytes(3000, 1);
  Bytes out = {1, 2, 3};
  const size_t size_a = codec->compress(a, out);
  const size_t size_b = codec->compress(b, out);
  ASSERT_EQ(out.size(), 3 + size_a + size_b);
  EXPECT_EQ(out[0], 1);
  const Bytes first(out.begin() + 3, out.begin() + 3 + static_cast<long>(size_a));
  const Bytes second(out.begin() + 3 + static_cast<long>(size_a), out.end());
  EXPECT_EQ(decompress(*codec, second, b.size()), b);
  EXPECT_EQ(decompress(*codec, first, a.size()), a);
}

TEST_P(CodecTest, WrongExpectedSizeThrows) {
  auto codec = make_codec(GetParam());
  const Bytes data = compressible(10000);
  Bytes compressed;
  codec->compress(data, compressed);
  Bytes out(20000);
  EXPECT_THROW(codec->decompress(compressed, out.data(), 9999), ParquetError);
  EXPECT_THROW(codec->decompress(compressed, out.data(), 10001), ParquetError);
  // The instance still works after an error.
  EXPECT_EQ(decompress(*codec, compressed, data.size()), data);
}

TEST_P(CodecTest, EmptyInputDecompressesToAnEmptyPageOnly) {
  auto codec = make_codec(GetParam());
  uint8_t out = 0;
  codec->decompress({}, &out, 0);
  EXPECT_THROW(codec->decompress({}, &out, 1), ParquetError);
}

TEST_P(CodecTest, CorruptInputThrowsAndNeverWritesPastTheEnd) {
  if (GetParam() == CompressionCodec::UNCOMPRESSED) GTEST_SKIP();
  auto codec = make_codec(GetParam());
  const Bytes data = compressible(20000);
  Bytes compressed;
  codec->compress(data, compressed);
  std::mt19937_64 rng(99);
  int errors = 0;
  for (int i = 0; i < 300; ++i) {
    Bytes corrupt = compressed;
    if (i % 3 == 0) {
      corrupt.resize(rng() % corrupt.size());  // truncated
    } else {
      for (int f = 0; f < 4; ++f) corrupt[rng() % corrupt.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
    }
    try {
      const Bytes back = decompress(*codec, corrupt, data.size());
      // A flip in a literal can decode to other bytes of the same size; that is all.
      EXPECT_EQ(back.size(), data.size());
    } catch (const ParquetError&) {
      ++errors;
    }
  }
  EXPECT_GT(errors, 0);
  // Pure garbage.
  for (int i = 0; i < 200; ++i) {
    const Bytes garbage = random_bytes(1 + rng() % 500, rng());
    try {
      (void)decompress(*codec, garbage, 1000);
    } catch (const ParquetError&) {
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CodecTest, ::testing::ValuesIn(kCodecs),
                         [](const auto& codec_info) { return to_string(codec_info.param); });

TEST(Compression, LevelsAreConfigurableAndChecked) {
  const Bytes data = compressible(1 << 18);
  Bytes fast;
  Bytes strong;
  make_codec(CompressionCodec::ZSTD, 1)->compress(data, fast);
  make_codec(CompressionCodec::ZSTD, 19)->compress(data, strong);
  EXPECT_LE(strong.size(), fast.size());
  Bytes negative;
  make_codec(CompressionCodec::ZSTD, -5)->compress(data, negative);
  Bytes out(data.size());
  make_codec(CompressionCodec::ZSTD)->decompress(negative, out.data(), out.size());
  EXPECT_EQ(out, data);

  EXPECT_THROW((void)make_codec(CompressionCodec::ZSTD, 23), ParquetError);
  EXPECT_THROW((void)make_codec(CompressionCodec::GZIP, 10), ParquetError);
  EXPECT_THROW((void)make_codec(CompressionCodec::BROTLI, 12), ParquetError);
  EXPECT_NO_THROW((void)make_codec(CompressionCodec::GZIP, 1));
  EXPECT_NO_THROW((void)make_codec(CompressionCodec::BROTLI, 0));
  EXPECT_EQ(default_compression_level(CompressionCodec::ZSTD), 3);
}

TEST(Compression, LzoAndUnknownCodecsAreNotSupported) {
  try {
    (void)make_codec(CompressionCodec::LZO);
    FAIL() << "expected ParquetError";
  } catch (const ParquetError& e) {
    EXPECT_STREQ(e.what(), "LZO compression is not supported");
  }
  EXPECT_FALSE(is_codec_supported(CompressionCodec::LZO));
  EXPECT_TRUE(is_codec_supported(CompressionCodec::LZ4_RAW));
  EXPECT_THROW((void)make_codec(static_cast<CompressionCodec>(42)), ParquetError);
}

TEST(Compression, Lz4UsesHadoopFramingAndAcceptsRawBlocks) {
  const Bytes data = compressible(3000);
  Bytes framed;
  make_codec(CompressionCodec::LZ4)->compress(data, framed);
  ASSERT_GT(framed.size(), 8u);
  const uint32_t uncompressed =
      (uint32_t{framed[0]} << 24) | (uint32_t{framed[1]} << 16) | (uint32_t{framed[2]} << 8) | framed[3];
  const uint32_t compressed =
      (uint32_t{framed[4]} << 24) | (uint32_t{framed[5]} << 16) | (uint32_t{framed[6]} << 8) | framed[7];
  EXPECT_EQ(uncompressed, data.size());
  EXPECT_EQ(compressed, framed.size() - 8);

  // The payload is a raw LZ4 block.
  const Bytes raw(framed.begin() + 8, framed.end());
  auto lz4 = make_codec(CompressionCodec::LZ4);
  EXPECT_EQ(decompress(*lz4, raw, data.size()), data);
  auto lz4_raw = make_codec(CompressionCodec::LZ4_RAW);
  EXPECT_EQ(decompress(*lz4_raw, raw, data.size()), data);
  EXPECT_THROW(lz4_raw->decompress(framed, Bytes(data.size()).data(), data.size()), ParquetError);

  // Several Hadoop blocks in a row.
  const Bytes second = random_bytes(700, 3);
  Bytes two_blocks = framed;
  make_codec(CompressionCodec::LZ4)->compress(second, two_blocks);
  Bytes expected = data;
  expected.insert(expected.end(), second.begin(), second.end());
  EXPECT_EQ(decompress(*lz4, two_blocks, expected.size()), expected);
}

TEST(Compression, GzipDecompressesGzipAndZlibFraming) {
  const Bytes data = compressible(50000);
  Bytes gz;
  make_codec(CompressionCodec::GZIP)->compress(data, gz);
  ASSERT_GE(gz.size(), 2u);
  EXPECT_EQ(gz[0], 0x1F);  // gzip magic
  EXPECT_EQ(gz[1], 0x8B);

  Bytes zlib_data(compressBound(static_cast<uLong>(data.size())));
  uLongf zlib_size = static_cast<uLongf>(zlib_data.size());
  ASSERT_EQ(compress2(zlib_data.data(), &zlib_size, data.data(), data.size(), 6), Z_OK);
  zlib_data.resize(zlib_size);
  auto gzip = make_codec(CompressionCodec::GZIP);
  EXPECT_EQ(decompress(*gzip, zlib_data, data.size()), data);

  // Two concatenated gzip members.
  const Bytes second = random_bytes(1000, 5);
  Bytes members = gz;
  make_codec(CompressionCodec::GZIP)->compress(second, members);
  Bytes expected = data;
  expected.insert(expected.end(), second.begin(), second.end());
  EXPECT_EQ(decompress(*gzip, members, expected.size()), expected);
}

TEST(Compression, UncompressedRequiresTheExactSize) {
  auto codec = make_codec(CompressionCodec::UNCOMPRESSED);
  const Bytes data = {1, 2, 3};
  Bytes out(4);
  EXPECT_THROW(codec->decompress(data, out.data(), 4), ParquetError);
  codec->decompress(data, out.data(), 3);
  EXPECT_EQ(Bytes(out.begin(), out.begin() + 3), data);
}

}  // namespace
}  // namespace crv::parquet
