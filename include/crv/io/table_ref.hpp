#pragma once
// A canonical table named either by its enum or by its lower_snake name, so that the
// Dataset API accepts `TableName::IdentityEdges` and "identity_edges" alike.

#include <string>
#include <string_view>

#include "crv/core/table_name.hpp"
#include "crv/export.hpp"

namespace crv::io {

class CRV_IO_EXPORT TableRef {
 public:
  TableRef(core::TableName name) : name_(name) {}  // NOLINT(google-explicit-constructor)
  /// Throws IoSchemaError listing the canonical names when `name` is not one.
  TableRef(std::string_view name);                                         // NOLINT(google-explicit-constructor)
  TableRef(const std::string& name) : TableRef(std::string_view(name)) {}  // NOLINT
  TableRef(const char* name) : TableRef(std::string_view(name)) {}         // NOLINT

  core::TableName name() const { return name_; }
  std::string_view str() const { return core::to_string(name_); }

 private:
  core::TableName name_;
};

}  // namespace crv::io
