#include "io/atomic_write.hpp"

#include <utility>

#include "crv/io/errors.hpp"
#include "crv/io/paths.hpp"

namespace crv::io {
namespace {

std::filesystem::path parent_dir(const std::filesystem::path& path) {
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}

}  // namespace

PreparedFile::PreparedFile(Env& env, std::filesystem::path path, Parent parent)
    : env_(env), path_(std::move(path)), tmp_(tmp_path(path_)) {
  if (parent == Parent::Create) env_.create_dirs(parent_dir(path_));
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
  write_with([contents](WritableFile& file) { file.append(contents); });
}

std::uint64_t PreparedFile::write_with(const std::function<void(WritableFile&)>& fill) {
  if (written_) throw IoArgumentError("PreparedFile::write called twice for '" + tmp_.string() + "'");
  try {
    step_ = "write";
    fill(*file_);
    const std::uint64_t bytes = file_->position();
    step_ = "fsync";
    file_->sync();
    step_ = "close";
    file_->close();
    written_ = true;
    return bytes;
  } catch (...) {
    file_.reset();
    remove_file_quietly(env_, tmp_);
    throw;
  }
}

void PreparedFile::rename() {
  if (!written_) throw IoArgumentError("PreparedFile::rename before write for '" + tmp_.string() + "'");
  step_ = "rename";
  env_.rename_file(tmp_, path_);
  renamed_ = true;
}

void PreparedFile::commit() {
  rename();
  step_ = "fsync directory";
  env_.sync_dir(parent_dir(path_));
}

void write_file_atomically(Env& env, const std::filesystem::path& path, std::string_view contents) {
  PreparedFile(env, path, contents).commit();
}

}  // namespace crv::io
