#include "frame/jsonl_segment_parsers.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>

#include "frame/jsonl_range.hpp"

namespace crv::frame::detail {

SegmentParsers::SegmentParsers(std::filesystem::path path, const std::vector<JsonlSegment>& segments,
                               const JsonlSchema& schema, const JsonlReadOptions& options)
    : path_(std::move(path)), segments_(segments), schema_(schema), options_(options), parsed_(segments.size()) {
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  workers_ = std::max<std::size_t>(1, std::min<std::size_t>({4, hardware, segments.size()}));
  done_.assign(workers_, 0);
  current_.assign(workers_, 0);
  for (std::size_t w = 0; w < workers_ && w < segments.size(); ++w) threads_.emplace_back([this, w] { run_worker(w); });
}

SegmentParsers::~SegmentParsers() {
  stop();
  for (std::thread& thread : threads_) thread.join();
}

void SegmentParsers::stop() {
  const std::lock_guard lock(mutex_);
  stopped_ = true;
  changed_.notify_all();
}

ParsedSegment SegmentParsers::take(std::size_t k) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return parsed_[k].has_value(); });
  ParsedSegment out = std::move(*parsed_[k]);
  parsed_[k].reset();
  taken_ = k + 1;
  changed_.notify_all();
  return out;
}

void SegmentParsers::run_worker(std::size_t first) {
  for (std::size_t k = first; k < segments_.size(); k += workers_) {
    {
      // The previous segment of this worker must have been taken: one finished frame waits.
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopped_ || k < workers_ || taken_ > k - workers_; });
      if (stopped_) return;
    }
    ParsedSegment parsed = parse(k);
    const bool failed = parsed.error != nullptr;
    {
      const std::lock_guard lock(mutex_);
      parsed_[k] = std::move(parsed);
      changed_.notify_all();
    }
    if (failed) return;  // the consumer stops at this segment
  }
}

ParsedSegment SegmentParsers::parse(std::size_t k) {
  const std::size_t worker = k % workers_;
  const JsonlSegment& segment = segments_[k];
  ParsedSegment out;
  try {
    std::ifstream input(path_, std::ios::binary);
    if (!input) throw std::runtime_error("cannot open '" + path_.string() + "': " + std::strerror(errno));
    input.seekg(static_cast<std::streamoff>(segment.begin));
    JsonlReadOptions options;
    options.chunk_bytes = options_.chunk_bytes;
    options.total_bytes = segment.end - segment.begin;
    if (options_.on_progress)
      options.on_progress = [&](std::uint64_t consumed, std::uint64_t) { report(worker, consumed); };
    out.lines = read_jsonl_frames(input, segment.end - segment.begin, schema_, options, UINT64_MAX,
                                  [&out](JsonlChunk chunk) { out.chunk = std::move(chunk); });
  } catch (...) {
    out.error = std::current_exception();
  }
  const std::lock_guard lock(progress_mutex_);
  done_[worker] += segment.end - segment.begin;
  current_[worker] = 0;
  return out;
}

void SegmentParsers::report(std::size_t worker, std::uint64_t consumed) {
  const std::lock_guard lock(progress_mutex_);
  current_[worker] = consumed;
  std::uint64_t total = 0;
  for (std::size_t w = 0; w < workers_; ++w) total += done_[w] + current_[w];
  if (total <= reported_) return;
  reported_ = total;
  options_.on_progress(total, options_.total_bytes);
}

void SegmentParsers::finish_progress() {
  const std::lock_guard lock(progress_mutex_);
  if (!options_.on_progress || reported_ >= options_.total_bytes) return;
  reported_ = options_.total_bytes;
  options_.on_progress(reported_, options_.total_bytes);
}

}  // namespace crv::frame::detail
