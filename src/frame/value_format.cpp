#include "frame/value_format.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <iterator>

namespace crv::frame::detail {
namespace {

__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

// Howard Hinnant's days_from_civil / civil_from_days.
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += (m <= 2);
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int fraction_digits(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Second: return 0;
    case TimeUnit::Milli: return 3;
    case TimeUnit::Micro: return 6;
    case TimeUnit::Nano: return 9;
  }
  return 0;
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

void append_hms(std::string& out, int64_t seconds_of_day, int64_t fraction, TimeUnit unit) {
  fmt::format_to(std::back_inserter(out), "{:02}:{:02}:{:02}", seconds_of_day / 3600, seconds_of_day / 60 % 60,
                 seconds_of_day % 60);
  const int digits = fraction_digits(unit);
  if (digits > 0) fmt::format_to(std::back_inserter(out), ".{:0{}}", fraction, digits);
}

bool parse_uint(std::string_view text, size_t& pos, size_t digits, int64_t& out) {
  if (pos + digits > text.size()) return false;
  int64_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += digits;
  out = value;
  return true;
}

bool parse_date_at(std::string_view text, size_t& pos, int64_t& days) {
  int64_t y = 0;
  int64_t m = 0;
  int64_t d = 0;
  if (!parse_uint(text, pos, 4, y) || pos >= text.size() || text[pos++] != '-' || !parse_uint(text, pos, 2, m) ||
      pos >= text.size() || text[pos++] != '-' || !parse_uint(text, pos, 2, d))
    return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  days = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  int64_t ry = 0;
  unsigned rm = 0;
  unsigned rd = 0;
  civil_from_days(days, ry, rm, rd);
  return ry == y && rm == m && rd == d;  // rejects 2023-02-30
}

bool parse_time_at(std::string_view text, size_t& pos, TimeUnit unit, int64_t& ticks) {
  int64_t h = 0;
  int64_t mi = 0;
  int64_t s = 0;
  if (!parse_uint(text, pos, 2, h) || pos >= text.size() || text[pos++] != ':' || !parse_uint(text, pos, 2, mi) ||
      pos >= text.size() || text[pos++] != ':' || !parse_uint(text, pos, 2, s))
    return false;
  if (h > 23 || mi > 59 || s > 59) return false;
  const int64_t per_second = ticks_per_second(unit);
  int64_t fraction = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int64_t scale = per_second;
    size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      const int digit = text[pos++] - '0';
      ++digits;
      if (scale >= 10) {
        scale /= 10;
        fraction += digit * scale;
      } else if (digit != 0) {
        return false;  // more precision than the unit holds
      }
    }
    if (digits == 0) return false;
  }
  ticks = ((h * 60 + mi) * 60 + s) * per_second + fraction;
  return true;
}

}  // namespace

int64_t ticks_per_second(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Second: return 1;
    case TimeUnit::Milli: return 1000;
    case TimeUnit::Micro: return 1000000;
    case TimeUnit::Nano: return 1000000000;
  }
  return 1;
}

void append_date(std::string& out, int64_t days) {
  int64_t y = 0;
  unsigned m = 0;
  unsigned d = 0;
  civil_from_days(days, y, m, d);
  if (y >= 0 && y <= 9999) {
    fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}", y, m, d);
  } else {
    fmt::format_to(std::back_inserter(out), "{:+07}-{:02}-{:02}", y, m, d);
  }
}

std::string format_date(int64_t days) {
  std::string out;
  append_date(out, days);
  return out;
}

void append_time_of_day(std::string& out, int64_t value, TimeUnit unit) {
  const int64_t per_second = ticks_per_second(unit);
  const int64_t seconds = floor_div(value, per_second);
  const int64_t fraction = value - seconds * per_second;
  append_hms(out, ((seconds % 86400) + 86400) % 86400, fraction, unit);
}

std::string format_time_of_day(int64_t value, TimeUnit unit) {
  std::string out;
  append_time_of_day(out, value, unit);
  return out;
}

