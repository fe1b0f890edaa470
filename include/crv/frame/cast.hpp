#pragma once

#include <crv/export.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/data_type.hpp>

#include <cstdint>
#include <string>

namespace crv::frame {

/// The outcome of a cast: values that cannot be represented exactly became null.
struct CastResult {
  Column column;                   ///< the cast column
  int64_t failed = 0;              ///< non-null inputs that became null
  int64_t first_failed_row = -1;   ///< -1 when nothing failed
  std::string first_failed_value;  ///< the first failing input, as text
};

/// What a cast between two types needs, from the types alone.
enum class CastKind : uint8_t {
  Identity,      ///< same type
  Lossless,      ///< every value converts exactly (int32 -> int64, f32 -> f64, bool -> i64, int -> str)
  ValueChecked,  ///< possible, but each value is checked (i64 -> f64, f64 -> i64, str -> i64, i64 -> i32)
  Unsupported    ///< no cast between these types
};

/// "identity", "lossless", "value-checked" or "unsupported", for messages.
CRV_IO_EXPORT std::string_view cast_kind_name(CastKind kind);

/// Casts between the scalar types bool, int8..uint64, float32, float64 and utf8.
/// Values that cannot be represented exactly become null and are counted (1.5 -> i64,
/// 2^60 + 1 -> f64, "abc" -> i64, 300 -> i8). Strings parse as numbers ("12", "-3.5",
/// "NaN", "inf") and booleans ("true"/"false"); numbers format as the shortest text that
/// round-trips. FrameError when the cast is Unsupported.
CRV_IO_EXPORT CastResult cast(const Column& column, const TypePtr& target);

/// Whether casting `from` to `to` is lossless by type alone.
CRV_IO_EXPORT CastKind safe_cast_kind(const DataType& from, const DataType& to);

}  // namespace crv::frame
