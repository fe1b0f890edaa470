#include "io/fault_injection_env.hpp"

#include <cerrno>
#include <filesystem>
#include <string>
#include <system_error>

namespace crv::io {
namespace {

// The calls that only look at what is stored (an injected failure of one is a read error).
bool is_read_op(EnvOp op) {
  switch (op) {
    case EnvOp::OpenRandomAccess:
    case EnvOp::Read:
    case EnvOp::ReadFile:
    case EnvOp::ListDir:
    case EnvOp::FileExists:
    case EnvOp::IsDirectory:
    case EnvOp::FileSize:
    case EnvOp::Identity: return true;
    default: return false;
  }
}

}  // namespace

namespace {

class FaultWritableFile final : public WritableFile {
 public:
  FaultWritableFile(FaultInjectionEnv& env, std::unique_ptr<WritableFile> target)
      : env_(env), target_(std::move(target)) {}

  void append(const void* data, std::size_t size) override {
    env_.before(EnvOp::Write, target_->path());
    target_->append(data, size);
  }
  void write_at(std::uint64_t offset, const void* data, std::size_t size) override {
    env_.before(EnvOp::Write, target_->path());
    target_->write_at(offset, data, size);
  }
  void flush() override {
    env_.before(EnvOp::Flush, target_->path());
    target_->flush();
  }
  void sync() override {
    env_.before(EnvOp::Sync, target_->path());
    target_->sync();
    env_.note_synced(target_->path());
  }
  void sync_flushed() override {
    env_.before(EnvOp::Sync, target_->path());
    target_->sync_flushed();
    env_.note_synced(target_->path());
  }
  void close() override {
    env_.before(EnvOp::Close, target_->path());
    target_->close();
  }
  std::uint64_t position() const override { return target_->position(); }
  const std::filesystem::path& path() const override { return target_->path(); }

 private:
  FaultInjectionEnv& env_;
  std::unique_ptr<WritableFile> target_;
};

class FaultRandomAccessFile final : public RandomAccessFile {
 public:
  FaultRandomAccessFile(FaultInjectionEnv& env, std::unique_ptr<RandomAccessFile> target)
      : env_(env), target_(std::move(target)) {}

  std::uint64_t size() const override { return target_->size(); }
  void read_at(std::uint64_t offset, std::size_t size, std::byte* out) const override {
    env_.before(EnvOp::Read, target_->path());
    target_->read_at(offset, size, out);
  }
  const std::filesystem::path& path() const override { return target_->path(); }

