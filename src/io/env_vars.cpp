#include "crv/io/env_vars.hpp"

#include <cstdlib>
#include <utility>

namespace crv::io {

EnvVars::EnvVars(Lookup lookup) : lookup_(std::move(lookup)) {}

const EnvVars& EnvVars::process() {
  static const EnvVars process_env{[](std::string_view name) -> std::optional<std::string> {
    const std::string key(name);
    if (const char* value = std::getenv(key.c_str())) return std::string(value);
    return std::nullopt;
  }};
  return process_env;
}

EnvVars EnvVars::from_map(std::map<std::string, std::string, std::less<>> variables) {
  return EnvVars{[variables = std::move(variables)](std::string_view name) -> std::optional<std::string> {
    const auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  }};
}

std::optional<std::string> EnvVars::get(std::string_view name) const { return lookup_(name); }

}  // namespace crv::io
