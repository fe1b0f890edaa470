#pragma once
// "[low, high]": how messages show a tick range.

#include <cstdint>
#include <string>

namespace crv::io::detail {

inline std::string range_text(std::int64_t low, std::int64_t high) {
  return "[" + std::to_string(low) + ", " + std::to_string(high) + "]";
}

}  // namespace crv::io::detail
