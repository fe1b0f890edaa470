#pragma once
// What the benchmark measures about its own process and its output: peak resident memory
// and bytes on disk.

#include <cstdint>
#include <filesystem>

namespace crv::bench {

/// The process's peak resident set size in bytes (VmHWM of /proc/self/status, else
/// getrusage ru_maxrss).
std::int64_t peak_rss_bytes();

/// Resets the peak resident set size to the current one (writes 5 to
/// /proc/self/clear_refs); false when the kernel does not allow it.
bool reset_peak_rss();

/// The sizes of the regular files under `root`, recursively.
std::int64_t bytes_on_disk(const std::filesystem::path& root);

}  // namespace crv::bench
