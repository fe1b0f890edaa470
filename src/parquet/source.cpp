// MemorySource and FileSource (pread) of source.hpp.

#include "crv/parquet/source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "crv/parquet/error.hpp"

namespace crv::parquet {
namespace {

void check_range(const std::string& name, int64_t file_size, int64_t offset, size_t size) {
  if (offset < 0 || offset > file_size || size > static_cast<uint64_t>(file_size - offset)) {
    throw ParquetError::at({.file = name}, "read of " + std::to_string(size) + " bytes at offset " +
                                               std::to_string(offset) + " is outside the file of " +
                                               std::to_string(file_size) + " bytes");
  }
}

}  // namespace

MemorySource::MemorySource(std::vector<uint8_t> bytes, std::string name)
    : bytes_(std::move(bytes)), name_(std::move(name)) {}

void MemorySource::read_at(int64_t offset, size_t size, uint8_t* out) const {
  check_range(name_, static_cast<int64_t>(bytes_.size()), offset, size);
  if (size > 0) std::memcpy(out, bytes_.data() + offset, size);
}

std::shared_ptr<FileSource> FileSource::open(const std::filesystem::path& path) {
  const std::string name = path.string();
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw ParquetError::at({.file = name}, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    throw ParquetError::at({.file = name}, std::string("cannot stat: ") + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    throw ParquetError::at({.file = name}, "not a regular file");
  }
  return std::shared_ptr<FileSource>(new FileSource(fd, static_cast<int64_t>(st.st_size), name));
}

FileSource::FileSource(int fd, int64_t size, std::string name) : fd_(fd), size_(size), name_(std::move(name)) {}

FileSource::~FileSource() { ::close(fd_); }

void FileSource::read_at(int64_t offset, size_t size, uint8_t* out) const {
  check_range(name_, size_, offset, size);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd_, out + done, size - done, static_cast<off_t>(offset) + static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw ParquetError::at({.file = name_}, std::string("read failed: ") + std::strerror(errno));
    }
    if (n == 0) throw ParquetError::at({.file = name_}, "file is shorter than expected (truncated while reading)");
    done += static_cast<size_t>(n);
  }
}

}  // namespace crv::parquet
