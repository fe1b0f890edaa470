// Large freed blocks are reused by later buffers; reuse never leaks old bytes where zeroes
// are promised (allocate with zero fill, padding up to 64 bytes).

#include <gtest/gtest.h>
#include <crv/frame/buffer.hpp>

#include <cstdint>
#include <cstring>

namespace crv::frame {
namespace {

constexpr int64_t kLarge = int64_t{3} << 20;

TEST(BufferReuse, FreedLargeBlockServesTheNextAllocation) {
  const uint8_t* first = nullptr;
  {
    BufferBuilder builder;
    builder.append_fill(0x5A, kLarge);
    first = builder.data();
  }
  BufferBuilder again;
  again.reserve(kLarge);
  EXPECT_EQ(again.data(), first);
  EXPECT_GE(again.capacity(), kLarge);
}

TEST(BufferReuse, ZeroFilledAllocationOfAReusedBlockIsZero) {
  {
    auto dirty = Buffer::allocate(kLarge);
    std::memset(dirty->mutable_data(), 0xFF, static_cast<size_t>(kLarge));
  }
  const auto clean = Buffer::allocate(kLarge, /*zero_fill=*/true);
  ASSERT_GE(clean->capacity(), kLarge);
  for (int64_t i = 0; i < clean->capacity(); ++i) ASSERT_EQ(clean->data()[i], 0) << "byte " << i;
}

TEST(BufferReuse, FinishedBufferPaddingIsZeroUpTo64Bytes) {
  {
    BufferBuilder dirty;
    dirty.append_fill(0xEE, kLarge + 1000);
  }
  BufferBuilder builder;
  builder.reserve(kLarge + 1000);
  builder.append_fill(0x11, 1001);
  const auto buffer = builder.finish();
  ASSERT_EQ(buffer->size(), 1001);
  for (int64_t i = 1001; i < 1024; ++i) ASSERT_EQ(buffer->data()[i], 0) << "padding byte " << i;
  EXPECT_EQ(buffer->data()[1000], 0x11);
}

TEST(BufferReuse, SmallBuffersStillZeroTheirWholePadding) {
  const auto buffer = Buffer::allocate(10);
  for (int64_t i = 10; i < buffer->capacity(); ++i) EXPECT_EQ(buffer->data()[i], 0);
  EXPECT_EQ(buffer->capacity(), 64);
}

}  // namespace
}  // namespace crv::frame
