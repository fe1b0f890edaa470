#include "crv/io/table_ref.hpp"

#include <string>

#include "crv/core/error.hpp"
#include "crv/io/errors.hpp"

namespace crv::io {

TableRef::TableRef(std::string_view name) : name_(core::TableName::IdentityEdges) {
  try {
    name_ = core::parse_table_name(name);
  } catch (const core::CoreError& error) {
    throw IoSchemaError(error.what());
  }
}

}  // namespace crv::io
