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

/// `crv-io <arguments>` (arguments are shell text: quote paths). With `raw`, `arguments` is the
/// whole shell command (it names the binary itself, e.g. after `env` or a pipe).
inline CliResult run_crv_io(const std::string& arguments, bool raw = false) {
  static int counter = 0;
  const std::filesystem::path base = std::filesystem::temp_directory_path() /
                                     ("crv-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::filesystem::path out = base.string() + ".out";
  const std::filesystem::path err = base.string() + ".err";
  const std::string command = (raw ? "(" + arguments + ")" : std::string("'") + CRV_CLI_PATH + "' " + arguments) +
                              " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file_text(out);
  result.err = read_file_text(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

/// Whether util-linux `script` is there to give the binary a pseudo-terminal.
inline bool have_script() { return std::system("command -v script >/dev/null 2>&1") == 0; }

/// `crv-io <arguments>` under a pseudo-terminal (util-linux `script`): stdout and stderr are
/// a terminal unless `arguments` redirects them. `environment` ("NO_COLOR=1 COLUMNS=60")
/// is set for the binary. `out` is what the terminal showed, with "\r\n" turned to "\n".
inline CliResult run_crv_io_in_terminal(const std::string& arguments, const std::string& environment = "") {
  static int counter = 0;
  const std::filesystem::path base = std::filesystem::temp_directory_path() /
                                     ("crv-cli-tty-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::filesystem::path out = base.string() + ".out";
  const std::filesystem::path inner = base.string() + ".sh";
  std::ofstream(inner) << "exec env " << environment << " '" << CRV_CLI_PATH << "' " << arguments << "\n";
  const std::string command = "script -q -e -c 'sh " + inner.string() + "' /dev/null >'" + out.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  for (const char c : read_file_text(out)) {
    if (c != '\r') result.out += c;
  }
  std::filesystem::remove(out);
  std::filesystem::remove(inner);
  return result;
}

}  // namespace crv::cli::testing
