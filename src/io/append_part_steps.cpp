#include "io/append_part_steps.hpp"

#include <exception>
#include <string>

#include "crv/io/errors.hpp"
#include "crv/io/part_io.hpp"
#include "crv/io/paths.hpp"

namespace crv::io::detail {

std::uint64_t write_and_rename_part(Env& env, const std::filesystem::path& path, const frame::Frame& frame,
                                    const parquet::WriterOptions& options,
                                    const std::function<void(std::uint64_t)>& on_written) {
  const std::filesystem::path tmp = tmp_path(path);
  const char* step = "open";
  std::uint64_t bytes = 0;
  try {
    auto file = env.new_writable_file(tmp, WriteMode::Truncate);
    step = "write";
    {
      EnvOutputSink sink(*file);
      parquet::write_frame(frame, sink, options);
    }
    bytes = file->position();
    if (on_written) on_written(bytes);
    step = "fsync";
    file->sync();
    step = "close";
    file->close();
    step = "rename";
    env.rename_file(tmp, path);
  } catch (const std::exception& error) {
    remove_file_quietly(env, tmp);
    const auto* io_error = dynamic_cast<const IoError*>(&error);
    throw IoWriteError("cannot write Parquet file '" + path.string() + "' (" + step + " of '" +
                           tmp.filename().string() + "' failed): " + error.what(),
                       io_error != nullptr ? io_error->sys_errno() : 0);
  }
  return bytes;
}

void sync_part_directory(Env& env, const std::filesystem::path& path) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
  try {
    env.sync_dir(dir);
  } catch (const IoError& error) {
    remove_file_quietly(env, path);
    throw IoWriteError("cannot write Parquet file '" + path.string() +
                           "' (fsync of its directory failed): " + error.what(),
                       error.sys_errno());
  }
}

}  // namespace crv::io::detail
