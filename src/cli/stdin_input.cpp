#include "cli/stdin_input.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
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

std::string copy_stdin() {
  std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  const bool parquet = data.rfind("PAR1", 0) == 0;
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("crv-io-stdin-" + std::to_string(::getpid()) + (parquet ? ".parquet" : ".jsonl"));
  std::ofstream out(path, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out.flush()) throw CLI::ValidationError("-", "cannot copy standard input to " + path.string());
  temporary_files().paths.push_back(path);
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
