// The read-only metadata views (crv/parquet/metadata.hpp) over the format's Thrift structs.

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "crv/parquet/error.hpp"
#include "crv/parquet/metadata.hpp"
#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet {
namespace {

// Every chunk of a validated footer has its ColumnMetaData (the reader refuses a file
// without; the writer always writes it).
const ColumnMetaData& meta_of(const ColumnChunk& chunk) { return *chunk.meta_data; }

}  // namespace

const std::vector<std::string>& ColumnChunkView::path_in_schema() const { return meta_of(*chunk_).path_in_schema; }

std::string ColumnChunkView::path() const {
  std::string out;
  for (const std::string& name : path_in_schema()) out += (out.empty() ? "" : ".") + name;
  return out;
}

Type ColumnChunkView::physical_type() const { return meta_of(*chunk_).type; }
CompressionCodec ColumnChunkView::codec() const { return meta_of(*chunk_).codec; }
const std::vector<Encoding>& ColumnChunkView::encodings() const { return meta_of(*chunk_).encodings; }
int64_t ColumnChunkView::num_values() const { return meta_of(*chunk_).num_values; }
int64_t ColumnChunkView::total_compressed_size() const { return meta_of(*chunk_).total_compressed_size; }
int64_t ColumnChunkView::total_uncompressed_size() const { return meta_of(*chunk_).total_uncompressed_size; }
int64_t ColumnChunkView::data_page_offset() const { return meta_of(*chunk_).data_page_offset; }
std::optional<int64_t> ColumnChunkView::dictionary_page_offset() const {
  return meta_of(*chunk_).dictionary_page_offset;
}

std::optional<ColumnStatistics> ColumnChunkView::statistics() const {
  const std::optional<Statistics>& s = meta_of(*chunk_).statistics;
  if (!s) return std::nullopt;
  return ColumnStatistics{.null_count = s->null_count,
                          .distinct_count = s->distinct_count,
                          .nan_count = s->nan_count,
                          .min_value = s->min_value,
                          .max_value = s->max_value,
                          .legacy_min = s->min,
                          .legacy_max = s->max};
}

bool ColumnChunkView::has_page_index() const {
  return chunk_->offset_index_offset.has_value() && chunk_->column_index_offset.has_value();
}

int64_t RowGroupView::num_rows() const { return group_->num_rows; }
int64_t RowGroupView::total_byte_size() const { return group_->total_byte_size; }
std::optional<int64_t> RowGroupView::total_compressed_size() const { return group_->total_compressed_size; }
int RowGroupView::num_columns() const { return static_cast<int>(group_->columns.size()); }

ColumnChunkView RowGroupView::column(int index) const {
  if (index < 0 || index >= num_columns()) {
    throw ParquetError(fmt::format("column chunk {} does not exist: the row group has {}", index, num_columns()));
  }
  return ColumnChunkView(&group_->columns[static_cast<size_t>(index)]);
}

int32_t FileMetadataView::version() const { return file_->version; }
int64_t FileMetadataView::num_rows() const { return file_->num_rows; }
std::string FileMetadataView::created_by() const { return file_->created_by.value_or(""); }
int FileMetadataView::num_row_groups() const { return static_cast<int>(file_->row_groups.size()); }

RowGroupView FileMetadataView::row_group(int index) const {
  if (index < 0 || index >= num_row_groups()) {
    throw ParquetError(fmt::format("row group {} does not exist: the file has {}", index, num_row_groups()));
  }
  return RowGroupView(&file_->row_groups[static_cast<size_t>(index)]);
}

std::vector<std::pair<std::string, std::string>> FileMetadataView::key_value_metadata() const {
  std::vector<std::pair<std::string, std::string>> out;
  if (!file_->key_value_metadata) return out;
  for (const KeyValue& kv : *file_->key_value_metadata) out.emplace_back(kv.key, kv.value.value_or(""));
  return out;
}

const FileMetaData& detail::thrift_of(const FileMetadataView& view) { return *view.file_; }

}  // namespace crv::parquet
