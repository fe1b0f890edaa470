#pragma once
// Thrift compact protocol encoding of every struct of metadata.hpp (private to crv_parquet;
// the public entry points are the serialize_* / deserialize_* functions of metadata.hpp).
//
// write(w, value) writes the value as a complete struct (begin_struct .. end_struct).
// read(r, value) reads one complete struct into a default-constructed value, skipping
// unknown fields and throwing ParquetError on missing required fields.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "crv/parquet/metadata.hpp"
#include "parquet/thrift/compact_reader.hpp"
#include "parquet/thrift/compact_writer.hpp"

namespace crv::parquet::metadata {

using thrift::CompactReader;
using thrift::CompactWriter;

void write(CompactWriter& w, const SizeStatistics& v);
void write(CompactWriter& w, const BoundingBox& v);
void write(CompactWriter& w, const GeospatialStatistics& v);
void write(CompactWriter& w, const Statistics& v);
void write(CompactWriter& w, const LogicalType& v);
void write(CompactWriter& w, const SchemaElement& v);
void write(CompactWriter& w, const DataPageHeader& v);
void write(CompactWriter& w, const IndexPageHeader& v);
void write(CompactWriter& w, const DictionaryPageHeader& v);
void write(CompactWriter& w, const DataPageHeaderV2& v);
void write(CompactWriter& w, const PageHeader& v);
void write(CompactWriter& w, const KeyValue& v);
void write(CompactWriter& w, const SortingColumn& v);
void write(CompactWriter& w, const PageEncodingStats& v);
void write(CompactWriter& w, const ColumnMetaData& v);
void write(CompactWriter& w, const ColumnCryptoMetaData& v);
void write(CompactWriter& w, const ColumnChunk& v);
void write(CompactWriter& w, const RowGroup& v);
void write(CompactWriter& w, const ColumnOrder& v);
void write(CompactWriter& w, const PageLocation& v);
void write(CompactWriter& w, const OffsetIndex& v);
void write(CompactWriter& w, const ColumnIndex& v);
void write(CompactWriter& w, const EncryptionAlgorithm& v);
void write(CompactWriter& w, const FileMetaData& v);

void read(CompactReader& r, SizeStatistics& v);
void read(CompactReader& r, BoundingBox& v);
void read(CompactReader& r, GeospatialStatistics& v);
void read(CompactReader& r, Statistics& v);
// A union with no member set (or only members unknown to this version) reads as
// UnknownLogicalType{0} / UnknownLogicalType{id}.
void read(CompactReader& r, LogicalType& v);
void read(CompactReader& r, SchemaElement& v);
void read(CompactReader& r, DataPageHeader& v);
void read(CompactReader& r, IndexPageHeader& v);
void read(CompactReader& r, DictionaryPageHeader& v);
void read(CompactReader& r, DataPageHeaderV2& v);
void read(CompactReader& r, PageHeader& v);
void read(CompactReader& r, KeyValue& v);
void read(CompactReader& r, SortingColumn& v);
void read(CompactReader& r, PageEncodingStats& v);
void read(CompactReader& r, ColumnMetaData& v);
void read(CompactReader& r, ColumnCryptoMetaData& v);
void read(CompactReader& r, ColumnChunk& v);
void read(CompactReader& r, RowGroup& v);
void read(CompactReader& r, ColumnOrder& v);
void read(CompactReader& r, PageLocation& v);
void read(CompactReader& r, OffsetIndex& v);
void read(CompactReader& r, ColumnIndex& v);
void read(CompactReader& r, EncryptionAlgorithm& v);
void read(CompactReader& r, FileMetaData& v);

template <class T>
void serialize_struct(const T& value, std::vector<uint8_t>& out) {
  CompactWriter w(out);
  write(w, value);
}

template <class T>
T deserialize_struct(const uint8_t* data, size_t size, size_t* consumed = nullptr) {
  CompactReader r(data, size);
  T value{};
  read(r, value);
  if (consumed != nullptr) *consumed = r.position();
  return value;
}

}  // namespace crv::parquet::metadata
