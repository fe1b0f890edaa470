// The POSIX implementation of Env: open/write/fsync/rename and directory fsync.

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "crv/io/env.hpp"

namespace crv::io {
namespace {

constexpr std::size_t kWriteBufferSize = 64 * 1024;

// The calls that only look at what is stored; every other call changes it.
bool is_read_operation(std::string_view operation) {
  return operation == "open for reading" || operation == "read" || operation == "stat" || operation == "list directory";
}

[[noreturn]] void throw_errno(std::string_view operation, const std::filesystem::path& path, int error) {
  const std::string message = std::string(operation) + " '" + path.string() + "': " + std::strerror(error);
  if (is_read_operation(operation)) throw IoReadError(message, error);
  throw IoWriteError(message, error);
}

int open_or_throw(const std::filesystem::path& path, int flags, std::string_view operation, mode_t mode = 0644) {
  int fd;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) throw_errno(operation, path, errno);
  return fd;
}

const char* file_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a directory";
  return "not a regular file";
}

// Opens a file for reading that must be a regular file. O_NONBLOCK makes the open of a FIFO
// (or a device) return at once instead of waiting for a writer; fstat then refuses anything
// that is not S_ISREG. O_NONBLOCK has no effect on reads of regular files, so it stays set.
// Returns the descriptor and its size.
std::pair<int, std::uint64_t> open_regular_for_reading(const std::filesystem::path& path) {
  const int fd = open_or_throw(path, O_RDONLY | O_NONBLOCK, "open for reading");
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    throw_errno("stat", path, error);
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    throw IoReadError("open for reading '" + path.string() + "': " + file_kind(info.st_mode) +
                          ", not a regular file (refused without reading it)",
                      ErrorKind::InvalidArgument, EINVAL);
  }
  return {fd, static_cast<std::uint64_t>(info.st_size)};
}

struct stat stat_or_throw(const std::filesystem::path& path, std::string_view operation) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw_errno(operation, path, errno);
  return info;
}

// Writes all bytes, retrying partial writes and EINTR.
void write_all(int fd, const char* data, std::size_t size, const std::filesystem::path& path) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      throw_errno("write", path, errno);
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::filesystem::path path, int fd, std::uint64_t position)
      : path_(std::move(path)), fd_(fd), position_(position) {
    buffer_.reserve(kWriteBufferSize);
  }

  ~PosixWritableFile() override {
    if (fd_ < 0) return;
    try {
      flush_buffer();
    } catch (const IoError&) {
      // A destructor cannot report; callers that care call close() and see the error.
    }
    ::close(fd_);
  }

  PosixWritableFile(const PosixWritableFile&) = delete;
  PosixWritableFile& operator=(const PosixWritableFile&) = delete;

  void append(const void* data, std::size_t size) override {
    check_open("write");
    const char* bytes = static_cast<const char*>(data);
    if (buffer_.size() + size > kWriteBufferSize) flush_buffer();
    if (size >= kWriteBufferSize) {
      write_all(fd_, bytes, size, path_);
    } else {
      buffer_.append(bytes, size);
    }
    position_ += size;
  }

  void flush() override {
    check_open("flush");
    flush_buffer();
  }

  void sync() override {
    check_open("fsync");
    flush_buffer();
    if (::fsync(fd_) != 0) throw_errno("fsync", path_, errno);
  }

  void sync_flushed() override {
    const int fd = fd_;  // the buffer is not touched: appends may run meanwhile
    if (fd < 0) throw IoWriteError("fsync '" + path_.string() + "': file is closed", ErrorKind::InvalidArgument);
    if (::fdatasync(fd) != 0) throw_errno("fsync", path_, errno);
  }

  void close() override {
    if (fd_ < 0) return;
    flush_buffer();
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw_errno("close", path_, errno);
  }

  void write_at(std::uint64_t offset, const void* data, std::size_t size) override {
    check_open("write");
    if (!positional_) WritableFile::write_at(offset, data, size);
    const char* bytes = static_cast<const char*>(data);
    while (size > 0) {
      const ssize_t written = ::pwrite(fd_, bytes, size, static_cast<off_t>(offset));
      if (written < 0) {
        if (errno == EINTR) continue;
        throw_errno("write", path_, errno);
      }
      bytes += written;
      offset += static_cast<std::uint64_t>(written);
      size -= static_cast<std::size_t>(written);
    }
  }

  std::uint64_t position() const override { return position_; }
  const std::filesystem::path& path() const override { return path_; }
  void allow_positional_writes() { positional_ = true; }

 private:
  void check_open(std::string_view operation) const {
    if (fd_ < 0)
      throw IoWriteError(std::string(operation) + " '" + path_.string() + "': file is closed",
                         ErrorKind::InvalidArgument);
  }

  void flush_buffer() {
    if (buffer_.empty()) return;
    // Clear first: a failed write must not be retried with stale bytes by a later close.
    std::string pending;
    pending.swap(buffer_);
    buffer_.reserve(kWriteBufferSize);
    write_all(fd_, pending.data(), pending.size(), path_);
  }

  std::filesystem::path path_;
  int fd_;
  std::uint64_t position_;
  std::string buffer_;
  bool positional_ = false;
};

