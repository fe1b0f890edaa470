#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "crv/io/env.hpp"
#include "io/atomic_write.hpp"
#include "io/fault_injection_env.hpp"
#include "io/temp_dir.hpp"

namespace crv::io {
namespace {

using testing::read_text;
using testing::TempDir;

TEST(PosixEnv, WriteSyncCloseAndReadBack) {
  TempDir dir;
  Env& env = Env::posix();
  const auto path = dir / "file.bin";
  auto file = env.new_writable_file(path);
  file->append("hello ");
  std::string big(200 * 1024, 'x');  // larger than the write buffer
  file->append(big.data(), big.size());
  file->append(std::string_view("!"));
  EXPECT_EQ(file->position(), 6 + big.size() + 1);
  file->sync();
  file->close();
  file->close();  // a second close is a no-op
  EXPECT_THROW(file->append("late"), IoError);
  EXPECT_EQ(env.read_file(path), "hello " + big + "!");
  EXPECT_EQ(env.file_size(path), 6 + big.size() + 1);
}

TEST(PosixEnv, TruncateAndAppendModes) {
  TempDir dir;
  Env& env = Env::posix();
  const auto path = dir.write("f.txt", "old content");
  {
    auto file = env.new_writable_file(path, WriteMode::Truncate);
    file->append("new");
    file->close();
  }
  EXPECT_EQ(read_text(path), "new");
  {
    auto file = env.new_writable_file(path, WriteMode::Append);
    EXPECT_EQ(file->position(), 3u);
    file->append("+more");
  }  // destruction flushes and closes
  EXPECT_EQ(read_text(path), "new+more");
}

TEST(PosixEnv, RandomAccessReads) {
  TempDir dir;
  Env& env = Env::posix();
  const auto path = dir.write("r.bin", "0123456789");
  auto file = env.new_random_access_file(path);
  EXPECT_EQ(file->size(), 10u);
  std::byte out[4];
  file->read_at(3, 4, out);
  EXPECT_EQ(std::memcmp(out, "3456", 4), 0);
  EXPECT_THROW(file->read_at(8, 4, out), IoError);  // short read
  EXPECT_THROW(env.new_random_access_file(dir / "missing"), IoError);
}

TEST(PosixEnv, DirectoriesRenameRemoveAndQueries) {
  TempDir dir;
  Env& env = Env::posix();
  const auto nested = dir / "a/b/c";
  env.create_dirs(nested);
  env.create_dirs(nested);  // exists: fine
  EXPECT_TRUE(env.is_directory(nested));
  EXPECT_TRUE(env.file_exists(nested));
  env.sync_dir(nested);

  dir.write("a/b/c/z.txt", "z");
  dir.write("a/b/c/y.txt", "yy");
  env.create_dirs(nested / "sub");
  EXPECT_EQ(env.list_dir(nested), (std::vector<std::string>{"sub", "y.txt", "z.txt"}));

  env.rename_file(nested / "y.txt", nested / "z.txt");  // atomic replace
  EXPECT_EQ(read_text(nested / "z.txt"), "yy");
  EXPECT_FALSE(env.file_exists(nested / "y.txt"));
  EXPECT_FALSE(env.is_directory(nested / "z.txt"));

  env.remove_file(nested / "z.txt");
  EXPECT_FALSE(env.file_exists(nested / "z.txt"));
  EXPECT_FALSE(env.file_exists(nested / "z.txt/below"));
  EXPECT_THROW(env.remove_file(nested / "z.txt"), IoError);
  remove_file_quietly(env, nested / "z.txt");
}

TEST(PosixEnv, ErrorsNamePathAndErrno) {
  TempDir dir;
  Env& env = Env::posix();
  try {
    env.read_file(dir / "absent.txt");
    FAIL();
  } catch (const IoError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("absent.txt"), std::string::npos) << message;
    EXPECT_NE(message.find(std::strerror(ENOENT)), std::string::npos) << message;
    EXPECT_EQ(error.sys_errno(), ENOENT);
  }
  EXPECT_THROW(env.list_dir(dir / "nope"), IoError);
  EXPECT_THROW(env.sync_dir(dir / "nope"), IoError);
  EXPECT_THROW(env.file_size(dir / "nope"), IoError);
  EXPECT_THROW(env.new_writable_file(dir / "nope/file"), IoError);
}

TEST(PosixEnv, FileIdentityChangesOnReplace) {
  TempDir dir;
  Env& env = Env::posix();
  const auto path = dir.write("m.json", "{}");
  const FileIdentity first = env.file_identity(path);
  EXPECT_EQ(first, env.file_identity(path));
  EXPECT_EQ(first.size, 2u);
  write_file_atomically(env, path, "{\"a\":1}");
  const FileIdentity second = env.file_identity(path);
  EXPECT_NE(first, second);
  EXPECT_EQ(second.size, 7u);
}

TEST(PosixEnv, LockFile) {
  TempDir dir;
  Env& env = Env::posix();
  {
    auto lock = env.lock_file(dir / "table.lock");
    EXPECT_EQ(lock->path(), dir / "table.lock");
    EXPECT_TRUE(env.file_exists(dir / "table.lock"));
  }
  auto again = env.lock_file(dir / "table.lock");  // released by the first one's destruction
  EXPECT_NE(again, nullptr);
}

TEST(AtomicWrite, CreatesParentAndReplaces) {
  TempDir dir;
  const auto path = dir / "deep/dir/file.json";
  write_file_atomically(Env::posix(), path, "one");
  EXPECT_EQ(read_text(path), "one");
  write_file_atomically(Env::posix(), path, "two");
  EXPECT_EQ(read_text(path), "two");
  EXPECT_FALSE(std::filesystem::exists(dir / "deep/dir/file.json.tmp"));
}

TEST(AtomicWrite, PreparedFileInSteps) {
  TempDir dir;
  const auto path = dir.write("target.json", "old");
  const auto tmp = dir / "target.json.tmp";
  {
    PreparedFile file(Env::posix(), path);  // create
    EXPECT_TRUE(std::filesystem::exists(tmp));
    EXPECT_EQ(std::filesystem::file_size(tmp), 0u);
    EXPECT_THROW(file.commit(), IoError);  // nothing written yet
    EXPECT_EQ(read_text(path), "old");
    file.write("new");
    EXPECT_EQ(read_text(tmp), "new");
    EXPECT_EQ(read_text(path), "old");
    EXPECT_THROW(file.write("again"), IoError);
    file.commit();
  }
  EXPECT_EQ(read_text(path), "new");
  EXPECT_FALSE(std::filesystem::exists(tmp));

  // Destroyed before its commit, written or not: the .tmp goes, the target stays.
  { PreparedFile file(Env::posix(), path); }
  EXPECT_FALSE(std::filesystem::exists(tmp));
  {
    PreparedFile file(Env::posix(), path);
    file.write("newer");
  }
  EXPECT_FALSE(std::filesystem::exists(tmp));
  EXPECT_EQ(read_text(path), "new");
}

TEST(FaultInjectionEnv, CountsCalls) {
  TempDir dir;
  FaultInjectionEnv env(Env::posix());
  write_file_atomically(env, dir / "f.txt", "abc");
  EXPECT_EQ(env.count(EnvOp::CreateDirs), 1u);
  EXPECT_EQ(env.count(EnvOp::OpenWritable), 1u);
  EXPECT_EQ(env.count(EnvOp::Write), 1u);
  EXPECT_EQ(env.count(EnvOp::Sync), 1u);
  EXPECT_EQ(env.count(EnvOp::Close), 1u);
  EXPECT_EQ(env.count(EnvOp::Rename), 1u);
  EXPECT_EQ(env.count(EnvOp::SyncDir), 1u);
  EXPECT_EQ(env.count(EnvOp::Remove), 0u);
  env.reset_counts();
  EXPECT_EQ(env.count(EnvOp::Rename), 0u);
}

TEST(FaultInjectionEnv, FailsTheNthCallOnce) {
  TempDir dir;
  FaultInjectionEnv env(Env::posix());
  env.fail_nth(EnvOp::Rename, 2);
  write_file_atomically(env, dir / "a", "1");
  try {
    write_file_atomically(env, dir / "b", "2");
    FAIL();
  } catch (const IoError& error) {
    EXPECT_NE(std::string(error.what()).find("injected fault: rename call #2"), std::string::npos) << error.what();
  }
  EXPECT_EQ(env.faults_fired(), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir / "b"));
  EXPECT_FALSE(std::filesystem::exists(dir / "b.tmp"));  // cleaned up
  write_file_atomically(env, dir / "c", "3");            // the fault fired once only
  EXPECT_EQ(read_text(dir / "c"), "3");
}

