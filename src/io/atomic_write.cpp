#include "crv/io/atomic_write.hpp"

#include "crv/io/paths.hpp"

namespace crv::io {

void write_file_atomically(Env& env, const std::filesystem::path& path, std::string_view contents) {
  const std::filesystem::path tmp = tmp_path(path);
  const std::filesystem::path dir =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  env.create_dirs(dir);
  try {
    auto file = env.new_writable_file(tmp, WriteMode::Truncate);
    file->append(contents);
    file->sync();
    file->close();
    env.rename_file(tmp, path);
  } catch (...) {
    remove_file_quietly(env, tmp);
    throw;
  }
  env.sync_dir(dir);
}

}  // namespace crv::io
