#include "crv/io/env.hpp"

namespace crv::io {

void remove_file_quietly(Env& env, const std::filesystem::path& path) noexcept {
  try {
    env.remove_file(path);
  } catch (...) {
    // Cleanup of a file that may not exist: nothing to report.
  }
}

}  // namespace crv::io
