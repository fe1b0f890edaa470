// JSONL in frames of bounded size; a file's frames parsed on a thread of their own, one
// frame ahead of the consumer, so that parsing and what the consumer does with a frame (an
// append encodes it as Parquet) run on two cores at once.

#include <crv/frame/jsonl_chunk_reader.hpp>

#include <condition_variable>
#include <cstring>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "frame/jsonl_range.hpp"

namespace crv::frame {
namespace {

/// Thrown into the parsing thread when the consumer has stopped: the read ends there.
struct ConsumerStopped {};

/// The frames going from the parsing thread to the consumer: at most one waits.
class ChunkHandoff {
 public:
  /// Parsing thread: waits until the slot is free; ConsumerStopped when the consumer is gone.
  void put(JsonlChunk chunk) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !waiting_ || stopped_; });
    if (stopped_) throw ConsumerStopped{};
    waiting_ = std::move(chunk);
    changed_.notify_all();
  }
  /// Parsing thread: no more frames; `error` is the read's failure, if any.
  void finish(std::exception_ptr error) {
    const std::lock_guard lock(mutex_);
    finished_ = true;
    error_ = std::move(error);
    changed_.notify_all();
  }
  /// Consumer: the next frame, or nullopt at the end (rethrowing the read's error).
  std::optional<JsonlChunk> take() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return waiting_ || finished_; });
    if (waiting_) {
      std::optional<JsonlChunk> chunk = std::move(waiting_);
      waiting_.reset();
      changed_.notify_all();
      return chunk;
    }
    if (error_) std::rethrow_exception(error_);
    return std::nullopt;
  }
  /// Consumer: stops the parsing thread at its next frame.
  void stop() {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
    waiting_.reset();
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<JsonlChunk> waiting_;
  bool finished_ = false;
  bool stopped_ = false;
  std::exception_ptr error_;
};

std::ifstream open_chunk_input(const std::filesystem::path& path) {
  std::ifstream input(path, std::ios::binary);
  if (!input) throw std::runtime_error("cannot open '" + path.string() + "': " + std::strerror(errno));
  return input;
}

}  // namespace

void read_jsonl_chunks(std::istream& input, const JsonlChunkCallback& on_chunk, const JsonlSchema& schema,
                       const JsonlReadOptions& options, std::uint64_t frame_bytes) {
  detail::read_jsonl_frames(input, UINT64_MAX, schema, options, frame_bytes, on_chunk);
}

void read_jsonl_file_chunks(const std::filesystem::path& path, const JsonlChunkCallback& on_chunk,
                            const JsonlSchema& schema, JsonlReadOptions options, std::uint64_t frame_bytes) {
  std::ifstream input = open_chunk_input(path);
  std::error_code size_error;
  const std::uintmax_t size = std::filesystem::file_size(path, size_error);
  options.total_bytes = size_error ? 0 : size;
  ChunkHandoff handoff;
  std::thread parser([&] {
    std::exception_ptr error;
    try {
      read_jsonl_chunks(
          input, [&handoff](JsonlChunk chunk) { handoff.put(std::move(chunk)); }, schema, options, frame_bytes);
    } catch (const ConsumerStopped&) {
    } catch (...) {
      error = std::current_exception();
    }
    handoff.finish(std::move(error));
  });
  try {
    while (std::optional<JsonlChunk> chunk = handoff.take()) on_chunk(std::move(*chunk));
  } catch (...) {
    handoff.stop();
    parser.join();
    throw;
  }
  parser.join();
}

}  // namespace crv::frame
