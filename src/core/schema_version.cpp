#include "crv/core/schema_version.hpp"

#include <charconv>
#include <string>

#include "crv/core/error.hpp"

namespace crv::core {
namespace {

bool is_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "YYYY-MM-DD" with a month 01..12 and a day 01..31.
bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (!is_digits(text.substr(0, 4)) || !is_digits(text.substr(5, 2)) || !is_digits(text.substr(8, 2))) {
    return false;
  }
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  const int day = (text[8] - '0') * 10 + (text[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int parse_component(std::string_view part, std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
  if (!is_digits(part) || ec != std::errc() || end != part.data() + part.size()) {
    throw CoreError("invalid schema version '" + std::string(text) + "': expected <major>.<minor>@<YYYY-MM-DD>");
  }
  return value;
}

}  // namespace

bool is_compatible(const SchemaVersion& a, const SchemaVersion& b) { return a.major == b.major && a.minor == b.minor; }

bool is_successor_of(const SchemaVersion& next, const SchemaVersion& previous) {
  const bool next_minor = next.major == previous.major && next.minor == previous.minor + 1;
  const bool next_major = next.major == previous.major + 1 && next.minor == 0;
  // ISO dates compare correctly as strings.
  return (next_minor || next_major) && next.date >= previous.date;
}

std::string to_metadata_string(const SchemaVersion& version) {
  return std::to_string(version.major) + "." + std::to_string(version.minor) + "@" + version.date;
}

SchemaVersion parse_schema_version(std::string_view text) {
  const auto at = text.find('@');
  const auto dot = text.find('.');
  if (at == std::string_view::npos || dot == std::string_view::npos || dot > at) {
    throw CoreError("invalid schema version '" + std::string(text) + "': expected <major>.<minor>@<YYYY-MM-DD>");
  }
  SchemaVersion version;
  version.major = parse_component(text.substr(0, dot), text);
  version.minor = parse_component(text.substr(dot + 1, at - dot - 1), text);
  const std::string_view date = text.substr(at + 1);
  if (!is_iso_date(date)) {
    throw CoreError("invalid schema version '" + std::string(text) + "': date '" + std::string(date) +
                    "' is not YYYY-MM-DD");
  }
  version.date = std::string(date);
  return version;
}

}  // namespace crv::core
