#include "bench_support.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <thread>

namespace crv::bench {

[[noreturn]] void usage_error(const std::string& message) {
  throw std::invalid_argument(message +
                              "\nusage: crv_bench --workload W1|W2|W3|W4|W5|W6|W7|W8|W9|U8 [--n N] [--ticks T] "
                              "[--appends K] [--window W] [--processes P] [--repeat R] [--dir TMPDIR] "
                              "[--write-to ROOT]");
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::pair<double, double> cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec);
  };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

void settle_filesystem() {
  ::sync();
  const char* settle = std::getenv("CRV_BENCH_SETTLE_MS");
  const long milliseconds = settle != nullptr ? std::strtol(settle, nullptr, 10) : 1000;
  if (milliseconds > 0) std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
}

ScratchDir::ScratchDir(const std::filesystem::path& base) {
  std::string pattern = (base / "crv-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("cannot create a scratch directory under " + base.string());
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
  settle_filesystem();
}

io::IoSettings bench_settings(const std::filesystem::path& root) {
  io::IoSettings settings;
  settings.root_dir = root;
  settings.tick_bucket_size = 100;
  settings.compression = "zstd";
  return settings;
}

void run_in_child(const std::function<void()>& work) {
  std::cout.flush();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int code = 0;
    try {
      work();
    } catch (const std::exception& error) {
      std::cerr << "crv_bench: in a child process: " << error.what() << "\n";
      code = 1;
    }
    std::_Exit(code);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("a child process failed (see its message above)");
  }
}

}  // namespace crv::bench
