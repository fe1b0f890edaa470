#pragma once
/// @file
/// Run identifiers.

#include <cstddef>
#include <string>
#include <string_view>

#include "crv/core/error.hpp"
#include "crv/export.hpp"

namespace crv::core {

/// True for lower_snake names: ^[a-z0-9]+(?:_[a-z0-9]+)*$.
CRV_IO_EXPORT bool is_lower_snake(std::string_view text);

/// "<prefix>_<6 lowercase hex>" with random hex. The prefix must be lower_snake
/// (CoreError otherwise).
CRV_IO_EXPORT std::string make_run_id(std::string_view prefix = "run");

/// The longest run id: a run is a directory, and a file name has at most 255 bytes.
inline constexpr std::size_t kMaxRunIdBytes = 255;

/// True when `run_id` is a valid on-disk run id: ^[A-Za-z0-9._:-]+$, neither "." nor "..",
/// and at most kMaxRunIdBytes long.
CRV_IO_EXPORT bool is_valid_run_id(std::string_view run_id);

/// Returns `run_id` unchanged when it is valid; throws CoreError naming the id and the
/// rule it breaks otherwise.
CRV_IO_EXPORT std::string validate_run_id(std::string_view run_id);

/// Trims surrounding whitespace, replaces each inner run of whitespace by '_', then
/// validates (CoreError when the result is empty, "." or "..", or has other
/// characters than [A-Za-z0-9._:-]).
CRV_IO_EXPORT std::string normalize_run_id(std::string_view run_id);

}  // namespace crv::core
