#include "crv/io/env.hpp"

namespace crv::io {

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
