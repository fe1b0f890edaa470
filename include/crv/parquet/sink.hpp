#pragma once
/// @file
/// Where the Parquet writer puts its bytes. The caller owns the sink, so the io layer can
/// fsync and rename the file it wraps; the writer only appends.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "crv/export.hpp"

namespace crv::parquet {

/// Where FileWriter writes a file's bytes, in order.
class CRV_IO_EXPORT OutputSink {
 public:
  virtual ~OutputSink() = default;
  /// Appends `size` bytes. Throws on failure (ParquetError, or the caller's own error type).
  virtual void write(const void* data, size_t size) = 0;
  /// Bytes written so far.
  [[nodiscard]] virtual int64_t position() const = 0;
};

/// Collects the file in memory (tests, small files, and the io layer when it wants to
/// write the file through its own Env in one call).
class CRV_IO_EXPORT MemorySink final : public OutputSink {
 public:
  void write(const void* data, size_t size) override;
  [[nodiscard]] int64_t position() const override { return static_cast<int64_t>(bytes_.size()); }
  [[nodiscard]] const std::vector<uint8_t>& bytes() const { return bytes_; }  ///< the bytes written so far
  std::vector<uint8_t> take() { return std::move(bytes_); }                   ///< moves the bytes out

 private:
  std::vector<uint8_t> bytes_;
};

/// Writes to a file descriptor opened by the caller (no fsync, no close: the caller's job).
class CRV_IO_EXPORT FileDescriptorSink final : public OutputSink {
 public:
  /// Writes to `fd`; `path_for_errors` names the file in ParquetError messages.
  FileDescriptorSink(int fd, std::string path_for_errors);
  void write(const void* data, size_t size) override;
  [[nodiscard]] int64_t position() const override { return position_; }

 private:
  int fd_;
  std::string path_;
  int64_t position_ = 0;
};

}  // namespace crv::parquet
