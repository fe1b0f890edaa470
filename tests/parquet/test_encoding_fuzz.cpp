// Random and mutated inputs for every decoder: each either decodes or throws ParquetError,
// never crashes (run under ASan/UBSan to make that strict). Plus large bulk inputs as a
// sanity check that bulk decoding is fast (no timing asserts).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/encoding/bit_packed_levels.hpp"
#include "parquet/encoding/byte_stream_split.hpp"
#include "parquet/encoding/delta_binary_packed.hpp"
#include "parquet/encoding/delta_byte_array.hpp"
#include "parquet/encoding/delta_length_byte_array.hpp"
#include "parquet/encoding/dictionary_decoder.hpp"
#include "parquet/encoding/dictionary_encoder.hpp"
#include "parquet/encoding/plain.hpp"
#include "parquet/encoding/rle_bit_packed_decoder.hpp"
#include "parquet/encoding/rle_bit_packed_encoder.hpp"

namespace crv::parquet::encoding {
namespace {

constexpr size_t kMaxValues = 2000;

// Runs one decode; corrupt input may throw ParquetError, nothing else.
template <typename F>
void attempt(F&& decode) {
  try {
    decode();
  } catch (const ParquetError&) {
  }
}

// Runs `decode` over random byte strings and over mutations of `valid`.
void fuzz(const std::vector<uint8_t>& valid,
          const std::function<void(const uint8_t*, size_t, std::mt19937_64&)>& decode, uint64_t seed) {
  std::mt19937_64 rng(seed);
  for (int iteration = 0; iteration < 1500; ++iteration) {
    std::vector<uint8_t> input;
    if (iteration % 2 == 0 || valid.empty()) {
      input.resize(rng() % 300);
      for (auto& b : input) b = static_cast<uint8_t>(rng());
    } else {
      input = valid;
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int f = 0; f < flips; ++f) input[rng() % input.size()] = static_cast<uint8_t>(rng());
      if (rng() % 3 == 0) input.resize(rng() % (input.size() + 1));
    }
    // Copy into an exactly sized heap buffer so that over-reads are visible to sanitizers.
    std::unique_ptr<uint8_t[]> exact(new uint8_t[input.size() + (input.empty() ? 1 : 0)]);
    if (!input.empty()) std::memcpy(exact.get(), input.data(), input.size());
    try {
      decode(exact.get(), input.size(), rng);
    } catch (const ParquetError&) {
      // expected for corrupt input
    }
  }
}

TEST(EncodingFuzz, RleBitPackedHybrid) {
  std::vector<uint32_t> values(1000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<uint32_t>((i / 13) % 7 + (i % 5 == 0 ? i % 3 : 0));
  std::vector<uint8_t> valid;
  encode_rle_bit_packed(values.data(), values.size(), 4, RleLengthPrefix::kFourBytes, valid);
  std::vector<uint64_t> out64(kMaxValues);
  std::vector<int16_t> out16(kMaxValues);
  fuzz(
      valid,
      [&](const uint8_t* data, size_t size, std::mt19937_64& rng) {
        const int width = static_cast<int>(rng() % 65);
        const size_t skip = rng() % 50;
        const int level_width = static_cast<int>(rng() % 17);
        attempt([&] {
          const LengthPrefixedRuns runs = read_length_prefixed_runs(data, size);
          RleBitPackedDecoder decoder(runs.data, runs.size, width);
          (void)decoder.skip(skip);
          (void)decoder.get_batch(out64.data(), kMaxValues);
        });
        attempt([&] {
          // The same bytes without the prefix: the mutated valid input stays valid-looking.
          RleBitPackedDecoder levels(data + std::min<size_t>(size, 4), size - std::min<size_t>(size, 4), level_width);
          (void)levels.get_batch(out16.data(), kMaxValues);
        });
        attempt([&] {
          RleBitPackedDecoder indices = make_dictionary_index_decoder(data, size);
          (void)indices.get_batch(out64.data(), kMaxValues);
        });
      },
      1);
}

TEST(EncodingFuzz, BitPackedLevels) {
  std::vector<uint16_t> out(kMaxValues);
  fuzz(
      {},
      [&](const uint8_t* data, size_t size, std::mt19937_64& rng) {
        decode_bit_packed_levels(data, size, static_cast<int>(rng() % 17), out.data(), rng() % kMaxValues);
      },
      2);
}

TEST(EncodingFuzz, Plain) {
  std::vector<std::string> strings = {"alpha", "", "beta", "gamma-delta"};
  std::vector<ByteArrayView> views;
  for (const auto& s : strings)
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  std::vector<uint8_t> valid;
  plain_encode_byte_arrays(views.data(), views.size(), valid);
  std::vector<ByteArrayView> view_out(kMaxValues);
  std::vector<double> doubles(kMaxValues);
  std::vector<uint8_t> bools(kMaxValues);
  fuzz(
      valid,
      [&](const uint8_t* data, size_t size, std::mt19937_64& rng) {
        const size_t n = rng() % 10;
        const size_t num_doubles = rng() % 40;
        const size_t bit_offset = rng() % 16;
        const size_t num_bools = rng() % 300;
        attempt([&] {
          ByteArrayOutput out;
          plain_decode_byte_arrays(data, size, n, out);
        });
        attempt([&] { plain_decode_byte_array_views(data, size, n, view_out.data()); });
        attempt([&] { plain_decode(data, size, doubles.data(), num_doubles); });
        attempt([&] { plain_decode_booleans(data, size, bit_offset, bools.data(), num_bools); });
      },
      3);
}

TEST(EncodingFuzz, DeltaBinaryPacked) {
  std::vector<int64_t> values(700);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int64_t>(i * 31 % 1000) - 400;
  std::vector<uint8_t> valid;
  delta_binary_packed_encode(values.data(), values.size(), valid);
  std::vector<int64_t> out64(kMaxValues);
  std::vector<int32_t> out32(kMaxValues);
  fuzz(
      valid,
      [&](const uint8_t* data, size_t size, std::mt19937_64&) {
        attempt([&] {
          DeltaBinaryPackedDecoder<int64_t> decoder(data, size);
          (void)decoder.get_batch(out64.data(), kMaxValues);
        });
        attempt([&] {
          DeltaBinaryPackedDecoder<int32_t> decoder(data, size);
          (void)decoder.get_batch(out32.data(), kMaxValues);
        });
        attempt([&] {
          DeltaBinaryPackedDecoder<int32_t> walker(data, size);
          (void)walker.skip_to_end();
        });
      },
      4);
}

TEST(EncodingFuzz, DeltaByteArrays) {
  std::vector<std::string> strings;
  for (int i = 0; i < 200; ++i) strings.push_back("prefix/" + std::to_string(i * 7919 % 1000));
  std::vector<ByteArrayView> views;
  for (const auto& s : strings)
    views.push_back({reinterpret_cast<const uint8_t*>(s.data()), static_cast<uint32_t>(s.size())});
  std::vector<uint8_t> valid_length;
  delta_length_byte_array_encode(views.data(), views.size(), valid_length);
  std::vector<uint8_t> valid_front;
  delta_byte_array_encode(views.data(), views.size(), valid_front);
  std::vector<uint8_t> fixed_out(kMaxValues * 8);
  fuzz(
      valid_length,
      [&](const uint8_t* data, size_t size, std::mt19937_64&) {
        DeltaLengthByteArrayDecoder decoder(data, size);
        ByteArrayOutput out;
        (void)decoder.get_batch(kMaxValues, out);
      },
      5);
  fuzz(
      valid_front,
      [&](const uint8_t* data, size_t size, std::mt19937_64& rng) {
        DeltaByteArrayDecoder decoder(data, size);
        if (rng() % 2 == 0) {
          ByteArrayOutput out;
          (void)decoder.get_batch(kMaxValues, out);
        } else {
          (void)decoder.get_batch_fixed(fixed_out.data(), 8, kMaxValues);
        }
      },
      6);
}

TEST(EncodingFuzz, ByteStreamSplitAndDictionaryGather) {
  std::vector<uint8_t> out(kMaxValues * 8);
  std::vector<int32_t> dictionary = {1, 2, 3};
  std::vector<uint32_t> indices(kMaxValues);
  std::vector<int32_t> gathered(kMaxValues);
  fuzz(
      {},
      [&](const uint8_t* data, size_t size, std::mt19937_64& rng) {
        const size_t width = 1 + rng() % 8;
        const size_t first = rng() % 64;
        const size_t count = rng() % 64;
        attempt([&] { byte_stream_split_decode(data, size, width, first, count, out.data()); });
        attempt([&] {
          RleBitPackedDecoder decoder = make_dictionary_index_decoder(data, size);
          const size_t n = decoder.get_batch(indices.data(), kMaxValues);
          dictionary_gather(dictionary.data(), dictionary.size(), indices.data(), n, gathered.data());
        });
      },
      7);
}

TEST(EncodingBulk, LargeInputsDecode) {
  // 4M definition levels with long runs and noise.
  const size_t n = size_t{4} << 20;
  std::vector<int16_t> levels(n);
  for (size_t i = 0; i < n; ++i) levels[i] = static_cast<int16_t>((i / 1000) % 2 == 0 ? 1 : (i * 2654435761u >> 7) & 1);
  std::vector<uint8_t> encoded;
  encode_rle_bit_packed(levels.data(), n, 1, RleLengthPrefix::kFourBytes, encoded);
  const LengthPrefixedRuns runs = read_length_prefixed_runs(encoded.data(), encoded.size());
  RleBitPackedDecoder decoder(runs.data, runs.size, 1);
  std::vector<int16_t> decoded(n);
  decoder.decode(decoded.data(), n);
  EXPECT_EQ(decoded, levels);

  // 2M dictionary indices of width 11 and the gather.
  std::vector<uint32_t> indices(size_t{2} << 20);
  for (size_t i = 0; i < indices.size(); ++i) indices[i] = static_cast<uint32_t>((i * 2654435761u) % 2000);
  std::vector<uint8_t> index_page;
  encode_dictionary_indices(indices.data(), indices.size(), 2000, index_page);
  RleBitPackedDecoder index_decoder = make_dictionary_index_decoder(index_page.data(), index_page.size());
  std::vector<uint32_t> decoded_indices(indices.size());
  index_decoder.decode(decoded_indices.data(), decoded_indices.size());
  EXPECT_EQ(decoded_indices, indices);
  std::vector<double> dictionary(2000);
  for (size_t i = 0; i < dictionary.size(); ++i) dictionary[i] = static_cast<double>(i) * 0.5;
  std::vector<double> values(indices.size());
  dictionary_gather(dictionary.data(), dictionary.size(), decoded_indices.data(), indices.size(), values.data());
  EXPECT_EQ(values[12345], dictionary[indices[12345]]);

  // 2M int64 ticks through DELTA_BINARY_PACKED.
  std::vector<int64_t> ticks(size_t{2} << 20);
  for (size_t i = 0; i < ticks.size(); ++i) ticks[i] = static_cast<int64_t>(i / 3) * 1000 + static_cast<int64_t>(i % 3);
  std::vector<uint8_t> delta;
  delta_binary_packed_encode(ticks.data(), ticks.size(), delta);
  DeltaBinaryPackedDecoder<int64_t> delta_decoder(delta.data(), delta.size());
  std::vector<int64_t> decoded_ticks(ticks.size());
  EXPECT_EQ(delta_decoder.get_batch(decoded_ticks.data(), decoded_ticks.size()), ticks.size());
  EXPECT_EQ(decoded_ticks, ticks);

  // 500k strings through PLAIN into an Arrow-style output.
  std::vector<uint8_t> plain;
  std::vector<std::string> strings(500000);
  std::vector<ByteArrayView> views(strings.size());
  for (size_t i = 0; i < strings.size(); ++i) {
    strings[i] = "agent-" + std::to_string(i);
    views[i] = {reinterpret_cast<const uint8_t*>(strings[i].data()), static_cast<uint32_t>(strings[i].size())};
  }
  plain_encode_byte_arrays(views.data(), views.size(), plain);
  ByteArrayOutput out;
  EXPECT_EQ(plain_decode_byte_arrays(plain.data(), plain.size(), strings.size(), out), plain.size());
  ASSERT_EQ(out.size(), strings.size());
  const ByteArrayView last = out.view(strings.size() - 1);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(last.data), last.size), strings.back());
}

}  // namespace
}  // namespace crv::parquet::encoding
