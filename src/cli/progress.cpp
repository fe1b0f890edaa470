#include "cli/progress.hpp"

#include <cstdio>
#include <iostream>

#include "cli/terminal.hpp"
#include "cli/text_table.hpp"

namespace crv::cli {
namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

std::string amount(std::int64_t value, const std::string& unit) {
  return unit == "bytes" ? human_bytes(value) : thousands(value);
}

std::string rate_text(double per_second, const std::string& unit) {
  if (unit == "bytes") return human_bytes(static_cast<long long>(per_second)) + "/s";
  char text[48];
  std::snprintf(text, sizeof text, "%.1f %s/s", per_second, unit.c_str());
  return text;
}

}  // namespace

std::string format_duration(double seconds) {
  char text[48];
  if (seconds < 60) {
    std::snprintf(text, sizeof text, "%.1f s", seconds);
  } else {
    const auto whole = static_cast<long long>(seconds);
    std::snprintf(text, sizeof text, "%lld min %02lld s", whole / 60, whole % 60);
  }
  return text;
}

Progress::Progress(std::string label, std::int64_t total, std::string unit)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      visible_(stderr_is_terminal()) {
  if (visible_) ticker_ = std::thread([this] { run_ticker(); });
}

Progress::~Progress() {
  if (finished_ || !visible_) return;
  stop_ticker();
  std::cerr << "\r\x1b[K" << std::flush;
}

void Progress::advance(std::int64_t units) { done_.fetch_add(units, std::memory_order_relaxed); }

void Progress::set_done(std::int64_t done) { done_.store(done, std::memory_order_relaxed); }

void Progress::set_phase(std::string phase) {
  const std::lock_guard lock(mutex_);
  phase_ = std::move(phase);
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  if (!visible_) return;
  stop_ticker();
  draw(true);
}

void Progress::stop_ticker() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stop_changed_.notify_all();
  ticker_.join();
}

void Progress::run_ticker() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    draw(false);
    lock.lock();
    stop_changed_.wait_for(lock, kRedrawInterval, [this] { return stop_; });
  }
}

void Progress::draw(bool final) {
  const std::string text = line(final);
  // \r and "erase to end of line" redraw in place; the final line stays.
  std::cerr << '\r' << text << "\x1b[K" << (final ? "\n" : "") << std::flush;
}

std::string Progress::line(bool final) const {
  ProgressState state;
  state.label = paint(label_, Style::kHeader, color_stderr());
  {
    const std::lock_guard lock(mutex_);
    state.phase = phase_;
  }
  state.unit = unit_;
  state.done = done_.load(std::memory_order_relaxed);
  state.total = total_;
  state.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  state.final = final;
  return progress_line(state);
}

std::string progress_line(const ProgressState& state) {
  const bool bytes = state.unit == "bytes";
  std::string text = state.label;
  if (!state.phase.empty() && !state.final) text += " " + state.phase;
  if (state.total > 0) {
    text +=
        "  " + amount(state.done, state.unit) + "/" + amount(state.total, state.unit) + (bytes ? "" : " " + state.unit);
    text += "  " + std::to_string(state.done * 100 / state.total) + "%";
  } else if (state.done > 0) {
    text += "  " + amount(state.done, state.unit) + (bytes ? "" : " " + state.unit);
  }
  if (state.elapsed_seconds > 0 && state.done > 0) {
    text += "  " + rate_text(static_cast<double>(state.done) / state.elapsed_seconds, state.unit);
  }
  if (state.final) return text + "  done in " + format_duration(state.elapsed_seconds);
  if (state.total > 0 && state.done > 0 && state.done < state.total) {
    // The mean rate so far, over what is left.
    const double eta =
        state.elapsed_seconds * static_cast<double>(state.total - state.done) / static_cast<double>(state.done);
    return text + "  ETA " + format_duration(eta);
  }
  return text + "  " + format_duration(state.elapsed_seconds);
}

}  // namespace crv::cli
