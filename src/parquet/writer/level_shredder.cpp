#include "parquet/writer/level_shredder.hpp"

#include "crv/frame/bit_util.hpp"

namespace crv::parquet::writer {

using schema::PathStepKind;

namespace {
bool is_null_at(const frame::ArrayData& a, int64_t position) {
  return a.validity != nullptr && !frame::bits::get_bit(a.validity->data(), position);
}
}  // namespace

void LevelShredder::clear() {
  has_def_ = leaf_->max_definition_level > 0;
  has_rep_ = leaf_->max_repetition_level > 0;
  def_.clear();
  rep_.clear();
  runs_.clear();
  num_levels_ = 0;
  num_values_ = 0;
  num_rows_ = 0;
}

void LevelShredder::add(const frame::Column& column) {
  has_def_ = leaf_->max_definition_level > 0;
  has_rep_ = leaf_->max_repetition_level > 0;
  const frame::ArrayData& top = column.data();
  const int64_t length = column.length();
  num_rows_ += length;
  if (length == 0) return;
  if (leaf_->is_flat()) {
    add_flat(top, length);
    return;
  }
  visit(0, top, top.offset, top.offset + length, 0, 0, 0);
}

// No list on the path: row i sits at physical index base_k + i of the k-th array.
void LevelShredder::add_flat(const frame::ArrayData& top, int64_t length) {
  const auto& steps = leaf_->steps;
  flat_arrays_.clear();
  flat_bases_.clear();
  const frame::ArrayData* a = &top;
  int64_t base = top.offset;
  bool any_nulls = false;
  for (size_t k = 0; k < steps.size(); ++k) {
    flat_arrays_.push_back(a);
    flat_bases_.push_back(base);
    if (steps[k].nullable && a->validity != nullptr && a->null_count != 0) any_nulls = true;
    if (steps[k].kind == PathStepKind::Struct) {
      a = a->children[static_cast<size_t>(steps[k].child_index)].get();
      base += a->offset;
    }
  }
  const frame::ArrayData* leaf_array = flat_arrays_.back();
  const int64_t leaf_base = flat_bases_.back();
  const auto max_def = leaf_->max_definition_level;
  if (!any_nulls) {
    if (has_def_) def_.insert(def_.end(), static_cast<size_t>(length), max_def);
    num_levels_ += length;
    runs_.push_back({leaf_array, leaf_base, leaf_base + length});
    num_values_ += length;
    return;
  }
  const size_t num_steps = steps.size();
  if (num_steps == 1) {
    // A nullable top-level leaf: the definition level is the validity bit.
    const uint8_t* validity = leaf_array->validity->data();
    const size_t first = def_.size();
    def_.resize(first + static_cast<size_t>(length));
    int16_t* levels = def_.data() + first;
    for (int64_t i = 0; i < length; ++i) {
      const int64_t position = leaf_base + i;
      const bool valid = ((validity[position >> 3] >> (position & 7)) & 1) != 0;
      levels[i] = valid ? max_def : int16_t{0};
      if (valid) add_value(leaf_array, position);
    }
    num_levels_ += length;
    return;
  }
  def_.reserve(def_.size() + static_cast<size_t>(length));
  for (int64_t i = 0; i < length; ++i) {
    int16_t d = 0;
    bool present = true;
    for (size_t k = 0; k < num_steps; ++k) {
      if (!steps[k].nullable) continue;
      if (is_null_at(*flat_arrays_[k], flat_bases_[k] + i)) {
        present = false;
        break;
      }
      ++d;
    }
    def_.push_back(d);
    if (present) add_value(leaf_array, leaf_base + i);
  }
  num_levels_ += length;
}

void LevelShredder::visit(size_t step, const frame::ArrayData& array, int64_t begin, int64_t end, int16_t def,
                          int16_t first_rep, int16_t next_rep) {
  const auto& s = leaf_->steps[step];
  for (int64_t p = begin; p < end; ++p) {
    const int16_t rep = p == begin ? first_rep : next_rep;
    if (s.nullable && is_null_at(array, p)) {
      emit(def, rep);
      continue;
    }
    const auto d = static_cast<int16_t>(def + (s.nullable ? 1 : 0));
    switch (s.kind) {
      case PathStepKind::Leaf:
        emit(d, rep);
        add_value(&array, p);
        break;
      case PathStepKind::Struct: {
        const frame::ArrayData& child = *array.children[static_cast<size_t>(s.child_index)];
        visit(step + 1, child, child.offset + p, child.offset + p + 1, d, rep, rep);
        break;
      }
      case PathStepKind::List: {
        const int32_t* offsets = array.values->data_as<int32_t>();
        const int64_t first = offsets[p];
        const int64_t last = offsets[p + 1];
        if (first == last) {
          emit(d, rep);
          break;
        }
        const frame::ArrayData& items = *array.children[0];
        visit(step + 1, items, items.offset + first, items.offset + last, static_cast<int16_t>(d + 1), rep,
              s.repetition_level);
        break;
      }
    }
  }
}

}  // namespace crv::parquet::writer
