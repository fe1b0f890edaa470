#include <crv/frame/buffer.hpp>
#include <crv/frame/error.hpp>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <new>
#include <string>
#include <utility>
#include <vector>

namespace crv::frame {
namespace {

int64_t round_up_to_alignment(int64_t size) {
  return (size + kBufferAlignment - 1) / kBufferAlignment * kBufferAlignment;
}

// Blocks of at least this many bytes are kept for reuse when freed.
constexpr int64_t kMinReusedBlock = int64_t{1} << 20;
// The most bytes kept in freed blocks at a time.
constexpr int64_t kMaxRetainedBytes = int64_t{128} << 20;

// Large blocks freed by buffers, handed to the next allocation they fit (as jemalloc and
// mimalloc keep freed memory): the C library returns large blocks to the kernel, which
// then zeroes every page again on the next first touch, and that page clearing dominated
// reads that build large columns one after another. Bounded by kMaxRetainedBytes, oldest
// blocks released first.
class ReusedBlocks {
 public:
  // A block of [min_capacity, max_capacity] bytes, or null; sets *capacity to its size.
  uint8_t* take(int64_t min_capacity, int64_t max_capacity, int64_t* capacity) {
    if (min_capacity < kMinReusedBlock) return nullptr;
    const std::lock_guard guard(mutex_);
    size_t best = blocks_.size();
    for (size_t i = 0; i < blocks_.size(); ++i) {
      const int64_t size = blocks_[i].capacity;
      if (size >= min_capacity && size <= max_capacity && (best == blocks_.size() || size < blocks_[best].capacity)) {
        best = i;
      }
    }
    if (best == blocks_.size()) return nullptr;
    const Block block = blocks_[best];
    blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(best));
    retained_ -= block.capacity;
    *capacity = block.capacity;
    return block.data;
  }

  // Keeps the block for reuse, or frees it.
  void give(uint8_t* data, int64_t capacity) {
    if (data == nullptr) return;
    if (capacity < kMinReusedBlock || capacity > kMaxRetainedBytes) {
      std::free(data);
      return;
    }
    std::vector<uint8_t*> released;
    {
      const std::lock_guard guard(mutex_);
      while (retained_ + capacity > kMaxRetainedBytes) {
        released.push_back(blocks_.front().data);
        retained_ -= blocks_.front().capacity;
        blocks_.erase(blocks_.begin());
      }
      blocks_.push_back({data, capacity});
      retained_ += capacity;
    }
    for (uint8_t* block : released) std::free(block);
  }

