#pragma once
/// @file
/// The logical column types of the canonical descriptors.

#include <optional>
#include <string_view>

#include "crv/export.hpp"

namespace crv::core {

/// The type of a canonical table's column, as table descriptors name it.
enum class DType {
  I64,         ///< 64-bit signed integer ("i64")
  F64,         ///< 64-bit float ("f64")
  Str,         ///< UTF-8 string ("str")
  Struct,      ///< struct with no fixed inner schema ("struct")
  ListStruct,  ///< list of such structs ("list[struct]")
};

/// "i64", "f64", "str", "struct" or "list[struct]".
CRV_IO_EXPORT std::string_view to_string(DType dtype);

/// Parses the names produced by to_string. Throws CoreError listing the valid names.
CRV_IO_EXPORT DType parse_dtype(std::string_view name);

/// Parses the names produced by to_string; nullopt for anything else.
CRV_IO_EXPORT std::optional<DType> try_parse_dtype(std::string_view name);

}  // namespace crv::core
