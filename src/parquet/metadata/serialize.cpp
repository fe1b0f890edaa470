// Public (de)serialization entry points of metadata.hpp.

#include "parquet/metadata/thrift_types.hpp"

#include "parquet/metadata/thrift_codec.hpp"

namespace crv::parquet {

namespace {

void reject_encryption(const FileMetaData& file) {
  bool encrypted = file.encryption_algorithm.has_value() || file.footer_signing_key_metadata.has_value();
  for (const RowGroup& row_group : file.row_groups) {
    for (const ColumnChunk& column : row_group.columns) {
      encrypted = encrypted || column.crypto_metadata.has_value() || column.encrypted_column_metadata.has_value();
    }
  }
  if (encrypted) throw ParquetError("encrypted Parquet files are not supported");
}

}  // namespace

void serialize_file_metadata(const FileMetaData& value, std::vector<uint8_t>& out) {
  metadata::serialize_struct(value, out);
}

void serialize_page_header(const PageHeader& value, std::vector<uint8_t>& out) {
  metadata::serialize_struct(value, out);
}

void serialize_column_index(const ColumnIndex& value, std::vector<uint8_t>& out) {
  metadata::serialize_struct(value, out);
}

void serialize_offset_index(const OffsetIndex& value, std::vector<uint8_t>& out) {
  metadata::serialize_struct(value, out);
}

FileMetaData deserialize_file_metadata(const uint8_t* data, size_t size, size_t* consumed) {
  FileMetaData file = metadata::deserialize_struct<FileMetaData>(data, size, consumed);
  reject_encryption(file);
  return file;
}

PageHeader deserialize_page_header(const uint8_t* data, size_t size, size_t* consumed) {
  return metadata::deserialize_struct<PageHeader>(data, size, consumed);
}

ColumnIndex deserialize_column_index(const uint8_t* data, size_t size, size_t* consumed) {
  return metadata::deserialize_struct<ColumnIndex>(data, size, consumed);
}

OffsetIndex deserialize_offset_index(const uint8_t* data, size_t size, size_t* consumed) {
  return metadata::deserialize_struct<OffsetIndex>(data, size, consumed);
}

}  // namespace crv::parquet
