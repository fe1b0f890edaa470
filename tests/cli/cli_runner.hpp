#pragma once
// Runs the built crv-io binary (CRV_CLI_PATH) through the shell for the CLI tests,
// capturing its exit code, stdout and stderr.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace crv::cli::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// `crv-io <arguments>` (arguments are shell text: quote paths).
inline CliResult run_crv_io(const std::string& arguments) {
  static int counter = 0;
  const std::filesystem::path base = std::filesystem::temp_directory_path() /
                                     ("crv-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::filesystem::path out = base.string() + ".out";
  const std::filesystem::path err = base.string() + ".err";
  const std::string command =
      std::string("'") + CRV_CLI_PATH + "' " + arguments + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file_text(out);
  result.err = read_file_text(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

}  // namespace crv::cli::testing
