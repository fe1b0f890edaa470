#pragma once

#include <stdexcept>
#include <string>

#include "crv/export.hpp"

namespace crv::frame {

/// Error raised by the frame layer: a type mismatch, an invalid buffer layout, a missing
/// column, an index out of range. The message names the thing that is wrong and the value.
class CRV_IO_EXPORT FrameError : public std::runtime_error {
 public:
  /// The message says what is wrong (what() returns it).
  explicit FrameError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace crv::frame
