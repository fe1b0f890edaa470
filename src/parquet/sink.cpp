#include "crv/parquet/sink.hpp"

#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <string>

#include "crv/parquet/error.hpp"

namespace crv::parquet {

void MemorySink::write(const void* data, size_t size) {
  if (size == 0) return;
  const auto* bytes = static_cast<const uint8_t*>(data);
  bytes_.insert(bytes_.end(), bytes, bytes + size);
}

FileDescriptorSink::FileDescriptorSink(int fd, std::string path_for_errors)
    : fd_(fd), path_(std::move(path_for_errors)) {}

void FileDescriptorSink::write(const void* data, size_t size) {
  const auto* bytes = static_cast<const uint8_t*>(data);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd_, bytes + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      throw ParquetError::at({.file = path_}, "write of " + std::to_string(size - done) + " bytes at offset " +
                                                  std::to_string(position_) + " failed: " + std::strerror(error));
    }
    done += static_cast<size_t>(n);
    position_ += n;
  }
}

}  // namespace crv::parquet
