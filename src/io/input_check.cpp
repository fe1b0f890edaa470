#include "io/input_check.hpp"

#include <string>

#include "crv/frame/limits.hpp"
#include "crv/io/errors.hpp"

namespace crv::io::detail {

void check_input_limits(std::string_view table, const frame::Frame& frame) {
  if (const auto violation = frame::find_limit_violation(frame)) {
    throw IoSchemaError("table '" + std::string(table) + "': " + violation->problem + " (the reader's limit too); " +
                        violation->advice + ". Nothing was appended");
  }
}

}  // namespace crv::io::detail
