#pragma once

#include <crv/export.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/data_type.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crv::frame {

/// An ordered list of uniquely named columns of equal length (a Polars DataFrame).
/// A table of named columns of equal length, the unit of rows in and out of crv-io (appends,
/// reads, scan batches). Immutable: operations return new frames sharing the column buffers.
class CRV_IO_EXPORT Frame {
 public:
  Frame() = default;
  /// FrameError on duplicate names or unequal lengths. Fields are nullable.
  explicit Frame(std::vector<std::pair<std::string, Column>> columns);
  /// As Frame(std::vector<std::pair<std::string, Column>>): `Frame{{"tick", col}, ...}`.
  Frame(std::initializer_list<std::pair<std::string, Column>> columns);

  /// Validates: one column per field, types equal, lengths equal, no nulls in a
  /// non-nullable field, unique names.
  static Frame make(std::vector<Field> schema, std::vector<Column> columns);

  int64_t num_rows() const { return num_rows_; }                   ///< rows of every column
  size_t num_columns() const { return columns_.size(); }           ///< columns
  const std::vector<Field>& schema() const { return fields_; }     ///< one field per column, in order
  std::vector<std::string> names() const;                          ///< the column names, in order
  const std::vector<Column>& columns() const { return columns_; }  ///< the columns, in order

  /// Column i (FrameError when out of range).
  const Column& column(size_t i) const;
  /// FrameError listing the available names when missing.
  const Column& column(std::string_view name) const;
  std::optional<size_t> index_of(std::string_view name) const;  ///< the position of a column; nullopt when missing
  bool has_column(std::string_view name) const { return index_of(name).has_value(); }  ///< whether it has the column

  /// The named columns in the given order.
  Frame select(const std::vector<std::string>& names) const;
  /// Replaces the column of that name (keeping its position) or appends it.
  Frame with_column(const std::string& name, const Column& column) const;
  /// FrameError when missing.
  Frame drop(std::string_view name) const;
  /// Rows [offset, offset + length), sharing the buffers.
  Frame slice(int64_t offset, int64_t length) const;
  /// Keeps the rows where mask (Bool, same length) is true; null counts as false.
  Frame filter(const Column& mask) const;
  /// Keeps the rows where mask (one entry per row) is true.
  Frame filter(const std::vector<bool>& mask) const;
  /// The rows at `indices`, in that order (repeats allowed).
  Frame take(const std::vector<int64_t>& indices) const;

  /// Names, types and values equal (NaN == NaN). Nullability is not compared.
  bool equals(const Frame& other) const;
  /// Polars-like table (see pretty_print.hpp).
  std::string to_string() const;

 private:
  void check_and_index();

  std::vector<Field> fields_;
  std::vector<Column> columns_;
  int64_t num_rows_ = 0;
};

}  // namespace crv::frame
