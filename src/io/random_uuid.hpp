#pragma once
// Random identifiers for file names (private to the io layer).

#include <string>

namespace crv::io::detail {

/// A random (version 4) UUID as 32 lowercase hex digits, without dashes.
std::string random_uuid4_hex();

}  // namespace crv::io::detail
