#pragma once
/// @file
/// The one overlap test of inclusive integer ranges: a scan's tick range against a manifest
/// partition, a part, a row group's statistics or a page's (each layer prunes with it).

#include <cstdint>
#include <optional>

namespace crv::core {

/// Whether [low, high] holds a value of the inclusive bounds [min, max]. An absent bound
/// is open; bounds with min > max hold no value, so nothing overlaps them.
constexpr bool overlaps(std::int64_t low, std::int64_t high, std::optional<std::int64_t> min,
                        std::optional<std::int64_t> max) {
  if (min && max && *min > *max) return false;
  return (!min || high >= *min) && (!max || low <= *max);
}

}  // namespace crv::core
