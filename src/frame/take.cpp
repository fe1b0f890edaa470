#include <crv/frame/bit_util.hpp>
#include <crv/frame/kernels.hpp>

#include <fmt/format.h>

#include <cstring>

namespace crv::frame {
namespace {

template <class T>
void gather_fixed(const uint8_t* src, int64_t src_offset, const std::vector<int64_t>& indices, uint8_t* dst) {
  const T* in = reinterpret_cast<const T*>(src) + src_offset;
  T* out = reinterpret_cast<T*>(dst);
  const size_t n = indices.size();
  for (size_t i = 0; i < n; ++i) out[i] = in[indices[i]];
}

void gather_width(const uint8_t* src, int64_t src_offset, int64_t width, const std::vector<int64_t>& indices,
                  uint8_t* dst) {
  switch (width) {
    case 1: gather_fixed<uint8_t>(src, src_offset, indices, dst); return;
    case 2: gather_fixed<uint16_t>(src, src_offset, indices, dst); return;
    case 4: gather_fixed<uint32_t>(src, src_offset, indices, dst); return;
    case 8: gather_fixed<uint64_t>(src, src_offset, indices, dst); return;
    default: {
      const uint8_t* in = src + src_offset * width;
      for (size_t i = 0; i < indices.size(); ++i)
        std::memcpy(dst + static_cast<int64_t>(i) * width, in + indices[i] * width, static_cast<size_t>(width));
    }
  }
}

Column take_checked(const Column& column, const std::vector<int64_t>& indices) {
  const ArrayData& d = column.data();
  const auto n = static_cast<int64_t>(indices.size());
  auto out = std::make_shared<ArrayData>();
  out->type = d.type;
  out->length = n;
  if (d.null_count > 0) {
    auto validity = Buffer::allocate(bits::bytes_for_bits(n), true);
    uint8_t* bytes = validity->mutable_data();
    const uint8_t* in = d.validity->data();
    int64_t nulls = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (bits::get_bit(in, d.offset + indices[static_cast<size_t>(i)])) {
        bits::set_bit(bytes, i);
      } else {
        ++nulls;
      }
    }
    out->null_count = nulls;
    if (nulls > 0) out->validity = std::move(validity);
  }
  switch (d.type->id()) {
    case TypeId::Bool: {
      out->values = Buffer::allocate(bits::bytes_for_bits(n), true);
      uint8_t* bytes = out->values->mutable_data();
      const uint8_t* in = d.values->data();
      for (int64_t i = 0; i < n; ++i)
        if (bits::get_bit(in, d.offset + indices[static_cast<size_t>(i)])) bits::set_bit(bytes, i);
      break;
    }
    case TypeId::Binary:
    case TypeId::String: {
      const int32_t* offsets = column.list_offsets();
      int64_t total = 0;
      for (int64_t idx : indices) total += offsets[idx + 1] - offsets[idx];
      if (total > INT32_MAX)
        throw FrameError(fmt::format("take: {} bytes of {} exceed 32-bit offsets", total, d.type->to_string()));
      out->values = Buffer::allocate((n + 1) * 4);
      out->data = Buffer::allocate(total);
      auto* out_offsets = out->values->mutable_data_as<int32_t>();
      uint8_t* out_bytes = out->data->mutable_data();
      const uint8_t* in_bytes = d.data->data();
      int32_t pos = 0;
      out_offsets[0] = 0;
      for (int64_t i = 0; i < n; ++i) {
        const int64_t idx = indices[static_cast<size_t>(i)];
        const int32_t len = offsets[idx + 1] - offsets[idx];
        if (len > 0) std::memcpy(out_bytes + pos, in_bytes + offsets[idx], static_cast<size_t>(len));
        pos += len;
        out_offsets[i + 1] = pos;
      }
      break;
    }
    case TypeId::Struct:
      for (int k = 0; k < column.num_children(); ++k)
        out->children.push_back(take_checked(column.child(k), indices).data_ptr());
      break;
    case TypeId::List: {
      const int32_t* offsets = column.list_offsets();
      int64_t total = 0;
      for (int64_t idx : indices) total += offsets[idx + 1] - offsets[idx];
      if (total > INT32_MAX) throw FrameError(fmt::format("take: {} list items exceed 32-bit offsets", total));
      out->values = Buffer::allocate((n + 1) * 4);
      auto* out_offsets = out->values->mutable_data_as<int32_t>();
      std::vector<int64_t> item_indices;
      item_indices.reserve(static_cast<size_t>(total));
      out_offsets[0] = 0;
      for (int64_t i = 0; i < n; ++i) {
        const int64_t idx = indices[static_cast<size_t>(i)];
        for (int32_t j = offsets[idx]; j < offsets[idx + 1]; ++j) item_indices.push_back(j);
        out_offsets[i + 1] = static_cast<int32_t>(item_indices.size());
      }
      out->children.push_back(take_checked(column.list_items(), item_indices).data_ptr());
      break;
    }
    default: {
      const int64_t width = d.type->byte_width();
      out->values = Buffer::allocate(n * width);
      gather_width(d.values->data(), d.offset, width, indices, out->values->mutable_data());
      break;
    }
  }
  return Column(std::move(out));
}

}  // namespace

Column take(const Column& column, const std::vector<int64_t>& indices) {
  const int64_t length = column.length();
  for (size_t i = 0; i < indices.size(); ++i)
    if (indices[i] < 0 || indices[i] >= length)
      throw FrameError(fmt::format("take: index {} at position {} out of range for {} rows", indices[i], i, length));
  return take_checked(column, indices);
}

}  // namespace crv::frame
