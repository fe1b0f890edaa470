#include "parquet/encoding/byte_stream_split.hpp"

#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "crv/parquet/error.hpp"

namespace crv::parquet::encoding {
namespace {

// Width known at compile time: each value is assembled from its W streams and stored whole
// (sequential stores instead of W strided byte stores per value).
template <size_t W>
void decode_streams(const uint8_t* data, size_t count, size_t first, size_t n, uint8_t* out) {
  const uint8_t* streams[W];
  for (size_t k = 0; k < W; ++k) streams[k] = data + k * count + first;
  size_t start = 0;
#if defined(__SSE2__)
  if constexpr (W == 4 || W == 8) {
    // 16 values at a time: the 16-byte blocks of the W streams interleaved by unpacking.
    const auto load = [&](size_t k, size_t i) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(streams[k] + i));
    };
    const auto store = [&](size_t value, __m128i v) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + value * W), v);
    };
    for (; start + 16 <= n; start += 16) {
      const size_t i = start;
      const __m128i s0 = load(0, i), s1 = load(1, i), s2 = load(2, i), s3 = load(3, i);
      const __m128i p01 = _mm_unpacklo_epi8(s0, s1), h01 = _mm_unpackhi_epi8(s0, s1);
      const __m128i p23 = _mm_unpacklo_epi8(s2, s3), h23 = _mm_unpackhi_epi8(s2, s3);
      // Bytes 0-3 of values i..i+3, i+4..i+7, i+8..i+11, i+12..i+15.
      const __m128i a0 = _mm_unpacklo_epi16(p01, p23), a1 = _mm_unpackhi_epi16(p01, p23);
      const __m128i a2 = _mm_unpacklo_epi16(h01, h23), a3 = _mm_unpackhi_epi16(h01, h23);
      if constexpr (W == 4) {
        store(i, a0);
        store(i + 4, a1);
        store(i + 8, a2);
        store(i + 12, a3);
      } else {
        const __m128i s4 = load(4, i), s5 = load(5, i), s6 = load(6, i), s7 = load(7, i);
        const __m128i p45 = _mm_unpacklo_epi8(s4, s5), h45 = _mm_unpackhi_epi8(s4, s5);
        const __m128i p67 = _mm_unpacklo_epi8(s6, s7), h67 = _mm_unpackhi_epi8(s6, s7);
        // Bytes 4-7 of the same values.
        const __m128i b0 = _mm_unpacklo_epi16(p45, p67), b1 = _mm_unpackhi_epi16(p45, p67);
        const __m128i b2 = _mm_unpacklo_epi16(h45, h67), b3 = _mm_unpackhi_epi16(h45, h67);
        store(i, _mm_unpacklo_epi32(a0, b0));
        store(i + 2, _mm_unpackhi_epi32(a0, b0));
        store(i + 4, _mm_unpacklo_epi32(a1, b1));
        store(i + 6, _mm_unpackhi_epi32(a1, b1));
        store(i + 8, _mm_unpacklo_epi32(a2, b2));
        store(i + 10, _mm_unpackhi_epi32(a2, b2));
        store(i + 12, _mm_unpacklo_epi32(a3, b3));
        store(i + 14, _mm_unpackhi_epi32(a3, b3));
      }
    }
  }
#endif
  for (size_t i = start; i < n; ++i) {
    uint8_t value[W];
    for (size_t k = 0; k < W; ++k) value[k] = streams[k][i];
    std::memcpy(out + i * W, value, W);
  }
}

}  // namespace

void byte_stream_split_encode(const uint8_t* values, size_t n, size_t width, std::vector<uint8_t>& out) {
  if (n == 0) return;
  const size_t start = out.size();
  out.resize(start + n * width);
  uint8_t* dst = out.data() + start;
  for (size_t k = 0; k < width; ++k) {
    uint8_t* stream = dst + k * n;
    const uint8_t* src = values + k;
    for (size_t i = 0; i < n; ++i) stream[i] = src[i * width];
  }
}

void byte_stream_split_decode(const uint8_t* data, size_t size, size_t width, size_t first, size_t n, uint8_t* out) {
  if (width == 0 || size % width != 0) {
    throw ParquetError("BYTE_STREAM_SPLIT: " + std::to_string(size) + " bytes are not a whole number of " +
                       std::to_string(width) + "-byte values");
  }
  const size_t count = size / width;
  if (first > count || n > count - first) {
    throw ParquetError("BYTE_STREAM_SPLIT: values [" + std::to_string(first) + ", " + std::to_string(first) + "+" +
                       std::to_string(n) + ") exceed the " + std::to_string(count) + " values present");
  }
  if (n == 0) return;
  if (width == 8) return decode_streams<8>(data, count, first, n, out);
  if (width == 4) return decode_streams<4>(data, count, first, n, out);
  if (width == 2) return decode_streams<2>(data, count, first, n, out);
  for (size_t k = 0; k < width; ++k) {
    const uint8_t* stream = data + k * count + first;
    uint8_t* dst = out + k;
    for (size_t i = 0; i < n; ++i) dst[i * width] = stream[i];
  }
}

}  // namespace crv::parquet::encoding
