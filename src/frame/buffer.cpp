#include <crv/frame/buffer.hpp>
#include <crv/frame/error.hpp>

#include <cstdlib>
#include <new>
#include <string>
#include <utility>

namespace crv::frame {
namespace {

int64_t round_up_to_alignment(int64_t size) { return (size + kBufferAlignment - 1) / kBufferAlignment * kBufferAlignment; }

uint8_t* aligned_allocate(int64_t capacity) {
    if (capacity == 0) return nullptr;
    void* p = std::aligned_alloc(static_cast<size_t>(kBufferAlignment), static_cast<size_t>(capacity));
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<uint8_t*>(p);
}

// A static, aligned, zeroed block so that empty buffers still have a valid data pointer.
alignas(64) const uint8_t kEmptyBytes[64] = {};

}  // namespace

std::shared_ptr<Buffer> Buffer::allocate(int64_t size, bool zero_fill) {
    if (size < 0) throw FrameError("buffer size must be >= 0, got " + std::to_string(size));
    std::shared_ptr<Buffer> buffer(new Buffer());
    const int64_t capacity = round_up_to_alignment(size);
    buffer->data_ = aligned_allocate(capacity);
    buffer->size_ = size;
    buffer->capacity_ = capacity;
    buffer->owned_ = true;
    if (capacity > 0) {
        const int64_t zero_from = zero_fill ? 0 : size;
        std::memset(buffer->data_ + zero_from, 0, static_cast<size_t>(capacity - zero_from));
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
    if (owned_) std::free(data_);
}

uint8_t* Buffer::mutable_data() {
    if (!owned_ && size_ > 0) throw FrameError("mutable_data() on a wrapped (foreign) buffer");
    return data_;
}

BufferBuilder::~BufferBuilder() { std::free(data_); }

BufferBuilder::BufferBuilder(BufferBuilder&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

BufferBuilder& BufferBuilder::operator=(BufferBuilder&& other) noexcept {
    if (this != &other) {
        std::free(data_);
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
    uint8_t* fresh = aligned_allocate(capacity);
    if (size_ > 0) std::memcpy(fresh, data_, static_cast<size_t>(size_));
    std::free(data_);
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
    // Zero the padding so that exported buffers never expose uninitialised bytes.
    if (capacity_ > size_) std::memset(data_ + size_, 0, static_cast<size_t>(capacity_ - size_));
    buffer->data_ = std::exchange(data_, nullptr);
    buffer->size_ = std::exchange(size_, 0);
    buffer->capacity_ = std::exchange(capacity_, 0);
    buffer->owned_ = true;
    return buffer;
}

void BufferBuilder::reset() {
    std::free(data_);
    data_ = nullptr;
    size_ = 0;
    capacity_ = 0;
}

}  // namespace crv::frame
