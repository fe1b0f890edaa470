#pragma once
/// @file
/// RowWriter: rows of a canonical table set value by value, with the table's descriptor
/// (columns, dtypes, required-ness) known, so a simulation appends a tick in a few lines:
///
///   io::RowWriter edges = ds.row_writer(core::TableName::IdentityEdges);
///   edges.tick(t);                                   // the tick of the rows that follow
///   for (const Agent& a : agents) {
///     edges.set("observer_agent_id", a.id).set("edge_kind", "self_to_object").set("edge_weight", a.w);
///     edges.end_row();
///   }
///   edges.append_to(ds);                             // one append; the writer is empty again

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "crv/export.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/append.hpp"
#include "crv/io/append_summary.hpp"
#include "crv/io/table_ref.hpp"

namespace crv::io {

class Dataset;

/// A column of a RowWriter's table, looked up once (RowWriter::column) and used for every
/// row: the setters that take it skip the lookup by name.
class ColumnHandle {
 public:
  std::size_t index() const { return index_; }  ///< the column's position in the descriptor

 private:
  friend class RowWriter;
  explicit ColumnHandle(std::size_t index) : index_(index) {}
  std::size_t index_;
};

/// Builds a table's rows value by value, checking each against its column's dtype as it is
/// set (the README's "Rows from a simulation"). Columns are named by string or ColumnHandle.
class CRV_IO_EXPORT RowWriter {
 public:
  /// A writer of rows of `table`: every column of its descriptor but `bucket`, which the
  /// append computes from `tick`.
  explicit RowWriter(TableRef table);
  ~RowWriter();
  RowWriter(RowWriter&&) noexcept;             ///< takes over the rows set so far
  RowWriter& operator=(RowWriter&&) noexcept;  ///< takes over the rows set so far
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;

  /// The tick of the rows ended from now on, unless a row sets "tick" itself.
  RowWriter& tick(std::int64_t tick);

  /// The handle of a column. IoSchemaError naming the table's columns (and the closest
  /// one) when it has no such column; IoArgumentError for `bucket`.
  ColumnHandle column(std::string_view name) const;

  /// Sets a value of the current row. An i64 column takes integers; an f64 column numbers
  /// (integers exact in a double); a str column strings (UTF-8, checked by the append);
  /// struct and list[struct] columns take JSON (set_json). Any value may be null
  /// (std::nullopt); a required column's null is refused by the append. IoSchemaError
  /// naming the column on an unknown column or a value of another type; IoArgumentError
  /// when the row has that column set already.
  template <class Key, std::integral T>
  requires(!std::same_as<T, bool>) RowWriter& set(const Key& column, T value) {
    if constexpr (std::is_unsigned_v<T>) {
      if (value > static_cast<std::make_unsigned_t<std::int64_t>>(std::numeric_limits<std::int64_t>::max()))
        return set_out_of_range(index_of(column), std::to_string(value));
    }
    return set_integer(index_of(column), static_cast<std::int64_t>(value));
  }
  /// A number, into an f64 column.
  template <class Key>
  RowWriter& set(const Key& column, double value) {
    return set_double(index_of(column), value);
  }
  /// A string, into a str column.
  template <class Key>
  RowWriter& set(const Key& column, std::string_view value) {
    return set_string(index_of(column), value);
  }
  /// A string, into a str column.
  template <class Key>
  RowWriter& set(const Key& column, const std::string& value) {
    return set_string(index_of(column), value);
  }
  /// A string, into a str column (its own overload, so that a literal does not become a bool).
  template <class Key>
  RowWriter& set(const Key& column, const char* value) {
    return set_string(index_of(column), value);
  }
  /// Null (IoSchemaError for a required column at end_row()).
  template <class Key>
  RowWriter& set(const Key& column, std::nullopt_t) {
    return set_null(index_of(column));
  }
  /// A bool has no column type of the canonical tables (it would silently become 1.0).
  template <class Key>
  RowWriter& set(const Key& column, bool value) = delete;
  /// The value of a struct or list[struct] column, or of a scalar column given as JSON (a
  /// number, string or null, converted as the typed setters convert).
  template <class Key>
  RowWriter& set_json(const Key& column, const nlohmann::json& value) {
    return set_json_value(index_of(column), value);
  }

  /// Ends the current row: unset nullable columns become null, an unset `tick` is the one
  /// given to tick(). IoSchemaError naming the first required column left unset (the row
  /// stays open: set it and call end_row() again).
  void end_row();

  /// Rows ended and not taken yet.
  std::int64_t num_rows() const;
  /// The rows ended so far as a frame of the descriptor's types, in descriptor order; the
  /// writer is empty afterwards (tick() stays). IoArgumentError when a row is set but not
  /// ended.
  frame::Frame take();
  /// take(), appended to `dataset` (Dataset::append); the summary.
  AppendSummary append_to(Dataset& dataset, const AppendOptions& options = {});

  TableRef table() const;  ///< the table whose rows it writes

 private:
  struct State;

  std::size_t index_of(std::string_view name) const { return column(name).index(); }
  std::size_t index_of(const char* name) const { return column(name).index(); }
  std::size_t index_of(const std::string& name) const { return column(name).index(); }
  static std::size_t index_of(ColumnHandle handle) { return handle.index(); }

  RowWriter& set_integer(std::size_t column, std::int64_t value);
  RowWriter& set_out_of_range(std::size_t column, const std::string& value);
  RowWriter& set_double(std::size_t column, double value);
  RowWriter& set_string(std::size_t column, std::string_view value);
  RowWriter& set_null(std::size_t column);
  RowWriter& set_json_value(std::size_t column, const nlohmann::json& value);

  std::unique_ptr<State> state_;
};

}  // namespace crv::io
