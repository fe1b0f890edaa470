#pragma once
// Progress of long work on standard error: "verify  3/9 tables  33%  12.0 tables/s  ETA 0.5 s".
// Drawn only when stderr is a terminal (never into a pipe or a log file), redrawn at most
// ten times a second from a background thread so that a single long library call (which
// reports nothing) still shows it is alive, and ended with one summary line.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace crv::cli {

class Progress {
 public:
  /// `total` units of `unit` ("tables", "bytes"); 0 when unknown (then elapsed time only).
  /// Nothing is drawn when stderr is not a terminal.
  Progress(std::string label, std::int64_t total, std::string unit);
  /// Without finish() (the work failed: an error is about to be printed), the line is erased.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// `units` more are done (thread-safe: a library callback may call it from its thread).
  void advance(std::int64_t units = 1);
  /// Exactly `done` units are done (a bytes-consumed callback).
  void set_done(std::int64_t done);
  /// What is being done now ("reading edges.jsonl"), shown after the label.
  void set_phase(std::string phase);
  /// Draws the last state with the elapsed time and the mean rate, and ends the line.
  void finish();

  /// Whether this progress draws at all (stderr is a terminal).
  bool visible() const { return visible_; }

 private:
  void stop_ticker();
  void run_ticker();
  void draw(bool final);
  std::string line(bool final) const;

  std::string label_;
  std::string unit_;
  std::int64_t total_;
  std::atomic<std::int64_t> done_{0};
  std::chrono::steady_clock::time_point start_;
  bool visible_;
  bool finished_ = false;
  mutable std::mutex mutex_;  ///< phase_, stop_ and the drawing
  std::condition_variable stop_changed_;
  std::string phase_;
  bool stop_ = false;
  std::thread ticker_;
};

/// What one progress line shows.
struct ProgressState {
  std::string label;  ///< "verify" (already painted when colour is on)
  std::string phase;  ///< "identity_edges"; not shown on the final line
  std::string unit;   ///< "tables", "parts", "bytes" (shown as B, KiB, ...)
  std::int64_t done = 0;
  std::int64_t total = 0;  ///< 0: unknown (no percentage, no ETA)
  double elapsed_seconds = 0;
  bool final = false;  ///< the summary: the mean rate and "done in"
};

/// "verify identity_edges  3/8 tables  37%  12.0 tables/s  ETA 0.4 s", or with `final`
/// "verify  8/8 tables  100%  12.0 tables/s  done in 0.7 s".
std::string progress_line(const ProgressState& state);

/// "1.5 s", "2 min 05 s": a duration for a progress line.
std::string format_duration(double seconds);

}  // namespace crv::cli
