#pragma once
// Shredding (Dremel): the definition and repetition levels of one Parquet leaf column,
// computed in bulk from the Arrow layout of its top-level frame column (validity bitmaps,
// list offsets), and the positions of the leaf's non-null values as runs of consecutive
// physical indices into the leaf array. Levels and runs are appended to vectors the shredder
// keeps between row groups, so nothing is allocated per value.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "crv/frame/column.hpp"
#include "parquet/schema/frame_to_parquet.hpp"

namespace crv::parquet::writer {

// Values [begin, end) of `array` (physical indices: the array's offset is included).
struct ValueRun {
  const frame::ArrayData* array = nullptr;
  int64_t begin = 0;
  int64_t end = 0;
};

class LevelShredder {
 public:
  explicit LevelShredder(const schema::LeafColumn& leaf) : leaf_(&leaf) {}

  // Shreds another leaf from now on (call clear() before adding), keeping the buffers.
  void rebind(const schema::LeafColumn& leaf) noexcept { leaf_ = &leaf; }
  // Bytes held by the buffers (their capacity).
  [[nodiscard]] size_t retained_bytes() const noexcept {
    return def_.capacity() * sizeof(int16_t) + rep_.capacity() * sizeof(int16_t) + runs_.capacity() * sizeof(ValueRun);
  }

  // Forgets the levels and runs (keeps the capacity).
  void clear();

  // Appends the levels and values of every row of `column` (the leaf's top-level column).
  // The column's buffers must outlive the use of value_runs().
  void add(const frame::Column& column);

  // Definition levels (empty when the max definition level is 0).
  [[nodiscard]] const std::vector<int16_t>& definition_levels() const noexcept { return def_; }
  // Repetition levels (empty when the max repetition level is 0).
  [[nodiscard]] const std::vector<int16_t>& repetition_levels() const noexcept { return rep_; }
  [[nodiscard]] const std::vector<ValueRun>& value_runs() const noexcept { return runs_; }
  // Number of levels (values including nulls and empty lists).
  [[nodiscard]] int64_t num_levels() const noexcept { return num_levels_; }
  // Number of non-null leaf values.
  [[nodiscard]] int64_t num_values() const noexcept { return num_values_; }
  [[nodiscard]] int64_t num_rows() const noexcept { return num_rows_; }

 private:
  void add_flat(const frame::ArrayData& top, int64_t length);
  void visit(size_t step, const frame::ArrayData& array, int64_t begin, int64_t end, int16_t def, int16_t first_rep,
             int16_t next_rep);
  void emit(int16_t def, int16_t rep) {
    if (has_def_) def_.push_back(def);
    if (has_rep_) rep_.push_back(rep);
    ++num_levels_;
  }
  void add_value(const frame::ArrayData* array, int64_t position) {
    if (!runs_.empty() && runs_.back().array == array && runs_.back().end == position) {
      ++runs_.back().end;
    } else {
      runs_.push_back({array, position, position + 1});
    }
    ++num_values_;
  }

  const schema::LeafColumn* leaf_;
  bool has_def_ = false;
  bool has_rep_ = false;
  std::vector<int16_t> def_;
  std::vector<int16_t> rep_;
  std::vector<ValueRun> runs_;
  std::vector<const frame::ArrayData*> flat_arrays_;
  std::vector<int64_t> flat_bases_;
  int64_t num_levels_ = 0;
  int64_t num_values_ = 0;
  int64_t num_rows_ = 0;
};

}  // namespace crv::parquet::writer