class PosixRandomAccessFile final : public RandomAccessFile {
 public:
  PosixRandomAccessFile(std::filesystem::path path, int fd, std::uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  ~PosixRandomAccessFile() override { ::close(fd_); }
  PosixRandomAccessFile(const PosixRandomAccessFile&) = delete;
  PosixRandomAccessFile& operator=(const PosixRandomAccessFile&) = delete;

  std::uint64_t size() const override { return size_; }

  void read_at(std::uint64_t offset, std::size_t size, std::byte* out) const override {
    std::size_t done = 0;
    while (done < size) {
      const ssize_t got = ::pread(fd_, out + done, size - done, static_cast<off_t>(offset + done));
      if (got < 0) {
        if (errno == EINTR) continue;
        throw_errno("read", path_, errno);
      }
      if (got == 0) {
        throw IoReadError("read '" + path_.string() + "': unexpected end of file reading " + std::to_string(size) +
                          " bytes at offset " + std::to_string(offset) + " (file size " + std::to_string(size_) + ")");
      }
      done += static_cast<std::size_t>(got);
    }
  }

  const std::filesystem::path& path() const override { return path_; }

 private:
  std::filesystem::path path_;
  int fd_;
  std::uint64_t size_;
};

class PosixFileLock final : public FileLock {
 public:
  PosixFileLock(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixFileLock() override {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
  PosixFileLock(const PosixFileLock&) = delete;
  PosixFileLock& operator=(const PosixFileLock&) = delete;

  const std::filesystem::path& path() const override { return path_; }

 private:
  std::filesystem::path path_;
  int fd_;
};

class PosixEnv final : public Env {
 public:
  std::unique_ptr<WritableFile> new_writable_file(const std::filesystem::path& path, WriteMode mode) override {
    int flags = O_WRONLY | O_CREAT;
    if (mode == WriteMode::Truncate) flags |= O_TRUNC;
    if (mode == WriteMode::Append) flags |= O_APPEND;
    const int fd = open_or_throw(path, flags, "open for writing");
    std::uint64_t position = 0;
    if (mode == WriteMode::Overwrite) {
      auto file = std::make_unique<PosixWritableFile>(path, fd, 0);
      file->allow_positional_writes();
      return file;
    }
    if (mode == WriteMode::Append) {
      struct stat info {};
      if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        throw_errno("stat", path, error);
      }
      position = static_cast<std::uint64_t>(info.st_size);
    }
    return std::make_unique<PosixWritableFile>(path, fd, position);
  }

  std::unique_ptr<RandomAccessFile> new_random_access_file(const std::filesystem::path& path) override {
    const auto [fd, size] = open_regular_for_reading(path);
    return std::make_unique<PosixRandomAccessFile>(path, fd, size);
  }

  std::string read_file(const std::filesystem::path& path) override {
    const int fd = open_regular_for_reading(path).first;
    std::string contents;
    char chunk[64 * 1024];
    for (;;) {
      const ssize_t got = ::read(fd, chunk, sizeof chunk);
      if (got < 0) {
        if (errno == EINTR) continue;
        const int error = errno;
        ::close(fd);
        throw_errno("read", path, error);
      }
      if (got == 0) break;
      contents.append(chunk, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return contents;
  }

  void rename_file(const std::filesystem::path& from, const std::filesystem::path& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) {
      throw_errno("rename to '" + to.string() + "' from", from, errno);
    }
  }

  void remove_file(const std::filesystem::path& path) override {
    if (::unlink(path.c_str()) != 0) throw_errno("remove", path, errno);
  }

  void create_dirs(const std::filesystem::path& path) override {
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error) throw_errno("create directory", path, error.value());
  }

  void sync_dir(const std::filesystem::path& path) override {
    const std::filesystem::path dir = path.empty() ? std::filesystem::path(".") : path;
    const int fd = open_or_throw(dir, O_RDONLY | O_DIRECTORY, "open directory");
    if (::fsync(fd) != 0) {
      const int error = errno;
      ::close(fd);
      throw_errno("fsync directory", dir, error);
    }
    ::close(fd);
  }

  std::vector<std::string> list_dir(const std::filesystem::path& path) override {
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) throw_errno("list directory", path, errno);
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* entry = ::readdir(dir)) {
      const std::string_view name = entry->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
      errno = 0;
    }
    const int error = errno;
    ::closedir(dir);
    if (error != 0) throw_errno("list directory", path, error);
    std::sort(names.begin(), names.end());
    return names;
  }

