#pragma once
// The errors of reading and writing a manifest file (private to the io layer).

#include <filesystem>

#include "crv/io/errors.hpp"

namespace crv::io::detail {

/// "cannot read manifest '<path>': <error>" and "cannot write manifest '<path>': <error>",
/// keeping the failed call's errno.
IoManifestError manifest_read_error(const std::filesystem::path& path, const IoError& error);
IoManifestError manifest_write_error(const std::filesystem::path& path, const IoError& error);

}  // namespace crv::io::detail
