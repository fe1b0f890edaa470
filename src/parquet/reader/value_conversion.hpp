#pragma once
// Dense physical values of a leaf -> dense frame values (schema::ReadConversion), in place:
// afterwards LeafData::fixed holds values of the frame type's byte width (one byte per value
// for booleans) and LeafData::bytes the values of string and binary frame types.

#include "parquet/reader/leaf_data.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

// Throws ParquetError (without location) when a value cannot be converted, e.g. a decimal
// wider than 128 bits.
void convert_dense_values(const schema::FileLeaf& leaf, LeafData& data);

}  // namespace crv::parquet::reader
