#include "crv/io/env.hpp"

#include <chrono>

namespace crv::io {

std::int64_t Env::now_ns() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool create_dirs_durably(Env& env, const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> missing;  // innermost first
  for (std::filesystem::path at = dir; !at.empty() && !env.is_directory(at); at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path()) break;
  }
  if (missing.empty()) return false;
  env.create_dirs(dir);
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    env.sync_dir(it->has_parent_path() ? it->parent_path() : std::filesystem::path("."));
  }
  return true;
}

void remove_file_quietly(Env& env, const std::filesystem::path& path) noexcept {
  try {
    env.remove_file(path);
  } catch (...) {
    // Cleanup of a file that may not exist: nothing to report.
  }
}

}  // namespace crv::io