void append_timestamp(std::string& out, int64_t value, TimeUnit unit, char separator) {
  const int64_t per_second = ticks_per_second(unit);
  const int64_t seconds = floor_div(value, per_second);
  const int64_t fraction = value - seconds * per_second;
  const int64_t days = floor_div(seconds, 86400);
  const int64_t seconds_of_day = seconds - days * 86400;
  append_date(out, days);
  out.push_back(separator);
  append_hms(out, seconds_of_day, fraction, unit);
}

std::string format_timestamp(int64_t value, TimeUnit unit, char separator) {
  std::string out;
  append_timestamp(out, value, unit, separator);
  return out;
}

void append_decimal128(std::string& out, const uint8_t* bytes, int scale) {
  int128 value;
  std::memcpy(&value, bytes, 16);
  const bool negative = value < 0;
  uint128 magnitude = negative ? static_cast<uint128>(-(value + 1)) + 1 : static_cast<uint128>(value);
  char digits[48];  // 39 digits at most, plus zeros up to the scale (<= 38)
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  while (count <= scale && count < static_cast<int>(sizeof(digits))) digits[count++] = '0';
  if (negative) out.push_back('-');
  for (int i = count; i-- > 0;) {
    out.push_back(digits[i]);
    if (scale > 0 && i == scale) out.push_back('.');
  }
}

std::string format_decimal128(const uint8_t* bytes, int scale) {
  std::string out;
  append_decimal128(out, bytes, scale);
  return out;
}

bool parse_decimal128(std::string_view text, int precision, int scale, uint8_t* out16) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  uint128 value = 0;
  int integer_digits = 0;
  int fraction_count = 0;
  bool any_digit = false;
  bool in_fraction = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    any_digit = true;
    if (in_fraction) {
      if (fraction_count == scale) {
        if (c != '0') return false;
        continue;
      }
      ++fraction_count;
    } else if (value != 0 || c != '0') {
      ++integer_digits;
    }
    if (integer_digits + scale > 38) return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (!any_digit) return false;
  for (; fraction_count < scale; ++fraction_count) value *= 10;
  if (integer_digits + scale > precision) return false;
  const int128 signed_value = negative ? -static_cast<int128>(value) : static_cast<int128>(value);
  std::memcpy(out16, &signed_value, 16);
  return true;
}

std::string format_double(double value, bool force_point) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string out = fmt::format("{}", value);
  if (force_point && out.find_first_of(".en") == std::string::npos) out += ".0";
  return out;
}

std::string format_float(float value, bool force_point) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string out = fmt::format("{}", value);
  if (force_point && out.find_first_of(".en") == std::string::npos) out += ".0";
  return out;
}

void append_base64(std::string& out, std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  out.reserve(out.size() + (bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  append_base64(out, bytes);
  return out;
}

std::optional<int64_t> parse_date(std::string_view text) {
  size_t pos = 0;
  int64_t days = 0;
  if (!parse_date_at(text, pos, days) || pos != text.size()) return std::nullopt;
  return days;
}

std::optional<int64_t> parse_time_of_day(std::string_view text, TimeUnit unit) {
  size_t pos = 0;
  int64_t ticks = 0;
  if (!parse_time_at(text, pos, unit, ticks) || pos != text.size()) return std::nullopt;
  return ticks;
}

std::optional<int64_t> parse_timestamp(std::string_view text, TimeUnit unit) {
  size_t pos = 0;
  int64_t days = 0;
  if (!parse_date_at(text, pos, days)) return std::nullopt;
  int64_t ticks = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
    ++pos;
    if (!parse_time_at(text, pos, unit, ticks)) return std::nullopt;
  }
  int64_t offset_seconds = 0;
  if (pos < text.size()) {
    if (text[pos] == 'Z') {
      ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
      const int sign = text[pos++] == '-' ? -1 : 1;
      int64_t h = 0;
      int64_t m = 0;
      if (!parse_uint(text, pos, 2, h)) return std::nullopt;
      if (pos < text.size() && text[pos] == ':') ++pos;
      if (!parse_uint(text, pos, 2, m)) return std::nullopt;
      offset_seconds = sign * (h * 3600 + m * 60);
    }
  }
  if (pos != text.size()) return std::nullopt;
  const int64_t per_second = ticks_per_second(unit);
  return (days * 86400 - offset_seconds) * per_second + ticks;
}

}  // namespace crv::frame::detail
