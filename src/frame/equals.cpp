#include <crv/frame/bit_util.hpp>
#include <crv/frame/kernels.hpp>

#include <cmath>
#include <cstring>

namespace crv::frame {
namespace {

bool same_validity(const Column& a, const Column& b) {
  if (a.null_count() != b.null_count()) return false;
  if (a.null_count() == 0) return true;
  for (int64_t i = 0; i < a.length(); ++i)
    if (a.is_valid(i) != b.is_valid(i)) return false;
  return true;
}

template <class T>
bool equal_values(const Column& a, const Column& b) {
  const T* x = a.values<T>();
  const T* y = b.values<T>();
  const bool has_nulls = a.null_count() > 0;
  for (int64_t i = 0; i < a.length(); ++i) {
    if (x[i] == y[i]) continue;
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(x[i]) && std::isnan(y[i])) continue;
    }
    if (has_nulls && a.is_null(i)) continue;
    return false;
  }
  return true;
}

/// Indices of the valid rows (used to compare only the children of valid parents).
std::vector<int64_t> valid_rows(const Column& c) {
  std::vector<int64_t> rows;
  rows.reserve(static_cast<size_t>(c.length() - c.null_count()));
  for (int64_t i = 0; i < c.length(); ++i)
    if (c.is_valid(i)) rows.push_back(i);
  return rows;
}

bool equal_same_type(const Column& a, const Column& b) {
  if (a.length() != b.length() || !same_validity(a, b)) return false;
  const DataType& type = *a.type();
  switch (type.id()) {
    case TypeId::Bool:
      for (int64_t i = 0; i < a.length(); ++i)
        if (a.bool_value(i) != b.bool_value(i) && a.is_valid(i)) return false;
      return true;
    case TypeId::Int8:
    case TypeId::UInt8: return equal_values<uint8_t>(a, b);
    case TypeId::Int16:
    case TypeId::UInt16: return equal_values<uint16_t>(a, b);
    case TypeId::Int32:
    case TypeId::UInt32:
    case TypeId::Date32:
    case TypeId::Time32: return equal_values<uint32_t>(a, b);
    case TypeId::Int64:
    case TypeId::UInt64:
    case TypeId::Time64:
    case TypeId::Timestamp: return equal_values<uint64_t>(a, b);
    case TypeId::Float32: return equal_values<float>(a, b);
    case TypeId::Float64: return equal_values<double>(a, b);
    case TypeId::Decimal128:
    case TypeId::FixedSizeBinary:
    case TypeId::Binary:
    case TypeId::String:
      for (int64_t i = 0; i < a.length(); ++i)
        if (a.string_value(i) != b.string_value(i) && a.is_valid(i)) return false;
      return true;
    case TypeId::Struct: {
      if (a.null_count() == 0) {
        for (int k = 0; k < a.num_children(); ++k)
          if (!equal_same_type(a.child(k), b.child(k))) return false;
        return true;
      }
      const auto rows = valid_rows(a);
      for (int k = 0; k < a.num_children(); ++k)
        if (!equal_same_type(take(a.child(k), rows), take(b.child(k), rows))) return false;
      return true;
    }
    case TypeId::List: {
      const int32_t* oa = a.list_offsets();
      const int32_t* ob = b.list_offsets();
      for (int64_t i = 0; i < a.length(); ++i)
        if (a.is_valid(i) && oa[i + 1] - oa[i] != ob[i + 1] - ob[i]) return false;
      if (a.null_count() == 0) {
        const int64_t n = a.length();
        return equal_same_type(a.list_items().slice(oa[0], oa[n] - oa[0]), b.list_items().slice(ob[0], ob[n] - ob[0]));
      }
      std::vector<int64_t> ia;
      std::vector<int64_t> ib;
      for (int64_t i = 0; i < a.length(); ++i) {
        if (!a.is_valid(i)) continue;
        for (int32_t j = 0; j < oa[i + 1] - oa[i]; ++j) {
          ia.push_back(oa[i] + j);
          ib.push_back(ob[i] + j);
        }
      }
      return equal_same_type(take(a.list_items(), ia), take(b.list_items(), ib));
    }
  }
  return false;
}

}  // namespace

bool equals(const Column& a, const Column& b) {
  if (!a || !b) return !a && !b;
  if (!type_equals(a.type(), b.type())) return false;
  return equal_same_type(a, b);
}

bool equals(const Frame& a, const Frame& b) {
  if (a.num_columns() != b.num_columns() || a.num_rows() != b.num_rows()) return false;
  for (size_t i = 0; i < a.num_columns(); ++i) {
    if (a.schema()[i].name != b.schema()[i].name) return false;
    if (!equals(a.column(i), b.column(i))) return false;
  }
  return true;
}

}  // namespace crv::frame
