// Fork-join over a shared task counter, helped by a process-wide pool of worker threads.
//
// The workers live as long as the process (like LevelDB's background thread, the pool is
// never destroyed), so what they keep in thread_local caches (the Parquet writer's column
// writers and their buffers, compression contexts) is reused from one call to the next
// instead of being allocated, page-faulted in and freed again by short-lived threads.
//
// The caller always works on its own job too, and withdraws the help requests no worker has
// taken when it runs out of tasks: a job finishes even when every worker is busy (nested
// calls, or a child process after fork(), which has none of the parent's threads).

#include "crv/core/parallel_tasks.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

namespace crv::core {

namespace {

constexpr size_t kMaxThreads = 64;

// One run_tasks call: tasks are taken from a shared counter by the caller and the workers
// that answer its help requests.
class Job {
 public:
  Job(size_t count, const std::function<void(size_t)>& task) : count_(count), task_(task) {}

  void work() {
    for (size_t i = next_.fetch_add(1); i < count_; i = next_.fetch_add(1)) {
      if (i > first_failed_.load()) continue;
      try {
        task_(i);
      } catch (...) {
        const std::lock_guard guard(failure_mutex_);
        if (i < first_failed_.load()) {
          first_failed_.store(i);
          failure_ = std::current_exception();
        }
      }
    }
  }

  [[nodiscard]] std::exception_ptr failure() const { return failure_; }

 private:
  std::atomic<size_t> next_{0};
  const size_t count_;
  const std::function<void(size_t)>& task_;
  std::atomic<size_t> first_failed_{std::numeric_limits<size_t>::max()};
  std::mutex failure_mutex_;
  std::exception_ptr failure_;
};

class WorkerPool {
 public:
  // Asks up to `helpers` workers to help with `job`, starting workers as needed.
  void request_help(Job* job, size_t helpers) {
    const std::lock_guard guard(mutex_);
    while (started_ < std::min(helpers, kMaxThreads - 1)) {
      std::thread(&WorkerPool::run_worker, this).detach();
      ++started_;
    }
    for (size_t k = 0; k < helpers; ++k) requests_.push_back(job);
    wake_workers_.notify_all();
  }

  // Withdraws the requests for `job` that no worker has taken, then waits until the workers
  // that took one are done with it.
  void finish(Job* job) {
    std::unique_lock lock(mutex_);
    requests_.erase(std::remove(requests_.begin(), requests_.end(), job), requests_.end());
    job_done_.wait(lock, [&] { return std::count(active_.begin(), active_.end(), job) == 0; });
  }

 private:
  [[noreturn]] void run_worker() {
    std::unique_lock lock(mutex_);
    while (true) {
      wake_workers_.wait(lock, [this] { return !requests_.empty(); });
      Job* job = requests_.front();
      requests_.pop_front();
      active_.push_back(job);
      lock.unlock();
      job->work();
      lock.lock();
      active_.erase(std::find(active_.begin(), active_.end(), job));
      job_done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_workers_;
  std::condition_variable job_done_;
  std::deque<Job*> requests_;
  std::deque<Job*> active_;  // one entry per worker busy with a job
  size_t started_ = 0;
};

// The pool of this process. A child process made by fork() has none of its parent's
// threads (and maybe a mutex its parent's workers held), so it starts a pool of its own.
WorkerPool& worker_pool() {
  static std::mutex mutex;
  static WorkerPool* pool = nullptr;
  static pid_t owner = 0;
  const pid_t pid = getpid();
  const std::lock_guard guard(mutex);
  if (pool == nullptr || owner != pid) {
    pool = new WorkerPool();  // never destroyed: the workers run until the process exits
    owner = pid;
  }
  return *pool;
}

}  // namespace

int hardware_threads() {
  // Asked once: glibc reads /sys/devices/system/cpu/online on every call.
  static const int threads = [] {
    const unsigned hardware = std::thread::hardware_concurrency();
    return hardware == 0 ? 1 : static_cast<int>(std::min(hardware, 64u));
  }();
  return threads;
}

void run_tasks(std::size_t count, int threads, const std::function<void(std::size_t)>& task) {
  const size_t workers = std::min({count, static_cast<size_t>(std::max(threads, 1)), kMaxThreads});
  if (workers <= 1) {
    for (size_t i = 0; i < count; ++i) task(i);
    return;
  }
  Job job(count, task);
  WorkerPool& pool = worker_pool();
  pool.request_help(&job, workers - 1);
  job.work();
  pool.finish(&job);
  if (job.failure()) std::rethrow_exception(job.failure());
}

}  // namespace crv::core
