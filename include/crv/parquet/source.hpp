#pragma once
/// @file
/// Where the Parquet reader gets its bytes: random access by offset, as footers, column chunks
/// and page indexes live at known offsets.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "crv/export.hpp"

namespace crv::parquet {

/// Where FileReader reads a file's bytes from, by position.
class CRV_IO_EXPORT RandomAccessSource {
 public:
  virtual ~RandomAccessSource() = default;
  [[nodiscard]] virtual int64_t size() const = 0;  ///< the file's size in bytes
  /// Reads exactly `size` bytes at `offset` into `out`; throws ParquetError when the range is
  /// outside the file or the read fails.
  virtual void read_at(int64_t offset, size_t size, uint8_t* out) const = 0;
  /// A name for error messages (usually the path).
  [[nodiscard]] virtual const std::string& name() const = 0;
};

/// A file held in memory.
class CRV_IO_EXPORT MemorySource final : public RandomAccessSource {
 public:
  /// The file `bytes`, called `name` in messages.
  explicit MemorySource(std::vector<uint8_t> bytes, std::string name = "<memory>");
  [[nodiscard]] int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }
  void read_at(int64_t offset, size_t size, uint8_t* out) const override;
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  std::vector<uint8_t> bytes_;
  std::string name_;
};

/// A local file read with pread.
class CRV_IO_EXPORT FileSource final : public RandomAccessSource {
 public:
  /// Opens `path` read-only (ParquetError naming it when that fails).
  static std::shared_ptr<FileSource> open(const std::filesystem::path& path);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  [[nodiscard]] int64_t size() const override { return size_; }
  void read_at(int64_t offset, size_t size, uint8_t* out) const override;
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  FileSource(int fd, int64_t size, std::string name);
  int fd_;
  int64_t size_;
  std::string name_;
};

}  // namespace crv::parquet
