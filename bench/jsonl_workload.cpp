#include "jsonl_workload.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "benchmark_rows.hpp"
#include "crv/frame/canonical_json.hpp"
#include "process_stats.hpp"

namespace crv::bench {
namespace {

/// The crv-io binary: --crv-io, else <build>/crv-io beside <build>/bench/crv_bench.
std::filesystem::path crv_io_binary(const Options& options) {
  if (options.crv_io) return *options.crv_io;
  return std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path() / "crv-io";
}

struct ChildRun {
  double seconds = 0;
  std::int64_t peak_rss_bytes = 0;
};

/// Runs `argv` to its exit; throws unless it exits 0.
ChildRun run_process(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const double start = now_seconds();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("W10: fork failed");
  if (pid == 0) {
    // The summary the command prints is not the benchmark's output.
    if (std::FILE* null = std::freopen("/dev/null", "w", stdout); null == nullptr) _exit(127);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) throw std::runtime_error("W10: wait4 failed");
  ChildRun run{now_seconds() - start, static_cast<std::int64_t>(usage.ru_maxrss) * 1024};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("W10: '" + argv[0] + " append' failed with status " + std::to_string(status));
  return run;
}

}  // namespace

void write_benchmark_jsonl(const Options& options, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("W10: cannot write " + path.string());
  const std::int64_t rows_per_tick = options.n / options.ticks;
  constexpr std::int64_t kBlock = 100'000;
  std::string text;
  for (std::int64_t start = 0; start < options.n; start += kBlock) {
    const frame::Frame rows = benchmark_rows(start, std::min(kBlock, options.n - start), rows_per_tick);
    text.clear();
    frame::append_canonical_jsonl(text, rows);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  if (!out.flush()) throw std::runtime_error("W10: cannot write " + path.string());
}

Result run_jsonl_ingestion(const Options& options) {
  ScratchDir input_dir(options.dir);
  const std::filesystem::path file = input_dir.path() / "rows.jsonl";
  write_benchmark_jsonl(options, file);
  const std::filesystem::path binary = crv_io_binary(options);
  Result result;
  std::int64_t peak = 0;
  for (int r = 0; r < options.repeat; ++r) {
    ScratchDir scratch(options.dir);
    settle_filesystem();
    const ChildRun run = run_process({binary.string(), "append", "--root", scratch.path().string(), "--run",
                                      std::string(kRunId), "--table", "identity_edges", file.string()});
    result.seconds.push_back(run.seconds);
    peak = std::max(peak, run.peak_rss_bytes);
    result.bytes_on_disk = bytes_on_disk(scratch.path());
  }
  result.extra["file_bytes"] = static_cast<std::int64_t>(std::filesystem::file_size(file));
  result.extra["append_peak_rss_bytes"] = peak;
  return result;
}

}  // namespace crv::bench
