#pragma once
/// @file
/// Core constants of the reference (crv.core.constants).

#include <cstdint>
#include <string_view>

namespace crv::core {

inline constexpr std::int64_t TICK_BUCKET_SIZE = 100;    ///< ticks per bucket (IoSettings's default)
inline constexpr std::int64_t ROW_GROUP_SIZE = 131072;   ///< rows per Parquet row group (IoSettings's default)
inline constexpr std::string_view COMPRESSION = "zstd";  ///< the Parquet codec (IoSettings's default)

}  // namespace crv::core
