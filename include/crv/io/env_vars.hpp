#pragma once
/// @file
/// Read access to environment variables, injectable for tests.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "crv/export.hpp"

namespace crv::io {

/// A lookup of environment variables. The process environment is the default; tests
/// use from_map() instead of mutating the real environment.
class CRV_IO_EXPORT EnvVars {
 public:
  /// The value of a variable, nullopt when it is not set.
  using Lookup = std::function<std::optional<std::string>(std::string_view name)>;

  /// Variables as `lookup` gives them.
  explicit EnvVars(Lookup lookup);

  /// The environment of this process (getenv).
  static const EnvVars& process();
  /// A fixed set of variables.
  static EnvVars from_map(std::map<std::string, std::string, std::less<>> variables);

  /// The value of a variable; nullopt when it is not set.
  std::optional<std::string> get(std::string_view name) const;

 private:
  Lookup lookup_;
};

}  // namespace crv::io
