#pragma once
/// @file
/// Canonical table descriptors (REFERENCE.md section 1) and their registry.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "crv/core/dtype.hpp"
#include "crv/core/table_name.hpp"
#include "crv/export.hpp"

namespace crv::core {

/// One column of a table descriptor.
struct ColumnSpec {
  std::string name;  ///< the column's name
  DType dtype;       ///< its canonical type

  bool operator==(const ColumnSpec&) const = default;  ///< memberwise
};

/// The descriptor of one canonical table. Every table has `bucket` and `tick` (both
/// i64, both required) as its first two columns and is partitioned by `bucket`.
struct CRV_IO_EXPORT TableDescriptor {
  TableName name;                               ///< the table
  std::vector<ColumnSpec> columns;              ///< descriptor order
  std::set<std::string, std::less<>> required;  ///< present and non-null
  std::set<std::string, std::less<>> nullable;  ///< may be absent or null
  std::vector<std::string> partitioning;        ///< {"bucket"}
  int version = 1;                              ///< the descriptor's version

  bool is_required(std::string_view column) const;  ///< whether `column` must be present and non-null
  bool is_nullable(std::string_view column) const;  ///< whether `column` may be absent or null
  /// A column of the descriptor (required or nullable).
  bool is_allowed(std::string_view column) const;
  /// The type of a column; nullopt when the descriptor has no such column.
  std::optional<DType> dtype_of(std::string_view column) const;
  /// The spec of a column, or nullptr when the descriptor has no such column.
  const ColumnSpec* find_column(std::string_view column) const;
  /// Column names in descriptor order (required and nullable together).
  std::vector<std::string> column_names() const;
  /// required ∪ nullable, in descriptor order (the same set as column_names()).
  std::vector<std::string> allowed_columns() const;
};

/// The descriptor of a canonical table.
CRV_IO_EXPORT const TableDescriptor& get_table(TableName table);
/// The descriptor of a canonical table by lower_snake name; CoreError if unknown.
CRV_IO_EXPORT const TableDescriptor& get_table(std::string_view table);
/// All descriptors, in the order of all_table_names().
CRV_IO_EXPORT const std::vector<TableDescriptor>& list_tables();

}  // namespace crv::core
