#include "frame/jsonl_line_source.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace crv::frame::detail {

JsonlLineSource::JsonlLineSource(std::istream& input, std::size_t chunk_bytes, std::uint64_t max_bytes)
    : input_(input), chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)), unread_(max_bytes) {}

bool JsonlLineSource::next(std::string_view& line) {
  for (;;) {
    const char* start = buffer_.get() + begin_;
    if (const void* newline = begin_ < end_ ? std::memchr(start, '\n', end_ - begin_) : nullptr) {
      const auto length = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      line = std::string_view(start, length);
      begin_ += length + 1;
      consumed_ += length + 1;
      return true;
    }
    if (!refill()) {
      if (begin_ == end_) return false;
      line = std::string_view(buffer_.get() + begin_, end_ - begin_);  // the last line has no '\n'
      consumed_ += end_ - begin_;
      begin_ = end_;
      return true;
    }
  }
}

bool JsonlLineSource::take_refilled() { return std::exchange(refilled_, false); }

bool JsonlLineSource::refill() {
  if (eof_) return false;
  const std::size_t kept = end_ - begin_;
  // Room for a whole chunk after the unfinished line; a line longer than a chunk grows the
  // buffer (doubling, so a long line costs amortised linear time) rather than failing.
  if (kept + chunk_bytes_ > capacity_) {
    const std::size_t capacity = std::max(2 * capacity_, kept + chunk_bytes_);
    auto grown = std::make_unique<char[]>(capacity + kLinePadding);
    if (kept > 0) std::memcpy(grown.get(), buffer_.get() + begin_, kept);
    buffer_ = std::move(grown);
    capacity_ = capacity;
  } else if (kept > 0 && begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, kept);
  }
  begin_ = 0;
  end_ = kept;
  const auto wanted = static_cast<std::size_t>(std::min<std::uint64_t>(capacity_ - end_, unread_));
  input_.read(buffer_.get() + end_, static_cast<std::streamsize>(wanted));
  const auto got = static_cast<std::size_t>(input_.gcount());
  end_ += got;
  unread_ -= got;
  std::memset(buffer_.get() + end_, ' ', kLinePadding);  // defined bytes past the last line
  refilled_ = true;
  if (got < wanted || unread_ == 0) eof_ = true;  // istream::read blocks until it has them all or the input ends
  return got > 0;
}

}  // namespace crv::frame::detail
