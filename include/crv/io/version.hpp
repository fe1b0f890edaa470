#pragma once
/// @file
/// The crv-io version: CRV_IO_VERSION_MAJOR/MINOR/PATCH (the headers, from crv/version.hpp)
/// and crv::io::version() (the library linked).

#include <string_view>

#include "crv/export.hpp"
#include "crv/version.hpp"

namespace crv::io {

/// The version of the crv-io library linked, "MAJOR.MINOR.PATCH" (CRV_IO_VERSION_STRING of
/// the headers it was built with).
CRV_IO_EXPORT std::string_view version() noexcept;

}  // namespace crv::io
