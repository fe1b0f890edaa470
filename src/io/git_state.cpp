// The git sha and dirty flag of the working directory's repository, through the `git`
// command (nulls when there is no repository or no git).

#include <array>
#include <cstdio>
#include <optional>
#include <string>

#include <sys/wait.h>

#include "crv/io/run_bundle.hpp"

namespace crv::io {
namespace {

/// The standard output of a shell command, or nullopt when it fails.
std::optional<std::string> command_output(const char* command) {
  FILE* pipe = ::popen(command, "r");
  if (pipe == nullptr) return std::nullopt;
  std::string output;
  std::array<char, 4096> buffer{};
  std::size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), read);
  const int status = ::pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return output;
}

std::string trim_end(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

nlohmann::json git_state() {
  nlohmann::json state = {{"sha", nullptr}, {"dirty", nullptr}};
  const auto inside = command_output("git rev-parse --is-inside-work-tree 2>/dev/null");
  if (!inside || trim_end(*inside) != "true") return state;
  if (const auto sha = command_output("git rev-parse HEAD 2>/dev/null")) {
    const std::string text = trim_end(*sha);
    if (!text.empty()) state["sha"] = text;
  }
  if (const auto status = command_output("git status --porcelain 2>/dev/null")) {
    state["dirty"] = !trim_end(*status).empty();
  }
  return state;
}

}  // namespace crv::io