  bool file_exists(const std::filesystem::path& path) override {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) return true;
    if (errno == ENOENT || errno == ENOTDIR) return false;
    throw_errno("stat", path, errno);
  }

  bool is_directory(const std::filesystem::path& path) override {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) return S_ISDIR(info.st_mode);
    if (errno == ENOENT || errno == ENOTDIR) return false;
    throw_errno("stat", path, errno);
  }

  std::uint64_t file_size(const std::filesystem::path& path) override {
    return static_cast<std::uint64_t>(stat_or_throw(path, "stat").st_size);
  }

  FileIdentity file_identity(const std::filesystem::path& path) override {
    const struct stat info = stat_or_throw(path, "stat");
    FileIdentity identity;
    identity.device = static_cast<std::uint64_t>(info.st_dev);
    identity.inode = static_cast<std::uint64_t>(info.st_ino);
    identity.size = static_cast<std::uint64_t>(info.st_size);
    identity.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
                        static_cast<std::int64_t>(info.st_mtim.tv_nsec);
    return identity;
  }

  std::unique_ptr<FileLock> lock_file(const std::filesystem::path& path) override {
    return lock_file_with(path, LockMode::Exclusive, true);
  }

  std::unique_ptr<FileLock> lock_file_with(const std::filesystem::path& path, LockMode mode, bool wait) override {
    const int fd = open_or_throw(path, O_RDWR | O_CREAT, "open lock file");
    const int operation = (mode == LockMode::Shared ? LOCK_SH : LOCK_EX) | (wait ? 0 : LOCK_NB);
    while (::flock(fd, operation) != 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      if (!wait && error == EWOULDBLOCK) return nullptr;
      throw_errno("lock", path, error);
    }
    return std::make_unique<PosixFileLock>(path, fd);
  }
};

}  // namespace

Env& Env::posix() {
  static PosixEnv env;
  return env;
}

}  // namespace crv::io
