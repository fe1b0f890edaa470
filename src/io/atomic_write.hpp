#pragma once
// Durable, atomic replacement of a small file through an Env.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include "crv/export.hpp"
#include "crv/io/env.hpp"

namespace crv::io {

/// Writes `contents` to `path`.tmp, fsyncs it, renames it over `path` and fsyncs the
/// directory; creates the parent directory if needed. On failure the .tmp file is
/// removed, `path` keeps its previous content, and the IoError propagates.
CRV_IO_EXPORT void write_file_atomically(Env& env, const std::filesystem::path& path, std::string_view contents);

/// The one durable-write primitive (manifests, parts, bundles, artifacts, the log's
/// checkpoint pointer): write_file_atomically in steps, so that other work can run between
/// them. The constructor creates the parent directory (unless told it exists) and the empty
/// `path`.tmp (creating a file can cost more than writing and fsyncing a small one);
/// write() or write_with() writes it, fsyncs and closes it; rename() renames the .tmp over
/// `path`; commit() renames and fsyncs the directory (a caller renaming several files into
/// one directory renames each, then fsyncs the directory once). Destroying it before a
/// successful rename removes the .tmp file (`path` keeps its previous content). Failures
/// are IoErrors; step() names the step that was running.
class CRV_IO_EXPORT PreparedFile {
 public:
  enum class Parent { Create, Exists };
  explicit PreparedFile(Env& env, std::filesystem::path path, Parent parent = Parent::Create);
  /// Creates and writes: PreparedFile(env, path) then write(contents).
  PreparedFile(Env& env, std::filesystem::path path, std::string_view contents);
  PreparedFile(const PreparedFile&) = delete;
  PreparedFile& operator=(const PreparedFile&) = delete;
  ~PreparedFile();

  /// Writes `contents` to the .tmp, fsyncs and closes it; once (a second call is an IoError).
  void write(std::string_view contents);
  /// The same with the bytes that `fill` appends to the file; returns their count.
  std::uint64_t write_with(const std::function<void(WritableFile&)>& fill);
  /// Renames the written .tmp over `path` (an IoError before write()); not yet durable.
  void rename();
  /// rename(), then fsyncs the directory: the new content is durable.
  void commit();
  const std::filesystem::path& path() const { return path_; }
  /// The step running or last run: "create", "write", "fsync", "close", "rename",
  /// "fsync directory" (for error messages).
  const char* step() const { return step_; }

 private:
  Env& env_;
  std::filesystem::path path_;
  std::filesystem::path tmp_;
  std::unique_ptr<WritableFile> file_;
  const char* step_ = "create";
  bool written_ = false;
  bool renamed_ = false;
};

}  // namespace crv::io
