#include "crv/io/errors.hpp"

namespace crv::io {

std::string_view to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::InvalidArgument: return "invalid argument";
    case ErrorKind::NotFound: return "not found";
    case ErrorKind::Corruption: return "corruption";
    case ErrorKind::NotSupported: return "not supported";
    case ErrorKind::IOError: return "io error";
  }
  return "io error";
}

}  // namespace crv::io
