#include "io/append_threads.hpp"

#include "crv/core/parallel_tasks.hpp"

#include <algorithm>

namespace crv::io::detail {

int resolve_write_threads(std::int64_t requested) {
  if (requested > 0) return static_cast<int>(std::min<std::int64_t>(requested, 256));
  return std::min(core::hardware_threads(), kMaxAutoWriteThreads);
}

}  // namespace crv::io::detail
