// Integer statistics decoding.

#include "parquet/reader/statistics_range.hpp"

#include "crv/core/inclusive_range.hpp"

#include <cstring>
#include <limits>

namespace crv::parquet::reader {

bool is_integer_leaf(const schema::FileLeaf& leaf) {
  if (leaf.physical != Type::INT32 && leaf.physical != Type::INT64) return false;
  return leaf.conversion == schema::ReadConversion::kNone || leaf.conversion == schema::ReadConversion::kInt32ToInt8 ||
         leaf.conversion == schema::ReadConversion::kInt32ToInt16 ||
         leaf.conversion == schema::ReadConversion::kInt32ToUInt8 ||
         leaf.conversion == schema::ReadConversion::kInt32ToUInt16;
}

std::optional<int64_t> decode_int_bound(const schema::FileLeaf& leaf, const std::string& bytes) {
  if (leaf.physical == Type::INT32) {
    if (bytes.size() != 4) return std::nullopt;
    int32_t v;
    std::memcpy(&v, bytes.data(), 4);
    return leaf.signed_integer ? int64_t{v} : static_cast<int64_t>(static_cast<uint32_t>(v));
  }
  if (bytes.size() != 8) return std::nullopt;
  int64_t v;
  std::memcpy(&v, bytes.data(), 8);
  if (!leaf.signed_integer && v < 0) return std::numeric_limits<int64_t>::max();
  return v;
}

std::optional<IntRange> statistics_int_range(const schema::FileLeaf& leaf, const Statistics& statistics) {
  if (!is_integer_leaf(leaf)) return std::nullopt;
  const std::string* min = nullptr;
  const std::string* max = nullptr;
  if (statistics.min_value && statistics.max_value) {
    min = &*statistics.min_value;
    max = &*statistics.max_value;
  } else if (statistics.min && statistics.max && leaf.signed_integer) {
    min = &*statistics.min;
    max = &*statistics.max;
  } else {
    return std::nullopt;
  }
  const auto lo = decode_int_bound(leaf, *min);
  const auto hi = decode_int_bound(leaf, *max);
  if (!lo || !hi || *lo > *hi) return std::nullopt;
  return IntRange{*lo, *hi};
}

bool overlaps(const IntRange& range, std::optional<int64_t> min, std::optional<int64_t> max) {
  return core::overlaps(range.first, range.second, min, max);
}

}  // namespace crv::parquet::reader
