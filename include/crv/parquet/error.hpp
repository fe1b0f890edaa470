#pragma once
/// @file
/// Errors of the Parquet layer: one exception type, with an optional description of where
/// in a Parquet file the problem is (file, row group, column path, page).

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "crv/export.hpp"

namespace crv::parquet {

/// Where in a Parquet file something went wrong. Every part is optional; describe() names
/// only the parts that are set, e.g. "file 'a.parquet', row group 2, column 'pos.x', page 5".
struct CRV_IO_EXPORT ErrorContext {
  // Default member initializers let callers name only some parts with designated
  // initializers ({.file = path, .page = 3}) without -Wmissing-field-initializers.
  std::string file{};                  ///< the file's path or name
  std::optional<int64_t> row_group{};  ///< row group index
  std::string column_path{};           ///< dotted path of the leaf column, e.g. "pos.x"
  std::optional<int64_t> page{};       ///< page index within the column chunk

  /// The parts that are set, e.g. "file 'a.parquet', row group 2, column 'pos.x', page 5".
  [[nodiscard]] std::string describe() const {
    std::string s;
    auto sep = [&s] {
      if (!s.empty()) s += ", ";
    };
    if (!file.empty()) {
      s += "file '";
      s += file;
      s += '\'';
    }
    if (row_group) {
      sep();
      s += "row group " + std::to_string(*row_group);
    }
    if (!column_path.empty()) {
      sep();
      s += "column '";
      s += column_path;
      s += '\'';
    }
    if (page) {
      sep();
      s += "page " + std::to_string(*page);
    }
    return s;
  }
};

/// Error raised by the parquet layer: a corrupt or unsupported file, a failed read or write,
/// an invalid argument. Its context says where in the file.
class CRV_IO_EXPORT ParquetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;

  /// `message` as what(), with `context` kept apart (at() puts both in the message).
  ParquetError(ErrorContext context, const std::string& message)
      : std::runtime_error(message), context_(std::move(context)) {}

  /// Builds "<where>: <what>" (or just "<what>" when the context is empty), e.g.
  ///   throw ParquetError::at({.file = path, .row_group = 1}, "page header is truncated");
  [[nodiscard]] static ParquetError at(ErrorContext where, std::string_view what) {
    std::string place = where.describe();
    std::string message = place.empty() ? std::string(what) : place + ": " + std::string(what);
    return ParquetError(std::move(where), message);
  }

  /// The place given to at() (empty when the error was built from a plain message).
  [[nodiscard]] const ErrorContext& context() const noexcept { return context_; }

 private:
  ErrorContext context_;
};

}  // namespace crv::parquet
