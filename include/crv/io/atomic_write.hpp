#pragma once
// Durable, atomic replacement of a small file through an Env.

#include <filesystem>
#include <string_view>

#include "crv/io/env.hpp"

namespace crv::io {

/// Writes `contents` to `path`.tmp, fsyncs it, renames it over `path` and fsyncs the
/// directory; creates the parent directory if needed. On failure the .tmp file is
/// removed, `path` keeps its previous content, and the IoError propagates.
void write_file_atomically(Env& env, const std::filesystem::path& path,
                           std::string_view contents);

}  // namespace crv::io
