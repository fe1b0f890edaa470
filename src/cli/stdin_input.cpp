#include "cli/stdin_input.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace crv::cli {
namespace {

/// The temporary copies, removed when the process exits normally.
struct TemporaryFiles {
  std::vector<std::filesystem::path> paths;
  ~TemporaryFiles() {
    std::error_code ignored;
    for (const auto& path : paths) std::filesystem::remove(path, ignored);
  }
};

TemporaryFiles& temporary_files() {
  static TemporaryFiles files;
  return files;
}

/// A new file of its own in the temporary directory, created by mkstemps (a name no one else
/// can have chosen or linked beforehand), ending in `suffix`.
std::filesystem::path create_temporary_file(const std::string& suffix) {
  std::string name = (std::filesystem::temp_directory_path() / ("crv-io-stdin-XXXXXX" + suffix)).string();
  const int fd = ::mkstemps(name.data(), static_cast<int>(suffix.size()));
  if (fd < 0) {
    throw CLI::ValidationError(
        "-", "cannot create a temporary file for standard input in " + std::filesystem::temp_directory_path().string() +
                 ": " + std::system_category().message(errno) + " (set TMPDIR to a writable directory)");
  }
  ::close(fd);
  return name;
}

/// Standard input copied to a temporary file in blocks (bounded memory, however large the
/// input), named by the first bytes: Parquet's magic "PAR1" or JSONL.
std::string copy_stdin() {
  char magic[4] = {};
  std::cin.read(magic, sizeof magic);
  const std::streamsize head = std::cin.gcount();
  const bool parquet = head == 4 && std::string_view(magic, 4) == "PAR1";
  const std::filesystem::path path = create_temporary_file(parquet ? ".parquet" : ".jsonl");
  temporary_files().paths.push_back(path);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(magic, head);
  std::vector<char> block(1 << 20);
  while (std::cin.read(block.data(), static_cast<std::streamsize>(block.size())) || std::cin.gcount() > 0) {
    out.write(block.data(), std::cin.gcount());
  }
  if (!out.flush()) throw CLI::ValidationError("-", "cannot copy standard input to " + path.string());
  return path.string();
}

}  // namespace

CLI::Validator stdin_as_file() {
  return CLI::Validator(
      [](std::string& value) {
        if (value == "-") value = copy_stdin();
        return std::string();
      },
      "FILE|-");
}

}  // namespace crv::cli
