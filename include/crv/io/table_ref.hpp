#pragma once
/// @file
/// A canonical table named either by its enum or by its lower_snake name, so that the
/// Dataset API accepts `TableName::IdentityEdges` and "identity_edges" alike.

#include <string>
#include <string_view>

#include "crv/core/table_name.hpp"
#include "crv/export.hpp"

namespace crv::io {

/// A canonical table, named by core::TableName or by string: what every Dataset call takes,
/// so that `ds.scan("holdings")` and `ds.scan(core::TableName::Holdings)` both work.
class CRV_IO_EXPORT TableRef {
 public:
  /// The table `name`.
  TableRef(core::TableName name) : name_(name) {}  // NOLINT(google-explicit-constructor)
  /// Throws IoSchemaError listing the canonical names when `name` is not one.
  TableRef(std::string_view name);  // NOLINT(google-explicit-constructor)
  /// As TableRef(std::string_view).
  TableRef(const std::string& name) : TableRef(std::string_view(name)) {}  // NOLINT
  /// As TableRef(std::string_view).
  TableRef(const char* name) : TableRef(std::string_view(name)) {}  // NOLINT

  core::TableName name() const { return name_; }                   ///< the table
  std::string_view str() const { return core::to_string(name_); }  ///< its name, "identity_edges"

 private:
  core::TableName name_;
};

}  // namespace crv::io
