#pragma once
// The threads of an append: the parts of different buckets are independent files, so they
// are encoded, written and fsynced concurrently (core::run_tasks; their fsyncs overlap too).
// Each part's bytes depend only on its rows, never on the thread count.

#include <cstddef>
#include <cstdint>

namespace crv::io::detail {

/// Threads for writing parts: `requested` when positive, else the hardware concurrency
/// capped at kMaxAutoWriteThreads (at least 1).
[[nodiscard]] int resolve_write_threads(std::int64_t requested);
inline constexpr int kMaxAutoWriteThreads = 4;

}  // namespace crv::io::detail
