#pragma once
// A small fork-join helper for the reader: independent tasks (the columns of a read) run
// on a few std::jthreads, the calling thread included. Tasks write only their own results,
// so the outcome does not depend on the number of threads.

#include <cstddef>
#include <functional>

namespace crv::parquet::reader {

// The number of threads a read uses: `requested` when positive, else the hardware's
// concurrency (at least 1).
[[nodiscard]] int resolve_thread_count(int requested);

// Runs task(i) for every i in [0, count) on up to `threads` threads. When tasks throw, the
// exception of the lowest failing index is rethrown (tasks after it may be skipped), as a
// single-threaded run in index order would.
void run_tasks(size_t count, int threads, const std::function<void(size_t)>& task);

}  // namespace crv::parquet::reader
