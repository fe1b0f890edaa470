#pragma once
// What the workloads of crv_bench share: the options, the clock, scratch datasets on a
// settled filesystem, the settings every workload writes with, and child processes.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "crv/core/table_name.hpp"
#include "crv/io/settings.hpp"

namespace crv::bench {

inline constexpr std::string_view kRunId = "run_bench0";
inline constexpr core::TableName kTable = core::TableName::IdentityEdges;

struct Options {
  std::string workload;
  std::int64_t n = 1'000'000;
  std::int64_t ticks = 1'000;
  std::int64_t appends = 20'000;
  std::int64_t window = 1'000;
  std::int64_t processes = 4;
  int repeat = 3;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  /// W7 only: write the streamed table under this root, keep it and exit (the Polars peer
  /// reads the directory crv-io wrote).
  std::optional<std::filesystem::path> write_to;
  /// W10 only: write the JSONL file of the rows here and exit (the DuckDB peer's input).
  std::optional<std::filesystem::path> write_jsonl;
  /// W10: the crv-io binary to run (default: <build>/crv-io).
  std::optional<std::filesystem::path> crv_io;
};

[[noreturn]] void usage_error(const std::string& message);

double now_seconds();
/// CPU seconds of this process so far (all threads): user and system.
std::pair<double, double> cpu_seconds();
double median(std::vector<double> values);
/// The nearest-rank `q`-quantile (0 < q <= 1) of `values` (not empty).
double quantile(std::vector<double> values, double q);

/// sync, then CRV_BENCH_SETTLE_MS (default 1000) milliseconds of pause.
void settle_filesystem();

/// A fresh directory under `base`, removed with its content when the object goes away.
class ScratchDir {
 public:
  explicit ScratchDir(const std::filesystem::path& base);
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  /// Removes the dataset and lets the filesystem settle, so that the next timed run does not
  /// pay for this one's cleanup and writeback. The peers do the same (peer_common.mjs removeDir).
  ~ScratchDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The WORKLOADS.md settings (bucket size 100, zstd), every other setting its default:
/// inlining on (inline_max_rows 10,000).
io::IoSettings bench_settings(const std::filesystem::path& root);

/// Runs `work` in a child process (so that its memory does not count in this process's
/// peak, and so that this process starts no thread of the library's pool before it forks
/// writers); throws when it fails.
void run_in_child(const std::function<void()>& work);

struct Result {
  std::vector<double> seconds;
  std::int64_t bytes_on_disk = 0;
  nlohmann::json extra = nlohmann::json::object();
};

}  // namespace crv::bench
