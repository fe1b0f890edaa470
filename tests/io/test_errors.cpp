#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include "crv/io/dataset.hpp"
#include "crv/io/errors.hpp"
#include "io/dataset_test_support.hpp"

namespace crv::io {
namespace {

using testing::edges_at;
using ::testing::HasSubstr;
using testing::TempRoot;

constexpr auto kEdges = core::TableName::IdentityEdges;

// The base class cannot be thrown by mistake: only the documented subclasses are
// constructible, so every throw site names which part of the library failed.
static_assert(!std::is_constructible_v<IoError, std::string>);
static_assert(!std::is_constructible_v<IoError, std::string, int>);
static_assert(std::is_constructible_v<IoArgumentError, std::string>);
static_assert(std::is_constructible_v<IoReadError, std::string, int>);

TEST(Errors, KindsNameTheKindOfFailure) {
  EXPECT_EQ(to_string(ErrorKind::InvalidArgument), "invalid argument");
  EXPECT_EQ(to_string(ErrorKind::Corruption), "corruption");
  EXPECT_EQ(IoWriteError("disk", ENOSPC).kind(), ErrorKind::IOError);
  EXPECT_EQ(IoReadError("gone", ENOENT).kind(), ErrorKind::NotFound);
  EXPECT_EQ(IoReadError("damaged").kind(), ErrorKind::Corruption);
  EXPECT_EQ(IoManifestError("bad json").kind(), ErrorKind::Corruption);
  EXPECT_EQ(IoConfigError("bad value").kind(), ErrorKind::InvalidArgument);
  EXPECT_EQ(IoSchemaError("bad frame").kind(), ErrorKind::InvalidArgument);
}

TEST(Errors, APartThatIsNotARegularFileIsAReadErrorSayingSo) {
  TempRoot root;
  Dataset dataset(root.settings(), "run_errors");
  dataset.append(kEdges, edges_at({0, 1, 2}));
  // A directory where the part was: the OS refuses to read it as a file.
  std::vector<std::filesystem::path> parts;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root.path() / "runs/run_errors")) {
    if (entry.path().extension() == ".parquet") parts.push_back(entry.path());
  }
  ASSERT_EQ(parts.size(), 1u);
  std::filesystem::remove(parts.front());
  std::filesystem::create_directory(parts.front());
  try {
    (void)dataset.read(kEdges);
    FAIL() << "reading a directory as a part succeeded";
  } catch (const IoReadError& error) {
    EXPECT_EQ(error.kind(), ErrorKind::InvalidArgument);
    EXPECT_THAT(error.what(), HasSubstr("not a regular file"));
  }
}

TEST(Errors, BadArgumentsAreArgumentErrors) {
  TempRoot root;
  EXPECT_THROW(Dataset(root.settings(), "../escape"), IoArgumentError);
  Dataset dataset(root.settings(), "run_arguments");
  EXPECT_THROW((void)dataset.scan(kEdges).limit(-1), IoArgumentError);
  EXPECT_THROW((void)LogCursor::parse("nonsense"), IoArgumentError);
}

}  // namespace
}  // namespace crv::io
