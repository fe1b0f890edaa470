#pragma once
// The timestamps crv-io writes (manifests, parts, commits, bundles), as the reference
// writes them: ISO-8601 UTC with microseconds, "2025-09-20T12:34:56.123456+00:00". The one
// formatter and parser of them; the time comes from the Env's clock (Env::now_ns).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crv/io/env.hpp"

namespace crv::io::detail {

/// The timestamp of a time in nanoseconds since the epoch (truncated to microseconds).
std::string iso_utc(std::int64_t nanoseconds);

/// Nanoseconds since the epoch of a timestamp as iso_utc writes it (also without the
/// fraction or the offset); nullopt when it does not parse.
std::optional<std::int64_t> parse_iso_utc(std::string_view text);

/// The timestamp of the Env's clock now.
inline std::string utc_now_iso(const Env& env) { return iso_utc(env.now_ns()); }

}  // namespace crv::io::detail
