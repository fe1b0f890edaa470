// Fork-join over a shared task counter.

#include "crv/core/parallel_tasks.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace crv::core {

int hardware_threads() {
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware == 0 ? 1 : static_cast<int>(std::min(hardware, 64u));
}

void run_tasks(std::size_t count, int threads, const std::function<void(std::size_t)>& task) {
  const size_t workers = std::min(count, static_cast<size_t>(std::max(threads, 1)));
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::atomic<size_t> first_failed{std::numeric_limits<size_t>::max()};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto work = [&] {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) {
      if (i > first_failed.load()) continue;
      try {
        task(i);
      } catch (...) {
        const std::lock_guard guard(failure_mutex);
        if (i < first_failed.load()) {
          first_failed.store(i);
          failure = std::current_exception();
        }
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    helpers.reserve(workers - 1);
    for (size_t t = 1; t < workers; ++t) helpers.emplace_back(work);
    work();
  }  // joins the helpers
  if (failure) std::rethrow_exception(failure);
}

}  // namespace crv::core
