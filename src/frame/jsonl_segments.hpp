#pragma once
// A JSONL file cut into the segments that read_jsonl_chunks would make frames of (private to
// the frame layer): found by reading a few bytes around each cut, not the whole file, so that
// the segments can be parsed on several threads and still give the sequential read's frames.

#include <cstdint>
#include <istream>
#include <vector>

namespace crv::frame::detail {

/// Bytes [begin, end) of the input.
struct JsonlSegment {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};

/// The offset just past the first '\n' at or after `from` in a `size`-byte input, or `size`
/// when there is none: where the line holding byte `from` ends.
std::uint64_t jsonl_line_end(std::istream& input, std::uint64_t size, std::uint64_t from);

/// The segments of a `size`-byte input, in order, covering it: each ends where the sequential
/// reader delivers a frame, at the end of the first non-blank line that takes the segment
/// to `frame_bytes` or more (the last ends at `size`). None for an empty input.
std::vector<JsonlSegment> jsonl_segments(std::istream& input, std::uint64_t size, std::uint64_t frame_bytes);

}  // namespace crv::frame::detail
