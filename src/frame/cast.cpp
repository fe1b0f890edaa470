#include <crv/frame/bit_util.hpp>
#include <crv/frame/cast.hpp>

#include "frame/value_format.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

namespace crv::frame {
namespace {

/// Marker for the String type in the typed dispatch.
struct Utf8Tag {};

template <class T>
struct TypeTag {
  using type = T;
};

/// Calls fn(TypeTag<C>{}) with the C++ type of a scalar TypeId; false when not scalar.
template <class Fn>
bool visit_scalar(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::Bool: fn(TypeTag<bool>{}); return true;
    case TypeId::Int8: fn(TypeTag<int8_t>{}); return true;
    case TypeId::Int16: fn(TypeTag<int16_t>{}); return true;
    case TypeId::Int32: fn(TypeTag<int32_t>{}); return true;
    case TypeId::Int64: fn(TypeTag<int64_t>{}); return true;
    case TypeId::UInt8: fn(TypeTag<uint8_t>{}); return true;
    case TypeId::UInt16: fn(TypeTag<uint16_t>{}); return true;
    case TypeId::UInt32: fn(TypeTag<uint32_t>{}); return true;
    case TypeId::UInt64: fn(TypeTag<uint64_t>{}); return true;
    case TypeId::Float32: fn(TypeTag<float>{}); return true;
    case TypeId::Float64: fn(TypeTag<double>{}); return true;
    case TypeId::String: fn(TypeTag<Utf8Tag>{}); return true;
    default: return false;
  }
}

bool is_scalar(TypeId id) {
  return visit_scalar(id, [](auto) {});
}

template <class I, class F>
bool float_to_int(F value, I& out) {
  const auto x = static_cast<double>(value);
  if (!std::isfinite(x) || x != std::trunc(x)) return false;
  const double upper = std::ldexp(1.0, std::numeric_limits<I>::digits);
  const double lower = std::is_signed_v<I> ? -upper : 0.0;
  if (x < lower || x >= upper) return false;
  out = static_cast<I>(x);
  return true;
}

/// Exact numeric conversion (bool counts as numeric 0/1).
template <class D, class S>
bool convert_number(S v, D& out) {
  if constexpr (std::is_same_v<D, bool>) {
    if (v == S(0)) {
      out = false;
      return true;
    }
    if (v == S(1)) {
      out = true;
      return true;
    }
    return false;
  } else if constexpr (std::is_same_v<S, bool>) {
    out = v ? D(1) : D(0);
    return true;
  } else if constexpr (std::is_integral_v<S> && std::is_integral_v<D>) {
    if (!std::in_range<D>(v)) return false;
    out = static_cast<D>(v);
    return true;
  } else if constexpr (std::is_integral_v<S>) {  // int -> float
    const D d = static_cast<D>(v);
    S back{};
    if (!float_to_int<S>(d, back) || back != v) return false;
    out = d;
    return true;
  } else if constexpr (std::is_integral_v<D>) {  // float -> int
    return float_to_int<D>(v, out);
  } else {  // float -> float
    if (std::isnan(v) || std::isinf(v)) {
      out = static_cast<D>(v);
      return true;
    }
    if (static_cast<double>(std::fabs(v)) > static_cast<double>(std::numeric_limits<D>::max())) return false;
    const D d = static_cast<D>(v);
    if (static_cast<S>(d) != v) return false;
    out = d;
    return true;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

template <class D>
bool parse_number(std::string_view text, D& out) {
  text = trim(text);
  if constexpr (std::is_same_v<D, bool>) {
    if (iequals(text, "true")) {
      out = true;
      return true;
    }
    if (iequals(text, "false")) {
      out = false;
      return true;
    }
    return false;
  } else {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return false;
    if constexpr (std::is_floating_point_v<D>) {
      const bool negative = text.front() == '-';
      const std::string_view body = negative ? text.substr(1) : text;
      if (iequals(body, "nan")) {
        out = std::numeric_limits<D>::quiet_NaN();
        return true;
      }
      if (iequals(body, "inf") || iequals(body, "infinity")) {
        out = negative ? -std::numeric_limits<D>::infinity() : std::numeric_limits<D>::infinity();
        return true;
      }
    }
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
  }
}

/// Text of a scalar into `buffer`; returns the length.
template <class S>
size_t format_number(S v, char* buffer, size_t capacity) {
  if constexpr (std::is_same_v<S, bool>) {
    const std::string_view text = v ? "true" : "false";
    std::memcpy(buffer, text.data(), text.size());
    return text.size();
  } else if constexpr (std::is_floating_point_v<S>) {
    if (std::isnan(v) || std::isinf(v)) {
      const std::string_view text = std::isnan(v) ? "NaN" : (v > 0 ? "inf" : "-inf");
      std::memcpy(buffer, text.data(), text.size());
      return text.size();
    }
    auto [ptr, ec] = std::to_chars(buffer, buffer + capacity - 2, v);
    size_t n = static_cast<size_t>(ptr - buffer);
    if (std::string_view(buffer, n).find_first_of(".e") == std::string_view::npos) {
      buffer[n++] = '.';
      buffer[n++] = '0';
    }
    return n;
  } else {
    auto [ptr, ec] = std::to_chars(buffer, buffer + capacity, v);
    return static_cast<size_t>(ptr - buffer);
  }
}

template <class S>
S read_value(const Column& column, int64_t i) {
  if constexpr (std::is_same_v<S, bool>) {
    return column.bool_value(i);
  } else {
    return column.value<S>(i);
  }
}

template <class S>
std::string value_text(const Column& column, int64_t i) {
  if constexpr (std::is_same_v<S, Utf8Tag>) {
    return std::string(column.string_value(i));
  } else {
    char buffer[64];
    return std::string(buffer, format_number(read_value<S>(column, i), buffer, sizeof(buffer)));
  }
}

template <class S, class D>
CastResult cast_typed(const Column& column, const TypePtr& target) {
  const ArrayData& in = column.data();
  const int64_t n = in.length;
  CastResult result;
  auto validity = Buffer::allocate(bits::bytes_for_bits(n), true);
  uint8_t* valid_bits = validity->mutable_data();
  if (in.validity) {
    bits::copy_bits(in.validity->data(), in.offset, n, valid_bits, 0);
  } else {
    bits::fill_bits(valid_bits, 0, n, true);
  }
  auto fail = [&](int64_t i) {
    bits::clear_bit(valid_bits, i);
    if (result.failed++ == 0) {
      result.first_failed_row = i;
      result.first_failed_value = value_text<S>(column, i);
    }
  };

  ArrayData out;
  out.type = target;
  out.length = n;
  if constexpr (std::is_same_v<D, Utf8Tag>) {
    BufferBuilder offsets((n + 1) * 4);
    BufferBuilder data;
    offsets.unsafe_append_value<int32_t>(0);
    for (int64_t i = 0; i < n; ++i) {
      if (bits::get_bit(valid_bits, i)) {
        if constexpr (std::is_same_v<S, Utf8Tag>) {
          const std::string_view s = column.string_value(i);
          data.append(s.data(), static_cast<int64_t>(s.size()));
        } else {
          char buffer[64];
          const size_t len = format_number(read_value<S>(column, i), buffer, sizeof(buffer));
          data.append(buffer, static_cast<int64_t>(len));
        }
      }
      if (data.size() > INT32_MAX) throw FrameError("cast to str: result exceeds 32-bit offsets");
      offsets.unsafe_append_value(static_cast<int32_t>(data.size()));
    }
    out.values = offsets.finish();
    out.data = data.finish();
  } else if constexpr (std::is_same_v<D, bool>) {
    out.values = Buffer::allocate(bits::bytes_for_bits(n), true);
    uint8_t* value_bits = out.values->mutable_data();
    for (int64_t i = 0; i < n; ++i) {
      if (!bits::get_bit(valid_bits, i)) continue;
      bool v = false;
      bool ok = false;
      if constexpr (std::is_same_v<S, Utf8Tag>) {
        ok = parse_number<bool>(column.string_value(i), v);
      } else {
        ok = convert_number<bool>(read_value<S>(column, i), v);
      }
      if (!ok) {
        fail(i);
      } else if (v) {
        bits::set_bit(value_bits, i);
      }
    }
  } else {
    out.values = Buffer::allocate(n * static_cast<int64_t>(sizeof(D)), true);
    D* values = out.values->mutable_data_as<D>();
    for (int64_t i = 0; i < n; ++i) {
      if (!bits::get_bit(valid_bits, i)) continue;
      bool ok = false;
      if constexpr (std::is_same_v<S, Utf8Tag>) {
        ok = parse_number<D>(column.string_value(i), values[i]);
      } else {
        ok = convert_number<D>(read_value<S>(column, i), values[i]);
      }
      if (!ok) {
        values[i] = D{};
        fail(i);
      }
    }
  }
  out.null_count = n - bits::count_set_bits(valid_bits, 0, n);
  if (out.null_count > 0) out.validity = std::move(validity);
  result.column = Column(std::make_shared<const ArrayData>(std::move(out)));
  return result;
}

int integer_bits(TypeId id) {
  switch (id) {
    case TypeId::Int8: return 7;
    case TypeId::Int16: return 15;
    case TypeId::Int32: return 31;
    case TypeId::Int64: return 63;
    case TypeId::UInt8: return 8;
    case TypeId::UInt16: return 16;
    case TypeId::UInt32: return 32;
    case TypeId::UInt64: return 64;
    default: return 0;
  }
}

}  // namespace

std::string_view cast_kind_name(CastKind kind) {
  switch (kind) {
    case CastKind::Identity: return "identity";
    case CastKind::Lossless: return "lossless";
    case CastKind::ValueChecked: return "value-checked";
    case CastKind::Unsupported: return "unsupported";
  }
  return "?";
}

CastKind safe_cast_kind(const DataType& from, const DataType& to) {
  if (from.equals(to)) return CastKind::Identity;
  if (!is_scalar(from.id()) || !is_scalar(to.id())) return CastKind::Unsupported;
  if (to.id() == TypeId::String) return CastKind::Lossless;
  if (from.id() == TypeId::String) return CastKind::ValueChecked;
  if (from.id() == TypeId::Bool) return CastKind::Lossless;
  if (to.id() == TypeId::Bool) return CastKind::ValueChecked;
  if (from.is_integer() && to.is_integer()) {
    const bool widening = from.is_signed_integer() == to.is_signed_integer()
                              ? integer_bits(to.id()) >= integer_bits(from.id())
                              : (to.is_signed_integer() && integer_bits(to.id()) > integer_bits(from.id()));
    return widening ? CastKind::Lossless : CastKind::ValueChecked;
  }
  if (from.is_integer() && to.is_floating()) {
    const int mantissa = to.id() == TypeId::Float32 ? 24 : 53;
    return integer_bits(from.id()) <= mantissa ? CastKind::Lossless : CastKind::ValueChecked;
  }
  if (from.id() == TypeId::Float32 && to.id() == TypeId::Float64) return CastKind::Lossless;
  return CastKind::ValueChecked;
}

CastResult cast(const Column& column, const TypePtr& target) {
  if (!column || !target) throw FrameError("cast of an empty column or to no type");
  const CastKind kind = safe_cast_kind(*column.type(), *target);
  if (kind == CastKind::Identity) return CastResult{column, 0, -1, {}};
  if (kind == CastKind::Unsupported)
    throw FrameError(fmt::format("cannot cast {} to {}", column.type()->to_string(), target->to_string()));
  CastResult result;
  visit_scalar(column.type_id(), [&](auto source_tag) {
    using S = typename decltype(source_tag)::type;
    visit_scalar(target->id(), [&](auto target_tag) {
      using D = typename decltype(target_tag)::type;
      result = cast_typed<S, D>(column, target);
    });
  });
  return result;
}

}  // namespace crv::frame
