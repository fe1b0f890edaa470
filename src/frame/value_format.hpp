#pragma once

// Text forms of scalar values shared by pretty printing, JSON and casts (private header).

#include <crv/frame/data_type.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crv::frame::detail {

/// "YYYY-MM-DD" of days since 1970-01-01 (proleptic Gregorian); years outside 0..9999 as
/// a sign and 6 digits ("-000001-01-01", "+010000-01-01"), as ECMAScript's toISOString.
std::string format_date(int64_t days);
void append_date(std::string& out, int64_t days);
/// "HH:MM:SS" plus ".fff" / ".ffffff" / ".fffffffff" for sub-second units, of a time of day.
std::string format_time_of_day(int64_t value, TimeUnit unit);
void append_time_of_day(std::string& out, int64_t value, TimeUnit unit);
/// "YYYY-MM-DD<sep>HH:MM:SS[.frac]" of a timestamp since the epoch (no timezone suffix);
/// values before the epoch floor (-1 ns -> 1969-12-31T23:59:59.999999999).
std::string format_timestamp(int64_t value, TimeUnit unit, char separator);
void append_timestamp(std::string& out, int64_t value, TimeUnit unit, char separator);
/// Exact decimal text of a 16-byte little-endian two's-complement integer with `scale`.
std::string format_decimal128(const uint8_t* bytes, int scale);
void append_decimal128(std::string& out, const uint8_t* bytes, int scale);
/// Shortest text that round-trips; "NaN", "inf", "-inf" for non-finite values; integral
/// values get a ".0" when `force_point`.
std::string format_double(double value, bool force_point);
std::string format_float(float value, bool force_point);
/// Standard base64 with padding.
std::string base64_encode(std::string_view bytes);
void append_base64(std::string& out, std::string_view bytes);

/// Parses "YYYY-MM-DD" into days since the epoch.
std::optional<int64_t> parse_date(std::string_view text);
/// Parses "HH:MM:SS[.frac]" into `unit` ticks since midnight.
std::optional<int64_t> parse_time_of_day(std::string_view text, TimeUnit unit);
/// Parses "YYYY-MM-DD[T ]HH:MM:SS[.frac][Z|+HH:MM|-HH:MM]" into `unit` ticks since the epoch (UTC).
std::optional<int64_t> parse_timestamp(std::string_view text, TimeUnit unit);
/// Parses "-123.45" into a 16-byte little-endian integer scaled by 10^scale; false when
/// the text is not a decimal, has more fraction digits than `scale` (non-zero ones), or
/// does not fit `precision` digits.
bool parse_decimal128(std::string_view text, int precision, int scale, uint8_t* out16);

/// Ticks per second of a unit.
int64_t ticks_per_second(TimeUnit unit);

}  // namespace crv::frame::detail
