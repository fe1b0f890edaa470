#pragma once
// Core constants of the reference (crv.core.constants).

#include <cstdint>
#include <string_view>

namespace crv::core {

inline constexpr std::int64_t TICK_BUCKET_SIZE = 100;
inline constexpr std::int64_t ROW_GROUP_SIZE = 131072;
inline constexpr std::string_view COMPRESSION = "zstd";

}  // namespace crv::core
