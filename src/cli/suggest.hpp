#pragma once
// "Did you mean ...?": the closest of a list of names to a mistyped one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crv::cli {

/// Edit distance (insertions, deletions, substitutions, swaps of neighbours), byte-wise.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name`, when it is close enough to be a typo: at most a third of
/// the longer name's length, rounded (at least 1), edits away, or `name` a prefix of it.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

/// "; did you mean 'x'?" for the closest candidate, else "".
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

/// "a, b, c" (or `empty` when there are none).
std::string join_names(const std::vector<std::string>& names, std::string_view empty = "none");

}  // namespace crv::cli
