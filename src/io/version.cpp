#include "crv/io/version.hpp"

namespace crv::io {

std::string_view version() noexcept { return CRV_IO_VERSION_STRING; }

}  // namespace crv::io