 private:
  FaultInjectionEnv& env_;
  std::unique_ptr<RandomAccessFile> target_;
};

}  // namespace

std::string_view to_string(EnvOp op) {
  switch (op) {
    case EnvOp::OpenWritable: return "open_writable";
    case EnvOp::Write: return "write";
    case EnvOp::Flush: return "flush";
    case EnvOp::Sync: return "sync";
    case EnvOp::Close: return "close";
    case EnvOp::OpenRandomAccess: return "open_random_access";
    case EnvOp::Read: return "read";
    case EnvOp::ReadFile: return "read_file";
    case EnvOp::Rename: return "rename";
    case EnvOp::Remove: return "remove";
    case EnvOp::CreateDirs: return "create_dirs";
    case EnvOp::SyncDir: return "sync_dir";
    case EnvOp::ListDir: return "list_dir";
    case EnvOp::FileExists: return "file_exists";
    case EnvOp::IsDirectory: return "is_directory";
    case EnvOp::FileSize: return "file_size";
    case EnvOp::Identity: return "file_identity";
    case EnvOp::Lock: return "lock";
  }
  return "unknown";
}

FaultInjectionEnv::FaultInjectionEnv(Env& target) : target_(target) {}

void FaultInjectionEnv::fail_nth(EnvOp op, std::uint64_t nth) {
  std::lock_guard lock(mutex_);
  faults_.push_back(Fault{op, nth, false, false, {}});
}

void FaultInjectionEnv::fail_nth_named(EnvOp op, std::string_view name_part, std::uint64_t nth) {
  std::lock_guard lock(mutex_);
  faults_.push_back(Fault{op, nth, false, false, std::string(name_part)});
}

void FaultInjectionEnv::fail_from(EnvOp op, std::uint64_t nth) {
  std::lock_guard lock(mutex_);
  faults_.push_back(Fault{op, nth, true, false, {}});
}

void FaultInjectionEnv::clear_faults() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

std::uint64_t FaultInjectionEnv::count(EnvOp op) const {
  std::lock_guard lock(mutex_);
  return counts_[static_cast<std::size_t>(op)];
}

void FaultInjectionEnv::reset_counts() {
  std::lock_guard lock(mutex_);
  counts_.fill(0);
}

std::uint64_t FaultInjectionEnv::faults_fired() const {
  std::lock_guard lock(mutex_);
  return faults_fired_;
}

void FaultInjectionEnv::before(EnvOp op, const std::filesystem::path& path) {
  std::lock_guard lock(mutex_);
  const std::uint64_t call = ++counts_[static_cast<std::size_t>(op)];
  if (calls_left_) {
    if (*calls_left_ == 0) {
      crashed_ = true;
      throw IoWriteError(
          "injected crash: the process died before " + std::string(to_string(op)) + " on '" + path.string() + "'", EIO);
    }
    --*calls_left_;
  }
  for (Fault& fault : faults_) {
    if (fault.op != op) continue;
    std::uint64_t nth_call = call;
    if (!fault.name_part.empty()) {
      if (path.filename().string().find(fault.name_part) == std::string::npos) continue;
      nth_call = ++fault.seen;
    }
    const bool hit = fault.sticky ? nth_call >= fault.nth : (!fault.fired && nth_call == fault.nth);
    if (!hit) continue;
    fault.fired = true;
    ++faults_fired_;
    const std::string message = "injected fault: " + std::string(to_string(op)) + " call #" + std::to_string(call) +
                                " on '" + path.string() + "'";
    if (is_read_op(op)) throw IoReadError(message, EIO);
    throw IoWriteError(message, EIO);
  }
}

std::unique_ptr<WritableFile> FaultInjectionEnv::new_writable_file(const std::filesystem::path& path, WriteMode mode) {
  before(EnvOp::OpenWritable, path);
  {
    std::lock_guard lock(mutex_);
    if (tracking_) {
      // What the file held before this open is what a power cut brings back (a truncation
      // is not durable before an fsync either).
      const std::optional<std::string> before_open = durable_content_locked(path);
      if (!before_open) pending_.push_back({PendingChange::Kind::Created, path, {}, {}});
      durable_[path] = before_open.value_or(std::string());
    }
  }
  return std::make_unique<FaultWritableFile>(*this, target_.new_writable_file(path, mode));
}

std::unique_ptr<RandomAccessFile> FaultInjectionEnv::new_random_access_file(const std::filesystem::path& path) {
  before(EnvOp::OpenRandomAccess, path);
  return std::make_unique<FaultRandomAccessFile>(*this, target_.new_random_access_file(path));
}

std::string FaultInjectionEnv::read_file(const std::filesystem::path& path) {
  before(EnvOp::ReadFile, path);
  return target_.read_file(path);
}

void FaultInjectionEnv::rename_file(const std::filesystem::path& from, const std::filesystem::path& to) {
  before(EnvOp::Rename, from);
  std::lock_guard lock(mutex_);
  if (tracking_) {
    std::optional<std::string> overwritten = durable_content_locked(to);
    std::optional<std::string> moved = durable_content_locked(from);
    target_.rename_file(from, to);
    pending_.push_back({PendingChange::Kind::Renamed, to, from, std::move(overwritten)});
    durable_.erase(from);
    if (moved) durable_[to] = std::move(*moved);  // the content travels with the file
    return;
  }
  target_.rename_file(from, to);
}

void FaultInjectionEnv::remove_file(const std::filesystem::path& path) {
  before(EnvOp::Remove, path);
  std::lock_guard lock(mutex_);
  if (tracking_) {
    std::optional<std::string> content = durable_content_locked(path);
    target_.remove_file(path);
    pending_.push_back({PendingChange::Kind::Removed, path, {}, std::move(content)});
    durable_.erase(path);
    return;
  }
  target_.remove_file(path);
}

void FaultInjectionEnv::create_dirs(const std::filesystem::path& path) {
  before(EnvOp::CreateDirs, path);
  std::lock_guard lock(mutex_);
  std::vector<std::filesystem::path> created;  // outermost first
  if (tracking_) {
    for (std::filesystem::path dir = path; !dir.empty() && !target_.is_directory(dir); dir = dir.parent_path()) {
      created.insert(created.begin(), dir);
      if (dir == dir.parent_path()) break;
    }
  }
  target_.create_dirs(path);
  for (const std::filesystem::path& dir : created) pending_.push_back({PendingChange::Kind::CreatedDir, dir, {}, {}});
}

void FaultInjectionEnv::sync_dir(const std::filesystem::path& path) {
  before(EnvOp::SyncDir, path);
  target_.sync_dir(path);
  std::lock_guard lock(mutex_);
  if (!tracking_) return;
  // Every change of an entry of this directory is durable now.
  const std::filesystem::path dir = path.lexically_normal();
  std::erase_if(pending_, [&dir](const PendingChange& change) {
    const bool here = change.path.parent_path().lexically_normal() == dir;
    return change.kind == PendingChange::Kind::Renamed ? here && change.from.parent_path().lexically_normal() == dir
                                                       : here;
  });
}

std::vector<std::string> FaultInjectionEnv::list_dir(const std::filesystem::path& path) {
  before(EnvOp::ListDir, path);
  return target_.list_dir(path);
}

bool FaultInjectionEnv::file_exists(const std::filesystem::path& path) {
  before(EnvOp::FileExists, path);
  return target_.file_exists(path);
}

bool FaultInjectionEnv::is_directory(const std::filesystem::path& path) {
  before(EnvOp::IsDirectory, path);
  return target_.is_directory(path);
}

std::uint64_t FaultInjectionEnv::file_size(const std::filesystem::path& path) {
  before(EnvOp::FileSize, path);
  return target_.file_size(path);
}

FileIdentity FaultInjectionEnv::file_identity(const std::filesystem::path& path) {
  before(EnvOp::Identity, path);
  return target_.file_identity(path);
}

std::unique_ptr<FileLock> FaultInjectionEnv::lock_file(const std::filesystem::path& path) {
  before(EnvOp::Lock, path);
  return target_.lock_file(path);
}

std::unique_ptr<FileLock> FaultInjectionEnv::lock_file_with(const std::filesystem::path& path, LockMode mode,
                                                            bool wait) {
  before(EnvOp::Lock, path);
  return target_.lock_file_with(path, mode, wait);
}

void FaultInjectionEnv::track_durability() {
  std::lock_guard lock(mutex_);
  tracking_ = true;
}

void FaultInjectionEnv::crash_after(std::uint64_t calls) {
  std::lock_guard lock(mutex_);
  calls_left_ = calls;
}

bool FaultInjectionEnv::crashed() const {
  std::lock_guard lock(mutex_);
  return crashed_;
}

void FaultInjectionEnv::note_synced(const std::filesystem::path& path) {
  std::lock_guard lock(mutex_);
  if (tracking_ && target_.file_exists(path)) durable_[path] = target_.read_file(path);
}

std::optional<std::string> FaultInjectionEnv::durable_content_locked(const std::filesystem::path& path) {
  if (const auto it = durable_.find(path); it != durable_.end()) return it->second;
  if (!target_.file_exists(path)) return std::nullopt;
  return target_.read_file(path);  // untouched since tracking began: durable as it is
}

void FaultInjectionEnv::write_whole(const std::filesystem::path& path, const std::string& content) {
  auto file = target_.new_writable_file(path, WriteMode::Truncate);
  file->append(content);
  file->sync();
  file->close();
}

void FaultInjectionEnv::drop_unsynced() {
  std::lock_guard lock(mutex_);
  for (const auto& [path, content] : durable_) {
    if (target_.file_exists(path)) write_whole(path, content);
  }
  for (auto change = pending_.rbegin(); change != pending_.rend(); ++change) {
    switch (change->kind) {
      case PendingChange::Kind::Created:
        if (target_.file_exists(change->path)) target_.remove_file(change->path);
        break;
      case PendingChange::Kind::Renamed:
        if (target_.file_exists(change->path)) target_.rename_file(change->path, change->from);
        if (change->content) write_whole(change->path, *change->content);
        break;
      case PendingChange::Kind::Removed:
        if (change->content) write_whole(change->path, *change->content);
        break;
      case PendingChange::Kind::CreatedDir: {
        // Its entry never reached the disk: the directory and all it holds are gone.
        std::error_code ignored;
        std::filesystem::remove_all(change->path, ignored);
        break;
      }
    }
  }
  durable_.clear();
  pending_.clear();
  tracking_ = false;
  calls_left_.reset();
  crashed_ = false;
}

}  // namespace crv::io
