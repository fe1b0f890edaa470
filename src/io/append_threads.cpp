#include "io/append_threads.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace crv::io::detail {

int resolve_write_threads(std::int64_t requested) {
  if (requested > 0) return static_cast<int>(std::min<std::int64_t>(requested, 256));
  const unsigned hardware = std::thread::hardware_concurrency();
  return std::clamp(static_cast<int>(hardware), 1, kMaxAutoWriteThreads);
}

void run_part_writes(std::size_t count, int threads, const std::function<void(std::size_t)>& write) {
  const std::size_t workers = std::min(count, static_cast<std::size_t>(std::max(threads, 1)));
  if (workers <= 1) {
    for (std::size_t k = 0; k < count; ++k) write(k);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_failed{std::numeric_limits<std::size_t>::max()};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto work = [&] {
    for (std::size_t k = next.fetch_add(1); k < count; k = next.fetch_add(1)) {
      if (k > first_failed.load()) continue;
      try {
        write(k);
      } catch (...) {
        const std::lock_guard guard(failure_mutex);
        if (k < first_failed.load()) {
          first_failed.store(k);
          failure = std::current_exception();
        }
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    helpers.reserve(workers - 1);
    for (std::size_t t = 1; t < workers; ++t) helpers.emplace_back(work);
    work();
  }  // joins the helpers
  if (failure) std::rethrow_exception(failure);
}

}  // namespace crv::io::detail
