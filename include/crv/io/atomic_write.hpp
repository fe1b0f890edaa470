#pragma once
// Durable, atomic replacement of a small file through an Env.

#include <filesystem>
#include <memory>
#include <string_view>

#include "crv/export.hpp"
#include "crv/io/env.hpp"

namespace crv::io {

/// Writes `contents` to `path`.tmp, fsyncs it, renames it over `path` and fsyncs the
/// directory; creates the parent directory if needed. On failure the .tmp file is
/// removed, `path` keeps its previous content, and the IoError propagates.
CRV_IO_EXPORT void write_file_atomically(Env& env, const std::filesystem::path& path,
                           std::string_view contents);

/// write_file_atomically in steps, so that other work can run between them: the
/// constructor creates the parent directory and the empty `path`.tmp (creating a file can
/// cost more than writing and fsyncing a small one); write() writes `contents` to it and
/// fsyncs it; commit() renames the .tmp over `path` and fsyncs the directory. Destroying it
/// before a successful rename removes the .tmp file (`path` keeps its previous content).
/// Failures are IoErrors, as for write_file_atomically.
class CRV_IO_EXPORT PreparedFile {
 public:
  PreparedFile(Env& env, std::filesystem::path path);
  /// Creates and writes: PreparedFile(env, path) then write(contents).
  PreparedFile(Env& env, std::filesystem::path path, std::string_view contents);
  PreparedFile(const PreparedFile&) = delete;
  PreparedFile& operator=(const PreparedFile&) = delete;
  ~PreparedFile();

  /// Writes `contents` to the .tmp, fsyncs and closes it; once (a second call is an IoError).
  void write(std::string_view contents);
  /// Renames the written .tmp over `path` and fsyncs the directory (an IoError before write()).
  void commit();
  const std::filesystem::path& path() const { return path_; }

 private:
  Env& env_;
  std::filesystem::path path_;
  std::filesystem::path tmp_;
  std::unique_ptr<WritableFile> file_;
  bool written_ = false;
  bool renamed_ = false;
};

}  // namespace crv::io
