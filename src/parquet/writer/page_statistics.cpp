#include "parquet/writer/page_statistics.hpp"

#include <cmath>
#include <cstring>

#include "parquet/encoding/bit_util.hpp"

namespace crv::parquet::writer {

using schema::SortOrder;

namespace {

template <typename T>
std::string encode_value(T v) {
  std::string s(sizeof(T), '\0');
  std::memcpy(s.data(), &v, sizeof(T));
  return s;
}

// Min/max of fixed-width values compared as U (the unsigned view for unsigned sort order).
template <typename T, typename U = T>
void min_max_integers(const T* values, size_t n, PageStatistics& out) {
  if (n == 0) return;
  U lo = static_cast<U>(values[0]);
  U hi = lo;
  for (size_t i = 1; i < n; ++i) {
    const U v = static_cast<U>(values[i]);
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  out.has_min_max = true;
  out.min = encode_value(static_cast<T>(lo));
  out.max = encode_value(static_cast<T>(hi));
}

template <typename T>
void min_max_floats(const T* values, size_t n, PageStatistics& out) {
  bool found = false;
  T lo = 0;
  T hi = 0;
  for (size_t i = 0; i < n; ++i) {
    const T v = values[i];
    if (std::isnan(v)) continue;
    if (!found) {
      lo = hi = v;
      found = true;
    } else {
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
  }
  if (!found) return;
  if (lo == 0) lo = -T(0);
  if (hi == 0) hi = T(0);
  out.has_min_max = true;
  out.min = encode_value(lo);
  out.max = encode_value(hi);
}

int compare_unsigned_bytes(std::string_view a, std::string_view b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// Big-endian two's complement of equal width.
int compare_signed_big_endian(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return compare_unsigned_bytes(a, b);
  const auto sa = static_cast<int8_t>(a[0]);
  const auto sb = static_cast<int8_t>(b[0]);
  if (sa != sb) return sa < sb ? -1 : 1;
  return compare_unsigned_bytes(a.substr(1), b.substr(1));
}

bool is_signed_decimal_bytes(const schema::LeafColumn& leaf) {
  return leaf.conversion == schema::ValueConversion::DecimalToFixedLen;
}

}  // namespace

void compute_min_max(const schema::LeafColumn& leaf, const LeafValues& values, size_t begin, size_t end,
                     PageStatistics& out) {
  out.has_min_max = false;
  out.min.clear();
  out.max.clear();
  const size_t n = end - begin;
  if (n == 0) return;
  const bool is_unsigned = leaf.sort_order == SortOrder::Unsigned;
  switch (leaf.physical_type) {
    case Type::BOOLEAN: {
      bool any_true = false;
      bool any_false = false;
      for (size_t i = begin; i < end; ++i) (values.booleans[i] != 0 ? any_true : any_false) = true;
      out.has_min_max = true;
      out.min = std::string(1, any_false ? '\0' : '\1');
      out.max = std::string(1, any_true ? '\1' : '\0');
      break;
    }
    case Type::INT32:
      if (is_unsigned) {
        min_max_integers<int32_t, uint32_t>(values.int32s.data() + begin, n, out);
      } else {
        min_max_integers<int32_t>(values.int32s.data() + begin, n, out);
      }
      break;
    case Type::INT64:
      if (is_unsigned) {
        min_max_integers<int64_t, uint64_t>(values.int64s.data() + begin, n, out);
      } else {
        min_max_integers<int64_t>(values.int64s.data() + begin, n, out);
      }
      break;
    case Type::FLOAT: min_max_floats(values.floats.data() + begin, n, out); break;
    case Type::DOUBLE: min_max_floats(values.doubles.data() + begin, n, out); break;
    case Type::BYTE_ARRAY: {
      const auto* v = values.byte_arrays.data();
      auto view = [&](size_t i) { return std::string_view(reinterpret_cast<const char*>(v[i].data), v[i].size); };
      std::string_view lo = view(begin);
      std::string_view hi = lo;
      for (size_t i = begin + 1; i < end; ++i) {
        const std::string_view s = view(i);
        if (compare_unsigned_bytes(s, lo) < 0) lo = s;
        if (compare_unsigned_bytes(s, hi) > 0) hi = s;
      }
      out.has_min_max = true;
      out.min.assign(lo);
      out.max.assign(hi);
      break;
    }
    case Type::FIXED_LEN_BYTE_ARRAY: {
      const auto width = static_cast<size_t>(leaf.type_length);
      const bool is_signed = is_signed_decimal_bytes(leaf);
      auto view = [&](size_t i) {
        return std::string_view(reinterpret_cast<const char*>(values.fixed.data() + i * width), width);
      };
      std::string_view lo = view(begin);
      std::string_view hi = lo;
      for (size_t i = begin + 1; i < end; ++i) {
        const std::string_view s = view(i);
        const int clo = is_signed ? compare_signed_big_endian(s, lo) : compare_unsigned_bytes(s, lo);
        const int chi = is_signed ? compare_signed_big_endian(s, hi) : compare_unsigned_bytes(s, hi);
        if (clo < 0) lo = s;
        if (chi > 0) hi = s;
      }
      out.has_min_max = true;
      out.min.assign(lo);
      out.max.assign(hi);
      break;
    }
    case Type::INT96: break;
  }
}

void compute_min_max_of_entries(const encoding::ByteArrayDictionaryEncoder& dictionary,
                                const std::vector<uint32_t>& indices, std::vector<uint8_t>& seen, PageStatistics& out) {
  out.has_min_max = false;
  out.min.clear();
  out.max.clear();
  if (indices.empty()) return;
  seen.assign(dictionary.num_entries(), 0);
  for (const uint32_t index : indices) seen[index] = 1;
  auto view = [&](size_t e) {
    const encoding::ByteArrayView v = dictionary.entry(e);
    return std::string_view(reinterpret_cast<const char*>(v.data), v.size);
  };
  std::string_view lo;
  std::string_view hi;
  bool found = false;
  for (size_t e = 0; e < seen.size(); ++e) {
    if (seen[e] == 0) continue;
    const std::string_view s = view(e);
    if (!found) {
      lo = hi = s;
      found = true;
      continue;
    }
    if (compare_unsigned_bytes(s, lo) < 0) lo = s;
    if (compare_unsigned_bytes(s, hi) > 0) hi = s;
  }
  out.has_min_max = true;
  out.min.assign(lo);
  out.max.assign(hi);
}

bool encoded_less(const schema::LeafColumn& leaf, std::string_view a, std::string_view b) {
  const bool is_unsigned = leaf.sort_order == SortOrder::Unsigned;
  auto load = [](std::string_view s, auto zero) {
    decltype(zero) v{};
    if (s.size() >= sizeof(v)) std::memcpy(&v, s.data(), sizeof(v));
    return v;
  };
  switch (leaf.physical_type) {
    case Type::BOOLEAN: return load(a, uint8_t{}) < load(b, uint8_t{});
    case Type::INT32:
      return is_unsigned ? load(a, uint32_t{}) < load(b, uint32_t{}) : load(a, int32_t{}) < load(b, int32_t{});
    case Type::INT64:
      return is_unsigned ? load(a, uint64_t{}) < load(b, uint64_t{}) : load(a, int64_t{}) < load(b, int64_t{});
    case Type::FLOAT: {
      const float x = load(a, float{});
      const float y = load(b, float{});
      return x < y || (x == y && std::signbit(x) && !std::signbit(y));
    }
    case Type::DOUBLE: {
      const double x = load(a, double{});
      const double y = load(b, double{});
      return x < y || (x == y && std::signbit(x) && !std::signbit(y));
    }
    case Type::FIXED_LEN_BYTE_ARRAY:
      if (is_signed_decimal_bytes(leaf)) return compare_signed_big_endian(a, b) < 0;
      return compare_unsigned_bytes(a, b) < 0;
    case Type::BYTE_ARRAY:
    case Type::INT96: return compare_unsigned_bytes(a, b) < 0;
  }
  return false;
}

void merge_statistics(const schema::LeafColumn& leaf, PageStatistics& chunk, const PageStatistics& page) {
  chunk.null_count += page.null_count;
  if (!page.has_min_max) return;
  if (!chunk.has_min_max) {
    chunk.has_min_max = true;
    chunk.min = page.min;
    chunk.max = page.max;
    return;
  }
  if (encoded_less(leaf, page.min, chunk.min)) chunk.min = page.min;
  if (encoded_less(leaf, chunk.max, page.max)) chunk.max = page.max;
}

Statistics to_thrift_statistics(const schema::LeafColumn& leaf, const PageStatistics& stats) {
  Statistics s;
  s.null_count = stats.null_count;
  if (stats.has_min_max) {
    s.min_value = stats.min;
    s.max_value = stats.max;
    if (leaf.sort_order == SortOrder::Signed && leaf.physical_type != Type::BOOLEAN) {
      s.min = stats.min;
      s.max = stats.max;
    }
  }
  return s;
}

BoundaryOrder compute_boundary_order(const schema::LeafColumn& leaf, const std::vector<PageStatistics>& pages) {
  bool ascending = true;
  bool descending = true;
  const PageStatistics* previous = nullptr;
  for (const auto& page : pages) {
    if (!page.has_min_max) continue;
    if (previous != nullptr) {
      if (encoded_less(leaf, page.min, previous->min) || encoded_less(leaf, page.max, previous->max)) ascending = false;
      if (encoded_less(leaf, previous->min, page.min) || encoded_less(leaf, previous->max, page.max))
        descending = false;
    }
    previous = &page;
  }
  if (ascending) return BoundaryOrder::ASCENDING;
  if (descending) return BoundaryOrder::DESCENDING;
  return BoundaryOrder::UNORDERED;
}

}  // namespace crv::parquet::writer