TEST(FaultInjectionEnv, FailFromKeepsFailing) {
  TempDir dir;
  FaultInjectionEnv env(Env::posix());
  env.fail_from(EnvOp::Sync, 1);
  EXPECT_THROW(write_file_atomically(env, dir / "a", "1"), IoError);
  EXPECT_THROW(write_file_atomically(env, dir / "a", "1"), IoError);
  env.clear_faults();
  write_file_atomically(env, dir / "a", "1");
  EXPECT_EQ(read_text(dir / "a"), "1");
}

TEST(FaultInjectionEnv, EveryStepOfAnAtomicWriteFailsCleanly) {
  TempDir dir;
  const auto path = dir.write("target.json", "old");
  for (EnvOp op : {EnvOp::CreateDirs, EnvOp::OpenWritable, EnvOp::Write, EnvOp::Sync, EnvOp::Close, EnvOp::Rename}) {
    FaultInjectionEnv env(Env::posix());
    env.fail_nth(op, 1);
    EXPECT_THROW(write_file_atomically(env, path, "new"), IoError) << to_string(op);
    EXPECT_EQ(read_text(path), "old") << to_string(op);
    EXPECT_FALSE(std::filesystem::exists(dir / "target.json.tmp")) << to_string(op);
  }
  // A failed directory fsync happens after the rename: the new content is in place.
  FaultInjectionEnv env(Env::posix());
  env.fail_nth(EnvOp::SyncDir, 1);
  EXPECT_THROW(write_file_atomically(env, path, "new"), IoError);
  EXPECT_EQ(read_text(path), "new");
}

TEST(FaultInjectionEnv, WrapsReads) {
  TempDir dir;
  const auto path = dir.write("r.bin", "abcdef");
  FaultInjectionEnv env(Env::posix());
  env.fail_nth(EnvOp::Read, 2);
  auto file = env.new_random_access_file(path);
  std::byte out[2];
  file->read_at(0, 2, out);
  EXPECT_THROW(file->read_at(2, 2, out), IoError);
  file->read_at(4, 2, out);
  EXPECT_EQ(std::memcmp(out, "ef", 2), 0);
  EXPECT_EQ(env.count(EnvOp::Read), 3u);
  EXPECT_EQ(env.count(EnvOp::OpenRandomAccess), 1u);
  EXPECT_EQ(env.read_file(path), "abcdef");
  EXPECT_EQ(env.list_dir(dir.path()), std::vector<std::string>{"r.bin"});
  EXPECT_EQ(env.count(EnvOp::ReadFile), 1u);
  EXPECT_EQ(env.count(EnvOp::ListDir), 1u);
}

}  // namespace
}  // namespace crv::io
