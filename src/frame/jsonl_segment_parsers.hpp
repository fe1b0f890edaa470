#pragma once
// The segments of a JSONL file parsed on several threads, handed to one consumer in order
// (private to the frame layer; read_jsonl_file_chunks). Worker w parses segments w, w + W,
// w + 2W, ... and starts its next only once the consumer has taken its last: memory holds at
// most one finished frame per worker besides the consumer's.

#include <crv/frame/jsonl_chunk_reader.hpp>
#include <crv/frame/jsonl_reader.hpp>

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "frame/jsonl_segments.hpp"

namespace crv::frame::detail {

/// One segment parsed: its frame (none when it has no row) with line numbers and offsets
/// relative to the segment, its line count, or the error its parse threw.
struct ParsedSegment {
  std::optional<JsonlChunk> chunk;
  std::int64_t lines = 0;
  std::exception_ptr error;
};

class SegmentParsers {
 public:
  /// Starts the workers (up to 4, no more than the hardware's threads or the segments).
  /// `options.on_progress` is called from the workers, one call at a time, with the bytes of
  /// the file parsed so far (never decreasing) and `options.total_bytes`.
  SegmentParsers(std::filesystem::path path, const std::vector<JsonlSegment>& segments, const JsonlSchema& schema,
                 const JsonlReadOptions& options);
  /// stop(), then joins the workers.
  ~SegmentParsers();
  SegmentParsers(const SegmentParsers&) = delete;
  SegmentParsers& operator=(const SegmentParsers&) = delete;

  /// Segment k, once parsed; call for k = 0, 1, 2, ... in order.
  ParsedSegment take(std::size_t k);
  /// The workers stop at their next segment.
  void stop();
  /// The last progress call, for the whole file, if the workers' calls fell short of it.
  void finish_progress();

 private:
  void run_worker(std::size_t first);
  ParsedSegment parse(std::size_t k);
  void report(std::size_t worker, std::uint64_t consumed);

  const std::filesystem::path path_;
  const std::vector<JsonlSegment>& segments_;
  const JsonlSchema& schema_;
  const JsonlReadOptions& options_;
  std::size_t workers_ = 1;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::optional<ParsedSegment>> parsed_;  // slot k: segment k, until taken
  std::size_t taken_ = 0;                             // segments the consumer has taken
  bool stopped_ = false;

  std::mutex progress_mutex_;
  std::vector<std::uint64_t> done_;     // per worker: bytes of its finished segments
  std::vector<std::uint64_t> current_;  // per worker: bytes of the segment it parses
  std::uint64_t reported_ = 0;

  std::vector<std::thread> threads_;
};

}  // namespace crv::frame::detail
