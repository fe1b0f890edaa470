#pragma once
// An Env that forwards to another Env and fails chosen calls with an IoError, counting
// every call by kind, so that tests can fail each step of a write path in turn; and that can
// simulate a power cut (as LevelDB's fault_injection_test does): every file back to what it
// held at its last fsync, every directory change no fsync of its directory made durable
// undone.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crv/export.hpp"
#include "crv/io/env.hpp"

namespace crv::io {

enum class EnvOp {
  OpenWritable,      ///< new_writable_file
  Write,             ///< WritableFile::append and write_at
  Flush,             ///< WritableFile::flush
  Sync,              ///< WritableFile::sync
  Close,             ///< WritableFile::close
  OpenRandomAccess,  ///< new_random_access_file
  Read,              ///< RandomAccessFile::read_at
  ReadFile,          ///< read_file
  Rename,            ///< rename_file
  Remove,            ///< remove_file
  CreateDirs,        ///< create_dirs
  SyncDir,           ///< sync_dir
  ListDir,           ///< list_dir
  FileExists,        ///< file_exists
  IsDirectory,       ///< is_directory
  FileSize,          ///< file_size
  Identity,          ///< file_identity
  Lock,              ///< lock_file, lock_file_with
};
inline constexpr std::size_t kEnvOpCount = 18;
/// Every EnvOp, in declaration order: what a test that fails each step in turn iterates.
inline constexpr EnvOp kEveryEnvOp[kEnvOpCount] = {
    EnvOp::OpenWritable,     EnvOp::Write,    EnvOp::Flush,    EnvOp::Sync,       EnvOp::Close,
    EnvOp::OpenRandomAccess, EnvOp::Read,     EnvOp::ReadFile, EnvOp::Rename,     EnvOp::Remove,
    EnvOp::CreateDirs,       EnvOp::SyncDir,  EnvOp::ListDir,  EnvOp::FileExists, EnvOp::IsDirectory,
    EnvOp::FileSize,         EnvOp::Identity, EnvOp::Lock};
static_assert(static_cast<std::size_t>(EnvOp::Lock) + 1 == kEnvOpCount, "kEveryEnvOp lists every EnvOp");

CRV_IO_EXPORT std::string_view to_string(EnvOp op);

class CRV_IO_EXPORT FaultInjectionEnv : public Env {
 public:
  /// `target` must outlive this Env and the files it opens.
  explicit FaultInjectionEnv(Env& target);

  /// Makes the `nth` call (1-based, counted since construction or reset_counts()) of
  /// `op` throw IoError("injected fault ...") instead of reaching the target. Each
  /// armed fault fires once.
  void fail_nth(EnvOp op, std::uint64_t nth);
  /// Makes the `nth` call of `op` on a file or directory whose name contains `name_part`
  /// throw, counting only the calls on such names (for steps that run concurrently with
  /// others of the same kind).
  void fail_nth_named(EnvOp op, std::string_view name_part, std::uint64_t nth);
  /// Makes every call of `op` from the `nth` one on fail (a disk that stays broken).
  void fail_from(EnvOp op, std::uint64_t nth);
  /// Disarms every fault.
  void clear_faults();
  /// Calls of `op` so far (failed ones included).
  std::uint64_t count(EnvOp op) const;
  void reset_counts();
  /// Faults that fired so far.
  std::uint64_t faults_fired() const;

  /// Counts a call of `op` and throws if a fault is armed for it (used by the
  /// wrapped files too).
  void before(EnvOp op, const std::filesystem::path& path);

  /// From now on, remembers what each file written through this Env held at its last fsync
  /// (or when first opened for writing), and the creations, renames and removals of files,
  /// and the creations of directories, that no fsync of their directory has made durable yet.
  /// (A power cut removes an undurable directory with std::filesystem: the target is assumed
  /// to be the local filesystem.)
  void track_durability();
  /// The process dies after `calls` more calls: every call after them (of any kind) fails.
  void crash_after(std::uint64_t calls);
  /// The power cut: every tracked file back to its durable content, every pending directory
  /// change undone (newest first). Call with no file of this Env open; ends the tracking and
  /// the crash.
  void drop_unsynced();
  /// Whether the crash of crash_after() happened (a call was refused).
  bool crashed() const;
  /// Called by the wrapped files after a successful fsync of `path`.
  void note_synced(const std::filesystem::path& path);

  std::unique_ptr<WritableFile> new_writable_file(const std::filesystem::path& path, WriteMode mode) override;
  std::unique_ptr<RandomAccessFile> new_random_access_file(const std::filesystem::path& path) override;
  std::string read_file(const std::filesystem::path& path) override;
  void rename_file(const std::filesystem::path& from, const std::filesystem::path& to) override;
  void remove_file(const std::filesystem::path& path) override;
  void create_dirs(const std::filesystem::path& path) override;
  void sync_dir(const std::filesystem::path& path) override;
  std::vector<std::string> list_dir(const std::filesystem::path& path) override;
  bool file_exists(const std::filesystem::path& path) override;
  bool is_directory(const std::filesystem::path& path) override;
  std::uint64_t file_size(const std::filesystem::path& path) override;
  FileIdentity file_identity(const std::filesystem::path& path) override;
  std::unique_ptr<FileLock> lock_file(const std::filesystem::path& path) override;
  std::unique_ptr<FileLock> lock_file_with(const std::filesystem::path& path, LockMode mode, bool wait) override;
  std::int64_t now_ns() const override { return target_.now_ns(); }

 private:
  struct Fault {
    EnvOp op;
    std::uint64_t nth;
    bool sticky;
    bool fired;
    std::string name_part;   // empty: every path
    std::uint64_t seen = 0;  // calls on matching names, when name_part is set
  };

  /// A directory change not yet made durable by an fsync of its directory.
  struct PendingChange {
    enum class Kind { Created, Renamed, Removed, CreatedDir } kind;
    std::filesystem::path path;          ///< the created or removed file; a rename's target
    std::filesystem::path from;          ///< a rename's source
    std::optional<std::string> content;  ///< a removed file's, or a rename's overwritten target's
  };
  std::optional<std::string> durable_content_locked(const std::filesystem::path& path);
  void write_whole(const std::filesystem::path& path, const std::string& content);

  Env& target_;
  mutable std::mutex mutex_;
  bool tracking_ = false;
  std::optional<std::uint64_t> calls_left_;  // the crash: calls that still succeed
  bool crashed_ = false;
  std::map<std::filesystem::path, std::string> durable_;  // a file's content at its last fsync
  std::vector<PendingChange> pending_;
  std::array<std::uint64_t, kEnvOpCount> counts_{};
  std::vector<Fault> faults_;
  std::uint64_t faults_fired_ = 0;
};

}  // namespace crv::io
