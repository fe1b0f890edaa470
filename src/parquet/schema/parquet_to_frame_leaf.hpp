#pragma once
// The frame type of one Parquet leaf (primitive) column: logical type first, then the
// legacy converted type, then the physical type (see parquet_to_frame.hpp for the table).

#include <string>

#include "parquet/metadata/thrift_types.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::schema {

struct LeafType {
  frame::TypePtr type;
  ReadConversion conversion = ReadConversion::kNone;
  int32_t decimal_scale = 0;
  bool signed_integer = true;
};

// ParquetError (naming `file` and the column) when the annotation does not fit the
// physical type (e.g. DATE on a BYTE_ARRAY) or its parameters are invalid.
[[nodiscard]] LeafType map_leaf_type(const SchemaElement& element, const std::string& file,
                                     const std::string& column_path, const OpenOptions& options);

}  // namespace crv::parquet::schema
