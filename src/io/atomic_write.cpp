#include "crv/io/atomic_write.hpp"

#include <utility>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"

namespace crv::io {
namespace {

std::filesystem::path parent_dir(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

}  // namespace

PreparedFile::PreparedFile(Env& env, std::filesystem::path path)
    : env_(env), path_(std::move(path)), tmp_(tmp_path(path_)) {
  env_.create_dirs(parent_dir(path_));
  try {
    file_ = env_.new_writable_file(tmp_, WriteMode::Truncate);
  } catch (...) {
    remove_file_quietly(env_, tmp_);
    throw;
  }
}

PreparedFile::PreparedFile(Env& env, std::filesystem::path path, std::string_view contents)
    : PreparedFile(env, std::move(path)) {
  write(contents);
}

PreparedFile::~PreparedFile() {
  if (renamed_) return;
  file_.reset();  // closes it if write() did not
  remove_file_quietly(env_, tmp_);
}

void PreparedFile::write(std::string_view contents) {
  if (written_) throw IoError("PreparedFile::write called twice for '" + tmp_.string() + "'");
  try {
    file_->append(contents);
    file_->sync();
    file_->close();
    written_ = true;
  } catch (...) {
    file_.reset();
    remove_file_quietly(env_, tmp_);
    throw;
  }
}

void PreparedFile::commit() {
  if (!written_) throw IoError("PreparedFile::commit before write for '" + tmp_.string() + "'");
  env_.rename_file(tmp_, path_);
  renamed_ = true;
  env_.sync_dir(parent_dir(path_));
}

void write_file_atomically(Env& env, const std::filesystem::path& path, std::string_view contents) {
  PreparedFile(env, path, contents).commit();
}

}  // namespace crv::io
