#pragma once
/// @file
/// Env: the only way the io layer touches the filesystem (as LevelDB's Env). The POSIX
/// implementation does real open/write/fsync/rename and directory fsync; tests wrap it
/// in a FaultInjectionEnv that fails chosen calls. Every failure is an IoError (or a
/// subclass) naming the operation and the path, with the errno text.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crv/export.hpp"
#include "crv/io/errors.hpp"

namespace crv::io {

/// A file opened for writing. Writes are buffered; flush() hands them to the OS,
/// sync() also makes them durable (fsync). Destroying an open file flushes and closes it,
/// ignoring errors (call close() to see them).
class CRV_IO_EXPORT WritableFile {
 public:
  virtual ~WritableFile() = default;
  /// Buffers `size` bytes at the end of what was written.
  virtual void append(const void* data, std::size_t size) = 0;
  /// Buffers `bytes` at the end of what was written.
  void append(std::string_view bytes) { append(bytes.data(), bytes.size()); }
  /// Hands the buffered bytes to the OS (write(2)); not durable until sync().
  virtual void flush() = 0;
  /// flush() then fsync.
  virtual void sync() = 0;
  /// fsync only: makes durable what earlier flush() calls handed to the OS. Unlike sync(),
  /// safe to call while another thread appends to and flushes the same file (the append
  /// log's writers fsync outside its lock, so that their fsyncs overlap).
  virtual void sync_flushed() { sync(); }
  /// flush() then close; further calls are errors, a second close() is a no-op.
  virtual void close() = 0;
  /// Writes `size` bytes at `offset`, unbuffered (pwrite), extending the file if needed; for
  /// files opened with WriteMode::Overwrite, whose writers track their own positions. An
  /// IoError for other files.
  virtual void write_at(std::uint64_t offset, const void* data, std::size_t size) {
    (void)offset, (void)data, (void)size;
    throw IoWriteError("write_at '" + path().string() + "': the file was not opened for positional writes",
                       ErrorKind::InvalidArgument);
  }
  /// Bytes written so far (buffered included), counted from the file's size at open.
  virtual std::uint64_t position() const = 0;
  /// The path it was opened with (for messages).
  virtual const std::filesystem::path& path() const = 0;
};

/// A file opened for positional reads (the Parquet reader's footer and pages).
class CRV_IO_EXPORT RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  /// The size of the file when it was opened.
  virtual std::uint64_t size() const = 0;
  /// Reads exactly `size` bytes at `offset` into `out`; IoError on a short read.
  virtual void read_at(std::uint64_t offset, std::size_t size, std::byte* out) const = 0;
  /// The path it was opened with (for messages).
  virtual const std::filesystem::path& path() const = 0;
};

/// An exclusive advisory lock on a file, released on destruction.
class CRV_IO_EXPORT FileLock {
 public:
  virtual ~FileLock() = default;
  /// The lock file's path.
  virtual const std::filesystem::path& path() const = 0;
};

/// What identifies one version of a file: a rewrite (atomic rename) or an in-place
/// change gives a different identity. Used to invalidate cached manifests.
struct FileIdentity {
  std::uint64_t device = 0;   ///< st_dev
  std::uint64_t inode = 0;    ///< st_ino
  std::uint64_t size = 0;     ///< st_size
  std::int64_t mtime_ns = 0;  ///< modification time, in nanoseconds

  bool operator==(const FileIdentity&) const = default;  ///< the same version of the file
};

/// How lock_file_with takes its lock.
enum class LockMode {
  Exclusive,  ///< one holder at a time
  Shared,     ///< any number of shared holders, none while an exclusive one holds it
};

/// How Env::new_writable_file opens a file.
enum class WriteMode {
  Truncate,   ///< create, or truncate an existing file
  Append,     ///< create, or append to an existing file
  Overwrite,  ///< create, or keep an existing file as it is: positional writes (write_at) only
};

/// Every file system call crv-io makes goes through an Env: Env::posix() is the real file
/// system; tests substitute one that fails or simulates power cuts at a chosen call.
class CRV_IO_EXPORT Env {
 public:
  virtual ~Env() = default;

  /// Opens `path` for writing, creating it (IoWriteError on failure).
  virtual std::unique_ptr<WritableFile> new_writable_file(const std::filesystem::path& path,
                                                          WriteMode mode = WriteMode::Truncate) = 0;
  /// Opens `path` for positional reads (IoReadError on failure; a FIFO or device is refused).
  virtual std::unique_ptr<RandomAccessFile> new_random_access_file(const std::filesystem::path& path) = 0;
  /// The whole content of a file.
  virtual std::string read_file(const std::filesystem::path& path) = 0;

  /// Atomically replaces `to` by `from` (rename(2)).
  virtual void rename_file(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
  /// Removes a file; IoError when it does not exist.
  virtual void remove_file(const std::filesystem::path& path) = 0;
  /// Creates a directory and its missing parents; no error when it exists.
  virtual void create_dirs(const std::filesystem::path& path) = 0;
  /// fsync of a directory (makes renames and creations in it durable).
  virtual void sync_dir(const std::filesystem::path& path) = 0;
  /// Names of the entries of a directory (no "." or ".."), sorted.
  virtual std::vector<std::string> list_dir(const std::filesystem::path& path) = 0;

  /// Whether anything exists at `path`.
  virtual bool file_exists(const std::filesystem::path& path) = 0;
  /// Whether `path` is a directory.
  virtual bool is_directory(const std::filesystem::path& path) = 0;
  /// The size of a file in bytes.
  virtual std::uint64_t file_size(const std::filesystem::path& path) = 0;
  /// The identity of the file's current version (stat(2)).
  virtual FileIdentity file_identity(const std::filesystem::path& path) = 0;

  /// Takes an exclusive advisory lock (flock) on `path`, creating the file if needed;
  /// blocks until the lock is free.
  virtual std::unique_ptr<FileLock> lock_file(const std::filesystem::path& path) = 0;
  /// The same in `mode`; with `wait = false`, null instead of blocking when the lock is held in
  /// a conflicting mode (the writers' lock: appends hold it shared while their parts are not
  /// yet committed, and a cleaner deletes uncommitted files only when it gets it exclusively).
  virtual std::unique_ptr<FileLock> lock_file_with(const std::filesystem::path& path, LockMode mode, bool wait) = 0;

  /// The wall clock, in nanoseconds since the Unix epoch: the time stamped on manifests,
  /// parts, commits and bundles, and the clock of vacuum's grace period. The system clock by
  /// default; a test Env returns fixed or advancing times.
  virtual std::int64_t now_ns() const;

  /// The process-wide POSIX Env.
  static Env& posix();
};

/// Creates `dir` and its missing parents, and fsyncs the parent of each directory it created
/// (outermost first), so that none of them can vanish in a power cut. Returns whether it
/// created any.
CRV_IO_EXPORT bool create_dirs_durably(Env& env, const std::filesystem::path& dir);

/// Removes a file if it exists, swallowing errors (cleanup paths).
CRV_IO_EXPORT void remove_file_quietly(Env& env, const std::filesystem::path& path) noexcept;

}  // namespace crv::io
