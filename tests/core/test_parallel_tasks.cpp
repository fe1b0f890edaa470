#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <crv/core/parallel_tasks.hpp>
#include <cstddef>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace crv::core {
namespace {

// Runs every task once and returns how often each index ran.
std::vector<int> run_counting(std::size_t count, int threads) {
  std::vector<std::atomic<int>> runs(count);
  run_tasks(count, threads, [&](std::size_t i) { runs[i].fetch_add(1); });
  std::vector<int> out;
  out.reserve(count);
  for (const auto& r : runs) out.push_back(r.load());
  return out;
}

TEST(ParallelTasks, EveryIndexRunsOnceForAnyThreadCount) {
  for (const int threads : {0, 1, 2, 3, 8}) {
    for (const std::size_t count :
         {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{1000}}) {
      EXPECT_EQ(run_counting(count, threads), std::vector<int>(count, 1)) << threads << " threads, " << count;
    }
  }
}

// Counts the threads that ran a task of ManyCallsInARowReuseThePool: each constructs its
// thread_local marker once, on its first task.
std::atomic<int> threads_seen{0};
struct ThreadSeen {
  ThreadSeen() { threads_seen.fetch_add(1); }
};
thread_local ThreadSeen thread_seen;

TEST(ParallelTasks, ManyCallsInARowReuseThePool) {
  for (int call = 0; call < 500; ++call) {
    std::vector<std::atomic<int>> runs(5);
    run_tasks(5, 2, [&](std::size_t i) {
      (void)&thread_seen;
      runs[i].fetch_add(1);
    });
    for (std::size_t i = 0; i < runs.size(); ++i) ASSERT_EQ(runs[i].load(), 1) << "call " << call << " task " << i;
  }
  // The caller and the pool's workers (at most 63, and far fewer started by these tests),
  // not a new thread per call.
  EXPECT_LE(threads_seen.load(), 64);
}

TEST(ParallelTasks, TheLowestFailingIndexIsRethrown) {
  for (const int threads : {1, 2, 4}) {
    try {
      run_tasks(100, threads, [](std::size_t i) {
        if (i == 37 || i == 90) throw std::runtime_error("task " + std::to_string(i));
      });
      FAIL() << "no exception with " << threads << " threads";
    } catch (const std::runtime_error& error) {
      EXPECT_STREQ(error.what(), "task 37") << threads << " threads";
    }
  }
}

TEST(ParallelTasks, NestedCallsFinishEvenWhenEveryWorkerIsBusy) {
  std::atomic<int> inner{0};
  run_tasks(8, 4, [&](std::size_t) { run_tasks(8, 4, [&](std::size_t) { inner.fetch_add(1); }); });
  EXPECT_EQ(inner.load(), 64);
}

TEST(ParallelTasks, WorksInAChildProcessAfterFork) {
  // Warm the parent's pool first: the child has none of its threads.
  ASSERT_EQ(run_counting(16, 4), std::vector<int>(16, 1));
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const bool ok = run_counting(100, 4) == std::vector<int>(100, 1);
    std::_Exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace crv::core
