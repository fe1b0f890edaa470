// Row filtering of decoded pages.

#include "parquet/reader/row_filter.hpp"

#include <cstring>

namespace crv::parquet::reader {
namespace {

// Moves the dense values [from, from + count) down to [to, to + count) (to < from).
void move_values(LeafData& out, bool is_bytes, size_t width, int64_t from, int64_t to, int64_t count) {
  if (!is_bytes) {
    uint8_t* base = out.fixed.mutable_data();
    const auto w = static_cast<int64_t>(width);
    std::memmove(base + to * w, base + from * w, static_cast<size_t>(count) * width);
    return;
  }
  auto& offsets = out.bytes.offsets;
  auto& bytes = out.bytes.bytes;
  const int32_t src_begin = offsets[static_cast<size_t>(from)];
  const int32_t src_end = offsets[static_cast<size_t>(from + count)];
  const int32_t dst_begin = offsets[static_cast<size_t>(to)];
  std::memmove(bytes.data() + dst_begin, bytes.data() + src_begin, static_cast<size_t>(src_end - src_begin));
  for (int64_t k = 0; k < count; ++k) {
    offsets[static_cast<size_t>(to + k + 1)] = dst_begin + (offsets[static_cast<size_t>(from + k + 1)] - src_begin);
  }
}

}  // namespace

void RowFilter::keep_rows(const schema::FileLeaf& leaf, LeafData& out, int64_t first_entry, int64_t first_value) {
  const auto& ranges = rows_.ranges();
  const bool has_rep = !out.rep.empty();
  const bool has_def = !out.def.empty();
  const size_t width = physical_value_width(leaf);
  const bool is_bytes = leaf.physical == Type::BYTE_ARRAY;
  int64_t write_entry = first_entry;
  int64_t write_value = first_value;
  int64_t value = first_value;
  int64_t run_begin = -1;  // source index of the pending run of kept values
  int64_t run_length = 0;
  auto flush_run = [&] {
    if (run_length == 0) return;
    if (run_begin != write_value) move_values(out, is_bytes, width, run_begin, write_value, run_length);
    write_value += run_length;
    run_length = 0;
  };
  for (int64_t e = first_entry; e < out.num_entries; ++e) {
    if (!has_rep || out.rep[static_cast<size_t>(e)] == 0) ++current_row_;
    while (range_cursor_ < ranges.size() && ranges[range_cursor_].end <= current_row_) ++range_cursor_;
    const bool keep = range_cursor_ < ranges.size() && ranges[range_cursor_].begin <= current_row_;
    const bool has_value = !has_def || out.def[static_cast<size_t>(e)] == leaf.max_def;
    if (keep) {
      if (has_def) out.def[static_cast<size_t>(write_entry)] = out.def[static_cast<size_t>(e)];
      if (has_rep) out.rep[static_cast<size_t>(write_entry)] = out.rep[static_cast<size_t>(e)];
      ++write_entry;
      if (has_value) {
        if (run_length == 0) run_begin = value;
        ++run_length;
      }
    } else if (has_value) {
      flush_run();
    }
    if (has_value) ++value;
  }
  flush_run();
  out.num_entries = write_entry;
  out.num_values = write_value;
  if (has_def) out.def.resize(static_cast<size_t>(write_entry));
  if (has_rep) out.rep.resize(static_cast<size_t>(write_entry));
  if (is_bytes) {
    out.bytes.offsets.resize(static_cast<size_t>(write_value) + 1);
    out.bytes.bytes.resize(static_cast<size_t>(out.bytes.offsets.back()));
  } else {
    out.fixed.resize(write_value * static_cast<int64_t>(width), false);
  }
}

}  // namespace crv::parquet::reader
