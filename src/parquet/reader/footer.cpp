// Footer reading and metadata validation.

#include "parquet/reader/footer.hpp"

#include <cstring>
#include <string>
#include <vector>

#include "crv/parquet/error.hpp"
#include "parquet/reader/column_reader.hpp"

namespace crv::parquet::reader {

Footer read_footer(const RandomAccessSource& source) {
  const std::string& file = source.name();
  auto fail = [&file](const std::string& what) { throw ParquetError::at({.file = file}, what); };
  const int64_t size = source.size();
  constexpr int64_t kMagic = 4;
  if (size < 2 * kMagic + 4) fail("file of " + std::to_string(size) + " bytes is too small to be a Parquet file");
  uint8_t head[4];
  uint8_t tail[8];
  source.read_at(0, 4, head);
  source.read_at(size - 8, 8, tail);
  const std::string_view tail_magic(reinterpret_cast<const char*>(tail + 4), 4);
  if (tail_magic == kEncryptedParquetMagic) fail("encrypted Parquet files (footer magic \"PARE\") are not supported");
  if (tail_magic != kParquetMagic) fail("not a Parquet file: the last 4 bytes are not \"PAR1\"");
  if (std::string_view(reinterpret_cast<const char*>(head), 4) != kParquetMagic) {
    fail("not a Parquet file: the first 4 bytes are not \"PAR1\"");
  }
  uint32_t footer_length;
  std::memcpy(&footer_length, tail, 4);
  if (footer_length == 0 || footer_length > static_cast<uint64_t>(size - 2 * kMagic - 4)) {
    fail("footer length " + std::to_string(footer_length) + " does not fit in the file of " + std::to_string(size) +
         " bytes");
  }
  Footer footer;
  footer.data_end = size - 8 - static_cast<int64_t>(footer_length);
  std::vector<uint8_t> bytes(footer_length);
  source.read_at(footer.data_end, bytes.size(), bytes.data());
  try {
    footer.metadata = deserialize_file_metadata(bytes.data(), bytes.size());
  } catch (const ParquetError& e) {
    fail(std::string("invalid footer metadata: ") + e.what());
  }
  if (footer.metadata.num_rows < 0) fail("negative num_rows in the footer");
  return footer;
}

void validate_row_groups(const FileMetaData& metadata, const schema::FileSchema& schema, int64_t data_end,
                         const std::string& file) {
  for (size_t g = 0; g < metadata.row_groups.size(); ++g) {
    const RowGroup& rg = metadata.row_groups[g];
    ErrorContext where{.file = file, .row_group = static_cast<int64_t>(g)};
    if (rg.num_rows < 0) throw ParquetError::at(where, "negative num_rows");
    if (rg.columns.size() != schema.leaves.size()) {
      throw ParquetError::at(where, "row group has " + std::to_string(rg.columns.size()) +
                                        " column chunks, the schema " + std::to_string(schema.leaves.size()) +
                                        " leaf columns");
    }
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const ColumnChunk& chunk = rg.columns[c];
      const schema::FileLeaf& leaf = schema.leaves[c];
      where.column_path = leaf.dotted_path;
      if (chunk.file_path)
        throw ParquetError::at(where, "column chunk in another file ('" + *chunk.file_path + "') is not supported");
      if (!chunk.meta_data) throw ParquetError::at(where, "column chunk without metadata");
      const ColumnMetaData& meta = *chunk.meta_data;
      if (meta.type != leaf.physical) {
        throw ParquetError::at(where, "column chunk type " + to_string(meta.type) + " differs from the schema's " +
                                          to_string(leaf.physical));
      }
      if (meta.path_in_schema != leaf.path)
        throw ParquetError::at(where, "column chunk path_in_schema differs from the schema");
      if (leaf.max_rep == 0 && meta.num_values != rg.num_rows) {
        throw ParquetError::at(where, "column chunk holds " + std::to_string(meta.num_values) + " values for " +
                                          std::to_string(rg.num_rows) + " rows");
      }
      if (leaf.max_rep > 0 && meta.num_values < rg.num_rows) {
        throw ParquetError::at(where, "column chunk holds fewer values than the row group's rows");
      }
      (void)column_chunk_range(meta, data_end, where);
    }
  }
}

}  // namespace crv::parquet::reader
