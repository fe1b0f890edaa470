#pragma once

#include <cstdint>
#include <cstring>
#include <memory>

#include "crv/export.hpp"

namespace crv::frame {

/// Alignment of every buffer the frame layer allocates (Arrow recommends 64 bytes).
inline constexpr int64_t kBufferAlignment = 64;

/// A contiguous block of bytes: either memory owned by the buffer (64-byte aligned, the
/// allocation padded to a multiple of 64 bytes), or a wrap of foreign memory kept alive by
/// an owner (Arrow C import). Buffers are shared through std::shared_ptr<Buffer>; once a
/// buffer is part of a Column it must not be mutated.
class CRV_IO_EXPORT Buffer {
 public:
  /// Owned, aligned memory of `size` bytes; the padding past `size` is always zeroed.
  static std::shared_ptr<Buffer> allocate(int64_t size, bool zero_fill = false);
  /// An owned copy of `size` bytes at `data`.
  static std::shared_ptr<Buffer> copy_of(const void* data, int64_t size);
  /// Foreign memory; `owner` is kept alive as long as the buffer is.
  static std::shared_ptr<Buffer> wrap(const void* data, int64_t size, std::shared_ptr<void> owner);

  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  const uint8_t* data() const { return data_; }  ///< the first byte (64-byte aligned when owned)
  /// Only for owned buffers that are still being filled (FrameError on a wrapped buffer).
  uint8_t* mutable_data();
  int64_t size() const { return size_; }  ///< bytes of data
  /// Allocated bytes (>= size) for owned buffers; size for wrapped ones. The bytes from
  /// size to the next multiple of 64 are zero; bytes past that are unspecified. Large
  /// freed blocks are kept (bounded) and reused by later buffers.
  int64_t capacity() const { return capacity_; }
  bool is_owned() const { return owned_; }  ///< allocated here, not wrapped foreign memory

  /// The data as an array of T.
  template <class T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data_);
  }
  /// mutable_data() as an array of T.
  template <class T>
  T* mutable_data_as() {
    return reinterpret_cast<T*>(mutable_data());
  }

 private:
  friend class BufferBuilder;
  Buffer() = default;

  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  bool owned_ = false;
  std::shared_ptr<void> owner_;
};

/// A growable byte buffer with amortised (doubling) growth, 64-byte aligned. Used by the
/// builders and by readers that fill columns in bulk. finish() hands the bytes over as a
/// Buffer without copying and leaves the builder empty.
class CRV_IO_EXPORT BufferBuilder {
 public:
  BufferBuilder() = default;
  /// Empty, with room for `initial_capacity` bytes.
  explicit BufferBuilder(int64_t initial_capacity) { reserve(initial_capacity); }
  ~BufferBuilder();
  BufferBuilder(BufferBuilder&& other) noexcept;             ///< takes over the bytes; `other` is empty
  BufferBuilder& operator=(BufferBuilder&& other) noexcept;  ///< takes over the bytes; `other` is empty
  BufferBuilder(const BufferBuilder&) = delete;
  BufferBuilder& operator=(const BufferBuilder&) = delete;

  /// Makes room for `additional` bytes past the current size.
  void reserve(int64_t additional) {
    if (size_ + additional > capacity_) grow_to(size_ + additional);
  }
  /// Sets the size; new bytes are zeroed when `zero_fill`.
  void resize(int64_t new_size, bool zero_fill = true);
  /// Appends `length` bytes.
  void append(const void* bytes, int64_t length) {
    reserve(length);
    if (length > 0) std::memcpy(data_ + size_, bytes, static_cast<size_t>(length));
    size_ += length;
  }
  /// Appends `length` copies of `byte`.
  void append_fill(uint8_t byte, int64_t length) {
    reserve(length);
    if (length > 0) std::memset(data_ + size_, byte, static_cast<size_t>(length));
    size_ += length;
  }
  /// Appends the bytes of `value`.
  template <class T>
  void append_value(const T& value) {
    reserve(static_cast<int64_t>(sizeof(T)));
    std::memcpy(data_ + size_, &value, sizeof(T));
    size_ += static_cast<int64_t>(sizeof(T));
  }
  /// Appends without checking capacity: call reserve() first.
  template <class T>
  void unsafe_append_value(const T& value) {
    std::memcpy(data_ + size_, &value, sizeof(T));
    size_ += static_cast<int64_t>(sizeof(T));
  }

  int64_t size() const { return size_; }          ///< bytes appended
  int64_t capacity() const { return capacity_; }  ///< bytes allocated
  const uint8_t* data() const { return data_; }   ///< the first byte
  uint8_t* mutable_data() { return data_; }       ///< the first byte, writable
  /// The bytes as an array of T, writable.
  template <class T>
  T* mutable_data_as() {
    return reinterpret_cast<T*>(data_);
  }
  /// The bytes as an array of T.
  template <class T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data_);
  }

  /// The bytes appended so far as a Buffer (never null, possibly of size 0); resets.
  std::shared_ptr<Buffer> finish();
  /// Drops the content, keeps nothing allocated.
  void reset();

 private:
  void grow_to(int64_t min_capacity);

  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
};

}  // namespace crv::frame
