#include <crv/frame/bit_util.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/kernels.hpp>
#include <crv/frame/pretty_print.hpp>

#include <fmt/format.h>

#include <cstring>
#include <string_view>
#include <type_traits>

namespace crv::frame {
namespace {

std::shared_ptr<Buffer> validity_from(const std::vector<bool>& validity, int64_t length, int64_t& null_count) {
  null_count = 0;
  if (validity.empty()) return nullptr;
  if (static_cast<int64_t>(validity.size()) != length)
    throw FrameError(fmt::format("validity has {} entries for {} rows", validity.size(), length));
  auto bitmap = Buffer::allocate(bits::bytes_for_bits(length), true);
  uint8_t* bytes = bitmap->mutable_data();
  for (int64_t i = 0; i < length; ++i) {
    if (validity[static_cast<size_t>(i)]) {
      bits::set_bit(bytes, i);
    } else {
      ++null_count;
    }
  }
  return null_count == 0 ? nullptr : bitmap;
}

// The offsets and data buffers of `n` strings; `text_at(i)` is the i-th (empty for a null).
template <class TextAt>
void fill_string_buffers(ArrayData& d, int64_t n, TextAt text_at) {
  int64_t total = 0;
  for (int64_t i = 0; i < n; ++i) total += static_cast<int64_t>(text_at(i).size());
  if (total > INT32_MAX) throw FrameError(fmt::format("string column of {} bytes exceeds 32-bit offsets", total));
  d.values = Buffer::allocate((n + 1) * 4);
  d.data = Buffer::allocate(total);
  auto* offsets = d.values->mutable_data_as<int32_t>();
  uint8_t* bytes = d.data->mutable_data();
  int32_t pos = 0;
  offsets[0] = 0;
  for (int64_t i = 0; i < n; ++i) {
    const std::string_view s = text_at(i);
    if (!s.empty()) std::memcpy(bytes + pos, s.data(), s.size());
    pos += static_cast<int32_t>(s.size());
    offsets[i + 1] = pos;
  }
}

std::string names_of(const DataType& type) {
  std::string out;
  for (const Field& f : type.fields()) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

void check_offsets(const ArrayData& d, int64_t target_size, const char* what) {
  const int32_t* offsets = d.values->data_as<int32_t>() + d.offset;
  if (offsets[0] < 0)
    throw FrameError(fmt::format("{} column: first offset {} is negative", d.type->to_string(), offsets[0]));
  // One branch-free pass (the compiler vectorizes it: every imported string column is
  // checked), then the search for the row to name only when some offset decreases.
  int decreasing = 0;
  for (int64_t i = 0; i < d.length; ++i) decreasing |= static_cast<int>(offsets[i + 1] < offsets[i]);
  for (int64_t i = 0; decreasing != 0 && i < d.length; ++i)
    if (offsets[i + 1] < offsets[i])
      throw FrameError(fmt::format("{} column: offsets decrease at row {} ({} -> {})", d.type->to_string(), i,
                                   offsets[i], offsets[i + 1]));
  if (offsets[d.length] > target_size)
    throw FrameError(fmt::format("{} column: last offset {} exceeds {} size {}", d.type->to_string(), offsets[d.length],
                                 what, target_size));
}

void validate_data(const ArrayData& d) {
  if (!d.type) throw FrameError("column has no type");
  const DataType& type = *d.type;
  const std::string tname = type.to_string();
  if (d.length < 0 || d.offset < 0)
    throw FrameError(fmt::format("{} column: negative length {} or offset {}", tname, d.length, d.offset));
  if (d.null_count < 0 || d.null_count > d.length)
    throw FrameError(fmt::format("{} column: null count {} outside 0..{}", tname, d.null_count, d.length));
  const int64_t end = d.offset + d.length;
  if (d.validity) {
    if (d.validity->size() < bits::bytes_for_bits(end))
      throw FrameError(fmt::format("{} column: validity bitmap of {} bytes is too small for {} rows at offset {}",
                                   tname, d.validity->size(), d.length, d.offset));
    const int64_t nulls = d.length - bits::count_set_bits(d.validity->data(), d.offset, d.length);
    if (nulls != d.null_count)
      throw FrameError(
          fmt::format("{} column: null count {} does not match the bitmap's {}", tname, d.null_count, nulls));
  } else if (d.null_count != 0) {
    throw FrameError(fmt::format("{} column: null count {} without a validity bitmap", tname, d.null_count));
  }
  auto require_values = [&](int64_t bytes) {
    if (!d.values) throw FrameError(fmt::format("{} column: missing values buffer", tname));
    if (d.values->size() < bytes)
      throw FrameError(fmt::format("{} column: values buffer of {} bytes, {} needed", tname, d.values->size(), bytes));
  };
  switch (type.id()) {
    case TypeId::Bool: require_values(bits::bytes_for_bits(end)); break;
    case TypeId::Binary:
    case TypeId::String:
      require_values((end + 1) * 4);
      if (!d.data) throw FrameError(fmt::format("{} column: missing data buffer", tname));
      check_offsets(d, d.data->size(), "data buffer");
      break;
    case TypeId::Struct: {
      if (static_cast<int>(d.children.size()) != type.num_fields())
        throw FrameError(
            fmt::format("{} column: {} children for {} fields", tname, d.children.size(), type.num_fields()));
      for (size_t k = 0; k < d.children.size(); ++k) {
        const auto& child = d.children[k];
        const Field& f = type.fields()[k];
        if (!child) throw FrameError(fmt::format("{} column: child '{}' missing", tname, f.name));
        if (!type_equals(child->type, f.type))
          throw FrameError(fmt::format("struct field '{}' has type {}, expected {}", f.name,
                                       child->type ? child->type->to_string() : "?", f.type->to_string()));
        if (child->length < end)
          throw FrameError(fmt::format("struct field '{}' has {} rows, {} needed", f.name, child->length, end));
        validate_data(*child);
      }
      break;
    }
    case TypeId::List: {
      require_values((end + 1) * 4);
      if (d.children.size() != 1 || !d.children[0])
        throw FrameError(fmt::format("{} column: needs exactly one item child", tname));
      if (!type_equals(d.children[0]->type, type.item_type()))
        throw FrameError(fmt::format("{} column: item child has type {}", tname,
                                     d.children[0]->type ? d.children[0]->type->to_string() : "?"));
      check_offsets(d, d.children[0]->length, "item column length");
      validate_data(*d.children[0]);
      break;
    }
    default: require_values(end * type.byte_width()); break;
  }
}

template <class T>
constexpr bool is_string_v = std::is_same_v<T, std::string>;

}  // namespace

Column Column::make(ArrayData data) {
  if (data.type && data.null_count == kUnknownNullCount) {
    data.null_count = data.validity && data.length > 0
                          ? data.length - bits::count_set_bits(data.validity->data(), data.offset, data.length)
                          : 0;
    if (data.validity && data.validity->size() < bits::bytes_for_bits(data.offset + data.length))
      throw FrameError(fmt::format("{} column: validity bitmap too small", data.type->to_string()));
  }
  Column column(std::make_shared<const ArrayData>(std::move(data)));
  column.validate();
  return column;
}

Column Column::make(std::shared_ptr<const ArrayData> data) {
  if (!data) throw FrameError("Column::make with no data");
  Column column(std::move(data));
  column.validate();
  return column;
}

void Column::validate() const {
  if (!data_) throw FrameError("empty column handle");
  validate_data(*data_);
}

Column Column::nulls(const TypePtr& type, int64_t length) {
  if (!type) throw FrameError("Column::nulls with no type");
  if (length < 0) throw FrameError(fmt::format("Column::nulls with negative length {}", length));
  auto d = std::make_shared<ArrayData>();
  d->type = type;
  d->length = length;
  d->null_count = length;
  if (length > 0) d->validity = Buffer::allocate(bits::bytes_for_bits(length), true);
  switch (type->id()) {
    case TypeId::Bool: d->values = Buffer::allocate(bits::bytes_for_bits(length), true); break;
    case TypeId::Binary:
    case TypeId::String:
      d->values = Buffer::allocate((length + 1) * 4, true);
      d->data = Buffer::allocate(0);
      break;
    case TypeId::Struct:
      for (const Field& f : type->fields()) d->children.push_back(nulls(f.type, length).data_ptr());
      break;
    case TypeId::List:
      d->values = Buffer::allocate((length + 1) * 4, true);
      d->children.push_back(nulls(type->item_type(), 0).data_ptr());
      break;
    default: d->values = Buffer::allocate(length * type->byte_width(), true); break;
  }
  return Column(std::move(d));
}

template <class T>
Column Column::from(const std::vector<T>& values) {
  const auto n = static_cast<int64_t>(values.size());
  auto d = std::make_shared<ArrayData>();
  d->type = type_of<T>();
  d->length = n;
  if constexpr (std::is_same_v<T, bool>) {
    d->values = Buffer::allocate(bits::bytes_for_bits(n), true);
    uint8_t* bytes = d->values->mutable_data();
    for (int64_t i = 0; i < n; ++i)
      if (values[static_cast<size_t>(i)]) bits::set_bit(bytes, i);
  } else if constexpr (is_string_v<T>) {
    fill_string_buffers(*d, n, [&values](int64_t i) { return std::string_view(values[static_cast<size_t>(i)]); });
  } else {
    d->values = Buffer::copy_of(values.data(), n * static_cast<int64_t>(sizeof(T)));
  }
  return Column(std::move(d));
}

template <class T>
Column Column::from(const std::vector<std::optional<T>>& values) {
  const auto n = static_cast<int64_t>(values.size());
  auto d = std::make_shared<ArrayData>();
  d->type = type_of<T>();
  d->length = n;
  auto validity = Buffer::allocate(bits::bytes_for_bits(n), true);
  uint8_t* valid_bytes = validity->mutable_data();
  int64_t null_count = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (values[static_cast<size_t>(i)].has_value()) {
      bits::set_bit(valid_bytes, i);
    } else {
      ++null_count;
    }
  }
  d->null_count = null_count;
  if (null_count > 0) d->validity = std::move(validity);
  if constexpr (std::is_same_v<T, bool>) {
    d->values = Buffer::allocate(bits::bytes_for_bits(n), true);
    uint8_t* bytes = d->values->mutable_data();
    for (int64_t i = 0; i < n; ++i)
      if (values[static_cast<size_t>(i)].value_or(false)) bits::set_bit(bytes, i);
  } else if constexpr (is_string_v<T>) {
    fill_string_buffers(*d, n, [&values](int64_t i) {
      const auto& s = values[static_cast<size_t>(i)];
      return s ? std::string_view(*s) : std::string_view();
    });
  } else {
    d->values = Buffer::allocate(n * static_cast<int64_t>(sizeof(T)));
    T* out = d->values->mutable_data_as<T>();
    for (int64_t i = 0; i < n; ++i) out[i] = values[static_cast<size_t>(i)].value_or(T{});
  }
  return Column(std::move(d));
}

#define CRV_FRAME_INSTANTIATE_FROM(T)                     \
  template Column Column::from<T>(const std::vector<T>&); \
  template Column Column::from<T>(const std::vector<std::optional<T>>&);
CRV_FRAME_INSTANTIATE_FROM(bool)
CRV_FRAME_INSTANTIATE_FROM(int8_t)
CRV_FRAME_INSTANTIATE_FROM(int16_t)
CRV_FRAME_INSTANTIATE_FROM(int32_t)
CRV_FRAME_INSTANTIATE_FROM(int64_t)
CRV_FRAME_INSTANTIATE_FROM(uint8_t)
CRV_FRAME_INSTANTIATE_FROM(uint16_t)
CRV_FRAME_INSTANTIATE_FROM(uint32_t)
CRV_FRAME_INSTANTIATE_FROM(uint64_t)
CRV_FRAME_INSTANTIATE_FROM(float)
CRV_FRAME_INSTANTIATE_FROM(double)
CRV_FRAME_INSTANTIATE_FROM(std::string)
#undef CRV_FRAME_INSTANTIATE_FROM

Column Column::struct_of(std::vector<std::pair<std::string, Column>> children, const std::vector<bool>& validity) {
  if (children.empty() && validity.empty()) throw FrameError("struct_of needs at least one child or a validity vector");
  const int64_t length = children.empty() ? static_cast<int64_t>(validity.size()) : children.front().second.length();
  std::vector<Field> fields;
  ArrayData d;
  for (auto& [name, child] : children) {
    if (!child) throw FrameError("struct_of: child '" + name + "' is empty");
    if (child.length() != length)
      throw FrameError(fmt::format("struct_of: child '{}' has {} rows, expected {}", name, child.length(), length));
    for (const Field& f : fields)
      if (f.name == name) throw FrameError("struct_of: duplicate field name '" + name + "'");
    fields.push_back(Field{name, child.type(), true});
    d.children.push_back(child.data_ptr());
  }
  d.type = struct_(std::move(fields));
  d.length = length;
  d.validity = validity_from(validity, length, d.null_count);
  return make(std::move(d));
}

Column Column::list_of(const std::vector<int32_t>& offsets, const Column& items, const std::vector<bool>& validity,
                       bool item_nullable) {
  if (!items) throw FrameError("list_of: empty item column");
  if (offsets.empty()) throw FrameError("list_of needs length + 1 offsets, got none");
  const auto length = static_cast<int64_t>(offsets.size()) - 1;
  ArrayData d;
  d.type = list(items.type(), item_nullable);
  d.length = length;
  d.validity = validity_from(validity, length, d.null_count);
  d.values = Buffer::copy_of(offsets.data(), static_cast<int64_t>(offsets.size() * sizeof(int32_t)));
  d.children.push_back(items.data_ptr());
  return make(std::move(d));
}

std::string_view Column::string_value(int64_t i) const {
  const ArrayData& d = *data_;
  switch (d.type->id()) {
    case TypeId::Binary:
    case TypeId::String: {
      const int32_t* offsets = list_offsets();
      return {reinterpret_cast<const char*>(d.data->data()) + offsets[i],
              static_cast<size_t>(offsets[i + 1] - offsets[i])};
    }
    case TypeId::FixedSizeBinary:
    case TypeId::Decimal128: {
      const int64_t width = d.type->byte_width();
      return {reinterpret_cast<const char*>(d.values->data()) + (d.offset + i) * width, static_cast<size_t>(width)};
    }
    default: throw FrameError("string_value() on a " + d.type->to_string() + " column");
  }
}

Column Column::child(int k) const {
  const ArrayData& d = *data_;
  if (k < 0 || k >= num_children())
    throw FrameError(fmt::format("child {} of a {} column with {} children", k, d.type->to_string(), num_children()));
  Column c(d.children[static_cast<size_t>(k)]);
  if (d.type->id() == TypeId::Struct && (d.offset != 0 || c.length() != d.length)) return c.slice(d.offset, d.length);
  return c;
}

Column Column::field(std::string_view name) const {
  if (type_id() != TypeId::Struct)
    throw FrameError("field('" + std::string(name) + "') on a " + type()->to_string() + " column");
  auto index = type()->field_index(name);
  if (!index) throw FrameError(fmt::format("struct has no field '{}'; fields: {}", name, names_of(*type())));
  return child(static_cast<int>(*index));
}

Column Column::slice(int64_t offset, int64_t length) const {
  const ArrayData& d = *data_;
  if (offset < 0 || length < 0 || offset + length > d.length)
    throw FrameError(fmt::format("slice({}, {}) out of range for a column of {} rows", offset, length, d.length));
  if (offset == 0 && length == d.length) return *this;
  auto out = std::make_shared<ArrayData>(d);
  out->offset = d.offset + offset;
  out->length = length;
  if (d.null_count == 0) {
    out->null_count = 0;
  } else if (d.null_count == d.length) {
    out->null_count = length;
  } else {
    out->null_count = length - bits::count_set_bits(d.validity->data(), out->offset, length);
  }
  return Column(std::move(out));
}

bool Column::equals(const Column& other) const { return crv::frame::equals(*this, other); }

std::string Column::to_string() const { return crv::frame::to_string(*this); }

}  // namespace crv::frame
