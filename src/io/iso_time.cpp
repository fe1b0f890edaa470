#include "io/iso_time.hpp"

#include <cstdio>
#include <ctime>

namespace crv::io::detail {

std::string iso_utc(std::int64_t nanoseconds) {
  // Floor divisions: before the epoch the fraction counts up from the earlier second.
  const auto floor_div = [](std::int64_t a, std::int64_t b) { return a / b - (a % b < 0 ? 1 : 0); };
  const std::int64_t total_micros = floor_div(nanoseconds, 1000);
  const std::int64_t seconds = floor_div(total_micros, 1'000'000);
  const std::int64_t micros = total_micros - seconds * 1'000'000;
  const auto time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+00:00", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<long long>(micros));
  return buffer;
}

std::optional<std::int64_t> parse_iso_utc(std::string_view text) {
  const std::string copy(text);  // sscanf needs the terminating NUL
  std::tm tm{};
  int micros = 0;
  const int fields = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%6d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                 &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &micros);
  if (fields < 6) return std::nullopt;
  if (fields == 6) micros = 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1'000'000'000 + static_cast<std::int64_t>(micros) * 1000;
}

}  // namespace crv::io::detail
