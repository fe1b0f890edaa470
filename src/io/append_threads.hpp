#pragma once
// The threads of an append: the parts of different buckets are independent files, so they
// are encoded, written and fsynced concurrently (their fsyncs overlap too). Each part's bytes
// depend only on its rows, never on the thread count.

#include <cstddef>
#include <cstdint>
#include <functional>

namespace crv::io::detail {

/// Threads for writing parts: `requested` when positive, else the hardware concurrency
/// capped at kMaxAutoWriteThreads (at least 1).
[[nodiscard]] int resolve_write_threads(std::int64_t requested);
inline constexpr int kMaxAutoWriteThreads = 4;

/// Runs write(k) for every part k in [0, count) on up to `threads` threads, the calling one
/// included. When writes throw, the exception of the lowest failing part is rethrown after
/// every started write has finished (parts after it may be skipped), as a single-threaded
/// run in part order would.
void run_part_writes(std::size_t count, int threads, const std::function<void(std::size_t)>& write);

}  // namespace crv::io::detail
