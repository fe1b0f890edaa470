#include <crv/frame/bit_util.hpp>
#include <crv/frame/kernels.hpp>

#include <fmt/format.h>

#include <cstring>

namespace crv::frame {
namespace {

/// Offsets of every column appended one after another, rebased to start at 0.
std::shared_ptr<Buffer> concat_offsets(const std::vector<Column>& columns, int64_t total_length, const char* what) {
  auto buffer = Buffer::allocate((total_length + 1) * 4);
  auto* out = buffer->mutable_data_as<int32_t>();
  out[0] = 0;
  int64_t row = 0;
  int64_t base = 0;
  for (const Column& c : columns) {
    const int32_t* offsets = c.list_offsets();
    const int32_t first = offsets[0];
    for (int64_t i = 0; i < c.length(); ++i) {
      const int64_t value = base + (offsets[i + 1] - first);
      if (value > INT32_MAX) throw FrameError(fmt::format("concat: {} exceed 32-bit offsets", what));
      out[++row] = static_cast<int32_t>(value);
    }
    base += offsets[c.length()] - first;
  }
  return buffer;
}

}  // namespace

Column concat(const std::vector<Column>& columns) {
  if (columns.empty()) throw FrameError("concat of no columns");
  const TypePtr& type = columns.front().type();
  int64_t length = 0;
  int64_t null_count = 0;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!type_equals(columns[i].type(), type))
      throw FrameError(fmt::format("concat: column {} has type {}, expected {}", i, columns[i].type()->to_string(),
                                   type->to_string()));
    length += columns[i].length();
    null_count += columns[i].null_count();
  }
  if (columns.size() == 1) return columns.front();
  auto out = std::make_shared<ArrayData>();
  out->type = type;
  out->length = length;
  out->null_count = null_count;
  if (null_count > 0) {
    out->validity = Buffer::allocate(bits::bytes_for_bits(length), true);
    uint8_t* bytes = out->validity->mutable_data();
    int64_t pos = 0;
    for (const Column& c : columns) {
      const ArrayData& d = c.data();
      if (d.validity) {
        bits::copy_bits(d.validity->data(), d.offset, d.length, bytes, pos);
      } else {
        bits::fill_bits(bytes, pos, d.length, true);
      }
      pos += d.length;
    }
  }
  switch (type->id()) {
    case TypeId::Bool: {
      out->values = Buffer::allocate(bits::bytes_for_bits(length), true);
      int64_t pos = 0;
      for (const Column& c : columns) {
        bits::copy_bits(c.data().values->data(), c.offset(), c.length(), out->values->mutable_data(), pos);
        pos += c.length();
      }
      break;
    }
    case TypeId::Binary:
    case TypeId::String: {
      out->values = concat_offsets(columns, length, "string bytes");
      const int64_t total = out->values->data_as<int32_t>()[length];
      out->data = Buffer::allocate(total);
      int64_t pos = 0;
      for (const Column& c : columns) {
        const int32_t* offsets = c.list_offsets();
        const int64_t bytes = offsets[c.length()] - offsets[0];
        if (bytes > 0)
          std::memcpy(out->data->mutable_data() + pos, c.data().data->data() + offsets[0], static_cast<size_t>(bytes));
        pos += bytes;
      }
      break;
    }
    case TypeId::Struct:
      for (int k = 0; k < type->num_fields(); ++k) {
        std::vector<Column> parts;
        parts.reserve(columns.size());
        for (const Column& c : columns) parts.push_back(c.child(k));
        out->children.push_back(concat(parts).data_ptr());
      }
      break;
    case TypeId::List: {
      out->values = concat_offsets(columns, length, "list items");
      std::vector<Column> parts;
      parts.reserve(columns.size());
      for (const Column& c : columns) {
        const int32_t* offsets = c.list_offsets();
        parts.push_back(c.list_items().slice(offsets[0], offsets[c.length()] - offsets[0]));
      }
      out->children.push_back(concat(parts).data_ptr());
      break;
    }
    default: {
      const int64_t width = type->byte_width();
      out->values = Buffer::allocate(length * width);
      int64_t pos = 0;
      for (const Column& c : columns) {
        const int64_t bytes = c.length() * width;
        if (bytes > 0)
          std::memcpy(out->values->mutable_data() + pos, c.data().values->data() + c.offset() * width,
                      static_cast<size_t>(bytes));
        pos += bytes;
      }
      break;
    }
  }
  return Column(std::move(out));
}

}  // namespace crv::frame