 private:
  struct Block {
    uint8_t* data;
    int64_t capacity;
  };
  std::mutex mutex_;
  std::vector<Block> blocks_;  // oldest first
  int64_t retained_ = 0;
};

// Never destroyed: buffers may be freed during static destruction.
ReusedBlocks& reused_blocks() {
  static ReusedBlocks* blocks = new ReusedBlocks();
  return *blocks;
}

// Blocks of at least this many bytes are placed on 2 MiB boundaries and, on Linux, advised
// for transparent huge pages: first touching a large column then costs one fault per 2 MiB
// instead of one per 4 KiB page (a cold 10M-row read spent most of its time in page faults).
constexpr int64_t kHugePageBytes = int64_t{2} << 20;
constexpr int64_t kMinHugeBlock = 2 * kHugePageBytes;

// An aligned block of at least `capacity` bytes (a reused one of at most `max_capacity`);
// sets *actual to its size.
uint8_t* aligned_allocate(int64_t capacity, int64_t max_capacity, int64_t* actual) {
  *actual = capacity;
  if (capacity == 0) return nullptr;
  if (uint8_t* reused = reused_blocks().take(capacity, max_capacity, actual)) return reused;
  if (capacity >= kMinHugeBlock) {
    const int64_t rounded = (capacity + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
    void* p = std::aligned_alloc(static_cast<size_t>(kHugePageBytes), static_cast<size_t>(rounded));
    if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(p, static_cast<size_t>(rounded), MADV_HUGEPAGE);  // a hint: failure is harmless
#endif
    *actual = rounded;
    return static_cast<uint8_t*>(p);
  }
  void* p = std::aligned_alloc(static_cast<size_t>(kBufferAlignment), static_cast<size_t>(capacity));
  if (p == nullptr) throw std::bad_alloc();
  return static_cast<uint8_t*>(p);
}

void release(uint8_t* data, int64_t capacity) { reused_blocks().give(data, capacity); }

// A static, aligned, zeroed block so that empty buffers still have a valid data pointer.
alignas(64) const uint8_t kEmptyBytes[64] = {};

}  // namespace

std::shared_ptr<Buffer> Buffer::allocate(int64_t size, bool zero_fill) {
  if (size < 0) throw FrameError("buffer size must be >= 0, got " + std::to_string(size));
  std::shared_ptr<Buffer> buffer(new Buffer());
  const int64_t rounded = round_up_to_alignment(size);
  int64_t capacity = 0;
  buffer->data_ = aligned_allocate(rounded, rounded + rounded / 8, &capacity);
  buffer->size_ = size;
  buffer->capacity_ = capacity;
  buffer->owned_ = true;
  if (capacity > 0) {
    // The bytes asked to be zeroed and the padding up to the next 64-byte boundary (so that
    // exported buffers never expose uninitialised bytes); the rest of the block is never
    // read (it only keeps the block's size for reuse), so it is not touched.
    const int64_t zero_from = zero_fill ? 0 : size;
    const int64_t padded = std::min(rounded, capacity);
    std::memset(buffer->data_ + zero_from, 0, static_cast<size_t>(padded - zero_from));
  } else {
    buffer->data_ = const_cast<uint8_t*>(kEmptyBytes);
    buffer->owned_ = false;
  }
  return buffer;
}

std::shared_ptr<Buffer> Buffer::copy_of(const void* data, int64_t size) {
  auto buffer = allocate(size);
  if (size > 0) std::memcpy(buffer->data_, data, static_cast<size_t>(size));
  return buffer;
}

std::shared_ptr<Buffer> Buffer::wrap(const void* data, int64_t size, std::shared_ptr<void> owner) {
  if (size < 0) throw FrameError("buffer size must be >= 0, got " + std::to_string(size));
  std::shared_ptr<Buffer> buffer(new Buffer());
  buffer->data_ = const_cast<uint8_t*>(data == nullptr ? kEmptyBytes : static_cast<const uint8_t*>(data));
  buffer->size_ = size;
  buffer->capacity_ = size;
  buffer->owned_ = false;
  buffer->owner_ = std::move(owner);
  return buffer;
}

Buffer::~Buffer() {
  if (owned_) release(data_, capacity_);
}

uint8_t* Buffer::mutable_data() {
  if (!owned_ && size_ > 0) throw FrameError("mutable_data() on a wrapped (foreign) buffer");
  return data_;
}

BufferBuilder::~BufferBuilder() { release(data_, capacity_); }

BufferBuilder::BufferBuilder(BufferBuilder&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

BufferBuilder& BufferBuilder::operator=(BufferBuilder&& other) noexcept {
  if (this != &other) {
    release(data_, capacity_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

void BufferBuilder::grow_to(int64_t min_capacity) {
  int64_t capacity = capacity_ < 64 ? 64 : capacity_;
  while (capacity < min_capacity) capacity += capacity / 2 + 64;
  capacity = round_up_to_alignment(capacity);
  uint8_t* fresh = aligned_allocate(capacity, 2 * capacity, &capacity);
  if (size_ > 0) std::memcpy(fresh, data_, static_cast<size_t>(size_));
  release(data_, capacity_);
  data_ = fresh;
  capacity_ = capacity;
}

void BufferBuilder::resize(int64_t new_size, bool zero_fill) {
  if (new_size < 0) throw FrameError("buffer size must be >= 0, got " + std::to_string(new_size));
  if (new_size > capacity_) grow_to(new_size);
  if (zero_fill && new_size > size_) std::memset(data_ + size_, 0, static_cast<size_t>(new_size - size_));
  size_ = new_size;
}

std::shared_ptr<Buffer> BufferBuilder::finish() {
  if (data_ == nullptr) return Buffer::allocate(0);
  std::shared_ptr<Buffer> buffer(new Buffer());
  // Zero the padding up to the next 64-byte boundary, so that exported buffers never
  // expose uninitialised bytes; the rest of the block is never read (it only keeps the
  // block's size for reuse).
  const int64_t padded = std::min(round_up_to_alignment(size_), capacity_);
  if (padded > size_) std::memset(data_ + size_, 0, static_cast<size_t>(padded - size_));
  buffer->data_ = std::exchange(data_, nullptr);
  buffer->size_ = std::exchange(size_, 0);
  buffer->capacity_ = std::exchange(capacity_, 0);
  buffer->owned_ = true;
  return buffer;
}

void BufferBuilder::reset() {
  release(data_, capacity_);
  data_ = nullptr;
  size_ = 0;
  capacity_ = 0;
}

}  // namespace crv::frame
