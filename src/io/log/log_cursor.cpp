#include "crv/io/log_cursor.hpp"

#include <charconv>

#include "crv/io/errors.hpp"

namespace crv::io {

std::string LogCursor::to_string() const { return std::to_string(segment) + ":" + std::to_string(offset); }

LogCursor LogCursor::parse(std::string_view text) {
  const auto fail = [&]() -> LogCursor {
    throw IoArgumentError("invalid log cursor '" + std::string(text) +
                          "': expected <segment>:<offset>, as printed by follow");
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return fail();
  LogCursor cursor;
  const auto parse_part = [](std::string_view part, std::uint64_t& out) {
    const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return !part.empty() && ec == std::errc() && ptr == part.data() + part.size();
  };
  if (!parse_part(text.substr(0, colon), cursor.segment) || !parse_part(text.substr(colon + 1), cursor.offset)) {
    return fail();
  }
  return cursor;
}

}  // namespace crv::io
