#include "frame/jsonl_segments.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace crv::frame::detail {
namespace {

constexpr std::size_t kBlock = std::size_t{1} << 16;

/// Random reads of the input, a block at a time.
class Bytes {
 public:
  Bytes(std::istream& input, std::uint64_t size) : input_(input), size_(size), block_(kBlock) {}

  /// The offset just past the first '\n' at or after `from` (`size` when there is none).
  std::uint64_t line_end(std::uint64_t from) {
    for (std::uint64_t at = from; at < size_;) {
      const std::size_t got = read(at, kBlock);
      if (const void* newline = std::memchr(block_.data(), '\n', got))
        return at + static_cast<std::uint64_t>(static_cast<const char*>(newline) - block_.data()) + 1;
      at += got;
    }
    return size_;
  }

  /// The start of the line holding byte `at`: just past the last '\n' before it, or `floor`
  /// (a line start) when there is none in [floor, at).
  std::uint64_t line_start(std::uint64_t at, std::uint64_t floor) {
    while (at > floor) {
      const std::uint64_t from = at - std::min<std::uint64_t>(kBlock, at - floor);
      const std::size_t got = read(from, static_cast<std::size_t>(at - from));
      for (std::size_t i = got; i > 0; --i) {
        if (block_[i - 1] == '\n') return from + i;
      }
      at = from;
    }
    return floor;
  }

  /// Whether [begin, end) holds only spaces, tabs, '\r' and '\n' (a line the reader skips).
  bool blank(std::uint64_t begin, std::uint64_t end) {
    for (std::uint64_t at = begin; at < end;) {
      const std::size_t got = read(at, static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, end - at)));
      for (std::size_t i = 0; i < got; ++i) {
        const char c = block_[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
      }
      at += got;
    }
    return true;
  }

 private:
  std::size_t read(std::uint64_t at, std::size_t bytes) {
    input_.clear();
    input_.seekg(static_cast<std::streamoff>(at));
    input_.read(block_.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(bytes, size_ - at)));
    const auto got = static_cast<std::size_t>(input_.gcount());
    if (got == 0) throw std::ios_base::failure("JSONL input: cannot read at byte " + std::to_string(at));
    return got;
  }

  std::istream& input_;
  std::uint64_t size_;
  std::vector<char> block_;
};

}  // namespace

std::uint64_t jsonl_line_end(std::istream& input, std::uint64_t size, std::uint64_t from) {
  return Bytes(input, size).line_end(from);
}

std::vector<JsonlSegment> jsonl_segments(std::istream& input, std::uint64_t size, std::uint64_t frame_bytes) {
  std::vector<JsonlSegment> segments;
  Bytes bytes(input, size);
  const std::uint64_t step = std::max<std::uint64_t>(frame_bytes, 1);
  for (std::uint64_t begin = 0; begin < size;) {
    std::uint64_t end = size;
    if (size - begin > step) {
      // The line holding the segment's frame_bytes-th byte ends it, unless blank (blank lines
      // deliver no frame: the next non-blank line's end does).
      std::uint64_t line = bytes.line_start(begin + step - 1, begin);
      end = bytes.line_end(begin + step - 1);
      while (end < size && bytes.blank(line, end)) {
        line = end;
        end = bytes.line_end(end);
      }
    }
    segments.push_back({begin, end});
    begin = end;
  }
  return segments;
}

}  // namespace crv::frame::detail
