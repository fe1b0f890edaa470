#pragma once
// The error type of the core layer.

#include <stdexcept>
#include <string>

namespace crv::core {

/// Raised for invalid names, identifiers and versions (an invalid argument to a core
/// function). Messages name the offending value and the rule it breaks.
class CoreError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace crv::core
