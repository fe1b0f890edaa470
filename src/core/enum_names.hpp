#pragma once
// Parsing of the closed enums of core (TableName, DType) from the names their to_string
// gives (private header).

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace crv::core::detail {

/// The value of `all` whose to_string is `name`; nullopt when none is.
template <class Enum, std::size_t N>
std::optional<Enum> find_by_name(const std::array<Enum, N>& all, std::string_view name) {
  for (const Enum value : all) {
    if (to_string(value) == name) return value;
  }
  return std::nullopt;
}

/// The names of `all`, comma separated, for error messages.
template <class Enum, std::size_t N>
std::string joined_names(const std::array<Enum, N>& all) {
  std::string names;
  for (const Enum value : all) {
    if (!names.empty()) names += ", ";
    names += to_string(value);
  }
  return names;
}

}  // namespace crv::core::detail
