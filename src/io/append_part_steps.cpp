#include "io/append_part_steps.hpp"

#include <exception>
#include <optional>
#include <string>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"
#include "io/atomic_write.hpp"
#include "io/part_io.hpp"

namespace crv::io::detail {

std::uint64_t write_and_rename_part(Env& env, const std::filesystem::path& path, const frame::Frame& frame,
                                    const parquet::WriterOptions& options) {
  std::optional<PreparedFile> file;
  try {
    file.emplace(env, path, PreparedFile::Parent::Exists);  // the bucket directory was made durably
    const std::uint64_t bytes = file->write_with([&](WritableFile& out) {
      EnvOutputSink sink(out);
      parquet::write_frame(frame, sink, options);
    });
    file->rename();
    return bytes;
  } catch (const std::exception& error) {
    const auto* io_error = dynamic_cast<const IoError*>(&error);
    throw IoWriteError("cannot write Parquet file '" + path.string() + "' (" + (file ? file->step() : "open") +
                           " of '" + tmp_path(path).filename().string() + "' failed): " + error.what(),
                       io_error != nullptr ? io_error->sys_errno() : 0);
  }
}

void sync_part_directory(Env& env, const std::filesystem::path& path) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  try {
    env.sync_dir(dir);
  } catch (const IoError& error) {
    remove_file_quietly(env, path);
    throw IoWriteError(
        "cannot write Parquet file '" + path.string() + "' (fsync of its directory failed): " + error.what(),
        error.sys_errno());
  }
}

}  // namespace crv::io::detail
