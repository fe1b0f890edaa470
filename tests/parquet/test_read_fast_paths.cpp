// The decoders' fast paths on the read side: BYTE_STREAM_SPLIT of widths 2, 4 and 8 (16
// values at a time), bit width 1 RLE / bit-packed runs (levels) expanded byte by byte, and
// dictionary-encoded string pages gathered straight into the column, read repeatedly
// (the buffers of one read are reused by the next).

#include <gtest/gtest.h>
#include <crv/frame/builder.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/frame.hpp>
#include <crv/frame/kernels.hpp>
#include <crv/parquet/reader.hpp>
#include <crv/parquet/sink.hpp>
#include <crv/parquet/writer.hpp>

#include <cstdint>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "parquet/encoding/byte_stream_split.hpp"
#include "parquet/encoding/rle_bit_packed_decoder.hpp"
#include "parquet/encoding/rle_bit_packed_encoder.hpp"

namespace crv::parquet {
namespace {

TEST(ReadFastPaths, ByteStreamSplitEveryWidthLengthAndStart) {
  std::mt19937 random(7);
  for (size_t width : {size_t{2}, size_t{4}, size_t{8}}) {
    for (size_t count : {size_t{1}, size_t{15}, size_t{16}, size_t{17}, size_t{33}, size_t{1000}}) {
      std::vector<uint8_t> values(count * width);
      for (uint8_t& b : values) b = static_cast<uint8_t>(random());
      std::vector<uint8_t> encoded;
      encoding::byte_stream_split_encode(values.data(), count, width, encoded);
      for (size_t first : {size_t{0}, size_t{1}, size_t{16}}) {
        if (first > count) continue;
        const size_t n = count - first;
        std::vector<uint8_t> decoded(n * width + 1, 0xAB);
        encoding::byte_stream_split_decode(encoded.data(), encoded.size(), width, first, n, decoded.data());
        ASSERT_EQ(0, std::memcmp(decoded.data(), values.data() + first * width, n * width))
            << "width " << width << " count " << count << " first " << first;
        EXPECT_EQ(decoded.back(), 0xAB) << "wrote past the values";
      }
    }
  }
}

template <class T>
void expect_bit_width_one_runs() {
  // Bit-packed stretches (alternating, random) and RLE runs, read in batches that start and
  // end inside bytes and groups.
  std::mt19937 random(11);
  std::vector<uint64_t> levels;
  for (int i = 0; i < 1000; ++i) levels.push_back(static_cast<uint64_t>(i % 2));
  for (int i = 0; i < 300; ++i) levels.push_back(1);
  for (int i = 0; i < 777; ++i) levels.push_back(random() & 1);
  std::vector<uint8_t> bytes;
  encoding::encode_rle_bit_packed(levels.data(), levels.size(), 1, encoding::RleLengthPrefix::kNone, bytes);
  encoding::RleBitPackedDecoder decoder(bytes.data(), bytes.size(), 1);
  std::vector<T> out(levels.size());
  size_t done = 0;
  for (size_t batch = 1; done < levels.size(); batch = batch * 3 % 61 + 1) {
    const size_t take = std::min(batch, levels.size() - done);
    ASSERT_EQ(decoder.get_batch(out.data() + done, take), take);
    done += take;
  }
  for (size_t i = 0; i < levels.size(); ++i) ASSERT_EQ(static_cast<uint64_t>(out[i]), levels[i]) << "value " << i;
}

TEST(ReadFastPaths, BitWidthOneRunsInEveryOutputType) {
  expect_bit_width_one_runs<uint8_t>();
  expect_bit_width_one_runs<int16_t>();
  expect_bit_width_one_runs<uint32_t>();
  expect_bit_width_one_runs<uint64_t>();
}

TEST(ReadFastPaths, TruncatedBitWidthOneRunYieldsOnlyPresentValues) {
  // A bit-packed run announcing 2 groups (16 values) whose body holds only 1 byte.
  const std::vector<uint8_t> bytes{0x05, 0b10110010};
  encoding::RleBitPackedDecoder decoder(bytes.data(), bytes.size(), 1);
  std::vector<int16_t> out(16, 9);
  ASSERT_EQ(decoder.get_batch(out.data(), 16), 8u);
  EXPECT_EQ(out, (std::vector<int16_t>{0, 1, 0, 0, 1, 1, 0, 1, 9, 9, 9, 9, 9, 9, 9, 9}));
}

frame::Frame string_frame(int64_t rows) {
  frame::StringBuilder names;
  frame::StringBuilder kinds;
  const char* const kinds_of[] = {"self_to_object", "self_to_agent", "agent_to_object", "agent_to_agent",
                                  "object_to_object_and_a_longer_tail"};
  for (int64_t i = 0; i < rows; ++i) {
    if (i % 3 == 1) {
      names.append_null();
    } else {
      names.append("agent_" + std::to_string(i * 7919 % 1000));
    }
    kinds.append(kinds_of[i % 5]);
  }
  return frame::Frame::make({{"name", frame::utf8(), true}, {"kind", frame::utf8(), false}},
                            {names.finish(), kinds.finish()});
}

TEST(ReadFastPaths, DictionaryStringsReadRepeatedlyWithAnyThreadCount) {
  const frame::Frame rows = string_frame(300000);  // past the reused-block size
  WriterOptions options;
  options.row_group_size = 70000;
  MemorySink sink;
  write_frame(rows, sink, options);
  const auto reader = FileReader::open(std::make_shared<MemorySource>(sink.take(), "strings.parquet"));
  ASSERT_EQ(reader->metadata().num_row_groups(), 5);
  for (int threads : {1, 2, 1, 3}) {
    ReadOptions read;
    read.threads = threads;
    const frame::Frame back = reader->read(read);
    ASSERT_TRUE(frame::equals(back, rows)) << threads << " threads";
  }
}

}  // namespace
}  // namespace crv::parquet
