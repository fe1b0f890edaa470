#pragma once
// The lines of a stream, read in chunks into one buffer (private to the frame layer). A
// line split across two chunks is moved to the front of the buffer before the next read;
// a line longer than the buffer grows it. Every line handed out is followed by at least
// `kLinePadding` readable bytes of the buffer, which simdjson needs past a document.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string_view>

namespace crv::frame::detail {

inline constexpr std::size_t kLinePadding = 64;

class JsonlLineSource {
 public:
  /// Reads at most `max_bytes` of `input` (a part of a file read by another source too).
  JsonlLineSource(std::istream& input, std::size_t chunk_bytes, std::uint64_t max_bytes = UINT64_MAX);

  /// The next line without its '\n' (a last line without one counts); false at the end.
  bool next(std::string_view& line);
  /// Bytes of the input handed out as lines so far (their newlines included).
  std::uint64_t consumed() const { return consumed_; }
  /// Whether a chunk was read since the last call (when to report progress).
  bool take_refilled();

 private:
  /// Moves the unfinished line to the front and reads the next chunk after it; false at
  /// the end of the input.
  bool refill();

  std::istream& input_;
  std::size_t chunk_bytes_;
  std::size_t capacity_ = 0;  // bytes of data the buffer holds (padding not counted)
  std::unique_ptr<char[]> buffer_;
  std::size_t begin_ = 0;  // the first byte not handed out
  std::size_t end_ = 0;    // one past the last byte read
  bool eof_ = false;
  bool refilled_ = false;
  std::uint64_t consumed_ = 0;
  std::uint64_t unread_;  // of max_bytes
};

}  // namespace crv::frame::detail
