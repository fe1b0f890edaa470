#pragma once
/// @file
/// A small fork-join helper: independent tasks (the columns of a read, the parts of an
/// append) run on the calling thread and a few workers of a process-wide pool, whose threads
/// live as long as the process (so their thread_local caches stay warm between calls).
/// Tasks write only their own results, so the outcome does not depend on the number of
/// threads.

#include <cstddef>
#include <functional>

#include "crv/export.hpp"

namespace crv::core {

/// The hardware's concurrency, at least 1.
[[nodiscard]] CRV_IO_EXPORT int hardware_threads();

/// Runs task(i) for every i in [0, count) on up to `threads` threads. When tasks throw, the
/// exception of the lowest failing index is rethrown after every started task has finished
/// (tasks after it may be skipped), as a single-threaded run in index order would.
CRV_IO_EXPORT void run_tasks(std::size_t count, int threads, const std::function<void(std::size_t)>& task);

}  // namespace crv::core
