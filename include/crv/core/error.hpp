#pragma once
/// @file
/// The error type of the core layer.

#include <stdexcept>
#include <string>

#include "crv/export.hpp"

namespace crv::core {

/// Raised for invalid names, identifiers and versions (an invalid argument to a core
/// function). Messages name the offending value and the rule it breaks.
class CRV_IO_EXPORT CoreError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace crv::core
