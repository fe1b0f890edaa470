#pragma once
// Sorted, disjoint, non-adjacent ranges of rows [begin, end) of a row group.

#include <cstdint>
#include <vector>

namespace crv::parquet::reader {

struct RowRange {
  int64_t begin = 0;
  int64_t end = 0;  // exclusive
};

class RowRanges {
 public:
  RowRanges() = default;
  // Adds [begin, end); ranges must be added in increasing order (merged when touching).
  void add(int64_t begin, int64_t end) {
    if (begin >= end) return;
    if (!ranges_.empty() && begin <= ranges_.back().end) {
      if (end > ranges_.back().end) ranges_.back().end = end;
      return;
    }
    ranges_.push_back({begin, end});
  }
  [[nodiscard]] const std::vector<RowRange>& ranges() const { return ranges_; }
  [[nodiscard]] bool empty() const { return ranges_.empty(); }
  [[nodiscard]] int64_t row_count() const {
    int64_t n = 0;
    for (const RowRange& r : ranges_) n += r.end - r.begin;
    return n;
  }
  [[nodiscard]] bool intersects(int64_t begin, int64_t end) const {
    for (const RowRange& r : ranges_) {
      if (r.begin < end && begin < r.end) return true;
    }
    return false;
  }

 private:
  std::vector<RowRange> ranges_;
};

}  // namespace crv::parquet::reader
