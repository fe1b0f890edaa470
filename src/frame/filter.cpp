#include <crv/frame/bit_util.hpp>
#include <crv/frame/kernels.hpp>

#include <fmt/format.h>

namespace crv::frame {
namespace {

std::vector<int64_t> indices_of_true(const Column& mask, int64_t expected_length) {
  if (mask.type_id() != TypeId::Bool) throw FrameError("filter mask must be bool, got " + mask.type()->to_string());
  if (mask.length() != expected_length)
    throw FrameError(fmt::format("filter mask has {} rows, the data has {}", mask.length(), expected_length));
  std::vector<int64_t> indices;
  indices.reserve(static_cast<size_t>(count_true(mask)));
  const ArrayData& d = mask.data();
  const uint8_t* values = d.values->data();
  const uint8_t* validity = d.validity ? d.validity->data() : nullptr;
  for (int64_t i = 0; i < d.length; ++i) {
    const int64_t bit = d.offset + i;
    if (bits::get_bit(values, bit) && (validity == nullptr || bits::get_bit(validity, bit))) indices.push_back(i);
  }
  return indices;
}

template <class Vector>
std::vector<int64_t> indices_of_true(const Vector& mask, int64_t expected_length) {
  if (static_cast<int64_t>(mask.size()) != expected_length)
    throw FrameError(fmt::format("filter mask has {} entries, the data has {} rows", mask.size(), expected_length));
  std::vector<int64_t> indices;
  for (size_t i = 0; i < mask.size(); ++i)
    if (mask[i]) indices.push_back(static_cast<int64_t>(i));
  return indices;
}

}  // namespace

int64_t count_true(const Column& mask) {
  if (mask.type_id() != TypeId::Bool)
    throw FrameError("count_true needs a bool column, got " + mask.type()->to_string());
  const ArrayData& d = mask.data();
  if (!d.validity) return bits::count_set_bits(d.values->data(), d.offset, d.length);
  int64_t count = 0;
  for (int64_t i = 0; i < d.length; ++i)
    count += static_cast<int>(bits::get_bit(d.values->data(), d.offset + i)) &  // branchless: no &&
             static_cast<int>(bits::get_bit(d.validity->data(), d.offset + i));
  return count;
}

Column filter(const Column& column, const Column& mask) { return take(column, indices_of_true(mask, column.length())); }
Column filter(const Column& column, const std::vector<bool>& mask) {
  return take(column, indices_of_true(mask, column.length()));
}
Column filter(const Column& column, const std::vector<uint8_t>& mask) {
  return take(column, indices_of_true(mask, column.length()));
}

Frame filter(const Frame& frame, const Column& mask) { return take(frame, indices_of_true(mask, frame.num_rows())); }
Frame filter(const Frame& frame, const std::vector<bool>& mask) {
  return take(frame, indices_of_true(mask, frame.num_rows()));
}
Frame filter(const Frame& frame, const std::vector<uint8_t>& mask) {
  return take(frame, indices_of_true(mask, frame.num_rows()));
}

}  // namespace crv::frame
