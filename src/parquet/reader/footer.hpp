#pragma once
// The footer of a Parquet file: magic numbers, footer length, FileMetaData, and the
// validation of every offset and length it holds against the file size.

#include <cstdint>
#include <string>

#include "crv/parquet/source.hpp"
#include "parquet/metadata/thrift_types.hpp"
#include "parquet/schema/parquet_to_frame.hpp"

namespace crv::parquet::reader {

struct Footer {
  FileMetaData metadata;
  int64_t data_end = 0;  // offset of the first footer byte: pages and indexes lie before it
};

// Reads and decodes the footer. ParquetError naming the file when the file is too small,
// a magic number is wrong, the footer is encrypted ("PARE"), the footer length is out of
// range, or the metadata does not decode.
[[nodiscard]] Footer read_footer(const RandomAccessSource& source);

// Checks the row groups against the schema and the file: one column chunk per leaf, with
// metadata, in the file itself, of the leaf's physical type and path, byte ranges inside the
// data section, value counts consistent with the row count.
void validate_row_groups(const FileMetaData& metadata, const schema::FileSchema& schema, int64_t data_end,
                         const std::string& file);

}  // namespace crv::parquet::reader
