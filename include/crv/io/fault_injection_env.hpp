#pragma once
// An Env that forwards to another Env and fails chosen calls with an IoError, counting
// every call by kind, so that tests can fail each step of a write path in turn.

#include <array>
#include <cstdint>
#include <mutex>
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
  Lock,              ///< lock_file
};
inline constexpr std::size_t kEnvOpCount = 18;

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

  std::unique_ptr<WritableFile> new_writable_file(const std::filesystem::path& path,
                                                  WriteMode mode) override;
  std::unique_ptr<RandomAccessFile> new_random_access_file(
      const std::filesystem::path& path) override;
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

 private:
  struct Fault {
    EnvOp op;
    std::uint64_t nth;
    bool sticky;
    bool fired;
    std::string name_part;   // empty: every path
    std::uint64_t seen = 0;  // calls on matching names, when name_part is set
  };

  Env& target_;
  mutable std::mutex mutex_;
  std::array<std::uint64_t, kEnvOpCount> counts_{};
  std::vector<Fault> faults_;
  std::uint64_t faults_fired_ = 0;
};

}  // namespace crv::io
