#pragma once
/// @file
/// A position in a run's append log: what Dataset::follow returns and takes back, so that a
/// follower reads only what was appended since its last call.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "crv/export.hpp"

namespace crv::io {

/// A position in a run's append log: Dataset::follow returns the rows committed after it.
struct CRV_IO_EXPORT LogCursor {
  std::uint64_t segment = 0;  ///< 0: the start, before anything was appended
  std::uint64_t offset = 0;   ///< byte offset in the segment

  auto operator<=>(const LogCursor&) const = default;  ///< log order
  bool is_start() const { return segment == 0; }       ///< whether it is the default cursor, before every commit
  /// "<segment>:<offset>", the form `crv-io tail` prints and accepts.
  std::string to_string() const;
  /// Parses to_string()'s form; IoError naming the text otherwise.
  static LogCursor parse(std::string_view text);
};

}  // namespace crv::io
