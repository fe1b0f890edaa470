#pragma once
// Record assembly: definition and repetition levels of the leaves -> nested frame columns
// (validity bitmaps, list offsets, struct children), to any depth.

#include <vector>

#include "crv/frame/column.hpp"
#include "crv/parquet/error.hpp"
#include "parquet/reader/leaf_data.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

// Builds the column of `node` from the leaves below it (leaves[i] holds leaf i's data, its
// values already converted with convert_dense_values; leaves' buffers are handed over).
// Throws ParquetError::at(where, ...) when the levels are inconsistent (a leaf whose slots
// disagree with its siblings', value counts that do not match the levels).
[[nodiscard]] frame::Column assemble_column(const schema::AssemblyNode& node,
                                            const std::vector<schema::FileLeaf>& leaf_columns,
                                            std::vector<LeafData>& leaves, const ErrorContext& where);

}  // namespace crv::parquet::reader
