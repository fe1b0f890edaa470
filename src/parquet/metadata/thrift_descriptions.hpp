#pragma once
// The structs and unions of parquet.thrift (apache/parquet-format), described for the
// generic compact protocol codec (parquet/thrift/struct_description.hpp): one description
// per struct, in the order and with the names of parquet.thrift. Field ids must ascend.
//
// Empty structs (StringType, TypeDefinedOrder, EncryptionWithFooterKey, ...) need no
// description; IndexPageHeader has one so that errors inside it name it.

#include "parquet/metadata/thrift_types.hpp"
#include "parquet/thrift/struct_description.hpp"

namespace crv::parquet::thrift {
// One row per field, laid out as a table.
// clang-format off

// ---------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------

template <>
inline constexpr auto kThrift<SizeStatistics> = thrift_struct<SizeStatistics>(
    "SizeStatistics",
    field(1, kOptional, i64, "unencoded_byte_array_data_bytes", &SizeStatistics::unencoded_byte_array_data_bytes),
    field(2, kOptional, list(i64), "repetition_level_histogram", &SizeStatistics::repetition_level_histogram),
    field(3, kOptional, list(i64), "definition_level_histogram", &SizeStatistics::definition_level_histogram));

template <>
inline constexpr auto kThrift<BoundingBox> = thrift_struct<BoundingBox>(
    "BoundingBox",
    field(1, kRequired, double_, "xmin", &BoundingBox::xmin),
    field(2, kRequired, double_, "xmax", &BoundingBox::xmax),
    field(3, kRequired, double_, "ymin", &BoundingBox::ymin),
    field(4, kRequired, double_, "ymax", &BoundingBox::ymax),
    field(5, kOptional, double_, "zmin", &BoundingBox::zmin),
    field(6, kOptional, double_, "zmax", &BoundingBox::zmax),
    field(7, kOptional, double_, "mmin", &BoundingBox::mmin),
    field(8, kOptional, double_, "mmax", &BoundingBox::mmax));

template <>
inline constexpr auto kThrift<GeospatialStatistics> = thrift_struct<GeospatialStatistics>(
    "GeospatialStatistics",
    field(1, kOptional, struct_, "bbox", &GeospatialStatistics::bbox),
    field(2, kOptional, list(i32), "geospatial_types", &GeospatialStatistics::geospatial_types));

template <>
inline constexpr auto kThrift<Statistics> = thrift_struct<Statistics>(
    "Statistics",
    field(1, kOptional, binary, "max", &Statistics::max),
    field(2, kOptional, binary, "min", &Statistics::min),
    field(3, kOptional, i64, "null_count", &Statistics::null_count),
    field(4, kOptional, i64, "distinct_count", &Statistics::distinct_count),
    field(5, kOptional, binary, "max_value", &Statistics::max_value),
    field(6, kOptional, binary, "min_value", &Statistics::min_value),
    field(7, kOptional, bool_, "is_max_value_exact", &Statistics::is_max_value_exact),
    field(8, kOptional, bool_, "is_min_value_exact", &Statistics::is_min_value_exact),
    field(9, kOptional, i64, "nan_count", &Statistics::nan_count));

// ---------------------------------------------------------------------------------------
// Logical types
// ---------------------------------------------------------------------------------------

template <>
inline constexpr auto kThrift<DecimalType> = thrift_struct<DecimalType>(
    "DecimalType",
    field(1, kRequired, i32, "scale", &DecimalType::scale),
    field(2, kRequired, i32, "precision", &DecimalType::precision));

// TimeUnit is a union of empty structs: the member's field id is the enum value.
template <>
inline constexpr auto kThrift<TimeType> = thrift_struct<TimeType>(
    "TimeType",
    field(1, kRequired, bool_, "isAdjustedToUTC", &TimeType::isAdjustedToUTC),
    field(2, kRequired, enum_union("TimeUnit"), "unit", &TimeType::unit));

template <>
inline constexpr auto kThrift<TimestampType> = thrift_struct<TimestampType>(
    "TimestampType",
    field(1, kRequired, bool_, "isAdjustedToUTC", &TimestampType::isAdjustedToUTC),
    field(2, kRequired, enum_union("TimeUnit"), "unit", &TimestampType::unit));

template <>
inline constexpr auto kThrift<IntType> = thrift_struct<IntType>(
    "IntType",
    field(1, kRequired, i8, "bitWidth", &IntType::bitWidth),
    field(2, kRequired, bool_, "isSigned", &IntType::isSigned));

template <>
inline constexpr auto kThrift<VariantType> = thrift_struct<VariantType>(
    "VariantType",
    field(1, kOptional, i8, "specification_version", &VariantType::specification_version));

template <>
inline constexpr auto kThrift<GeometryType> = thrift_struct<GeometryType>(
    "GeometryType",
    field(1, kOptional, binary, "crs", &GeometryType::crs));

template <>
inline constexpr auto kThrift<GeographyType> = thrift_struct<GeographyType>(
    "GeographyType",
    field(1, kOptional, binary, "crs", &GeographyType::crs),
    field(2, kOptional, i32, "algorithm", &GeographyType::algorithm));

template <>
inline constexpr auto kThrift<LogicalType> = thrift_union<LogicalType, UnknownLogicalType>(
    "LogicalType",
    member<StringType>(1, "STRING"),
    member<MapType>(2, "MAP"),
    member<ListType>(3, "LIST"),
    member<EnumType>(4, "ENUM"),
    member<DecimalType>(5, "DECIMAL"),
    member<DateType>(6, "DATE"),
    member<TimeType>(7, "TIME"),
    member<TimestampType>(8, "TIMESTAMP"),
    member<IntType>(10, "INTEGER"),
    member<NullType>(11, "UNKNOWN"),
    member<JsonType>(12, "JSON"),
    member<BsonType>(13, "BSON"),
    member<UUIDType>(14, "UUID"),
    member<Float16Type>(15, "FLOAT16"),
    member<VariantType>(16, "VARIANT"),
    member<GeometryType>(17, "GEOMETRY"),
    member<GeographyType>(18, "GEOGRAPHY"),
    member<VectorType>(19, "VECTOR"));

// ---------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------

template <>
inline constexpr auto kThrift<SchemaElement> = thrift_struct<SchemaElement>(
    "SchemaElement",
    field(1, kOptional, i32, "type", &SchemaElement::type),
    field(2, kOptional, i32, "type_length", &SchemaElement::type_length),
    field(3, kOptional, i32, "repetition_type", &SchemaElement::repetition_type),
    field(4, kRequired, binary, "name", &SchemaElement::name),
    field(5, kOptional, i32, "num_children", &SchemaElement::num_children),
    field(6, kOptional, i32, "converted_type", &SchemaElement::converted_type),
    field(7, kOptional, i32, "scale", &SchemaElement::scale),
    field(8, kOptional, i32, "precision", &SchemaElement::precision),
    field(9, kOptional, i32, "field_id", &SchemaElement::field_id),
    field(10, kOptional, struct_, "logicalType", &SchemaElement::logicalType),
    field(11, kOptional, i32, "vector_length", &SchemaElement::vector_length));

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

template <>
inline constexpr auto kThrift<DataPageHeader> = thrift_struct<DataPageHeader>(
    "DataPageHeader",
    field(1, kRequired, i32, "num_values", &DataPageHeader::num_values),
    field(2, kRequired, i32, "encoding", &DataPageHeader::encoding),
    field(3, kRequired, i32, "definition_level_encoding", &DataPageHeader::definition_level_encoding),
    field(4, kRequired, i32, "repetition_level_encoding", &DataPageHeader::repetition_level_encoding),
    field(5, kOptional, struct_, "statistics", &DataPageHeader::statistics));

template <>
inline constexpr auto kThrift<IndexPageHeader> = thrift_struct<IndexPageHeader>("IndexPageHeader");

template <>
inline constexpr auto kThrift<DictionaryPageHeader> = thrift_struct<DictionaryPageHeader>(
    "DictionaryPageHeader",
    field(1, kRequired, i32, "num_values", &DictionaryPageHeader::num_values),
    field(2, kRequired, i32, "encoding", &DictionaryPageHeader::encoding),
    field(3, kOptional, bool_, "is_sorted", &DictionaryPageHeader::is_sorted));

// is_compressed is optional with default true: a plain bool here, so always written.
template <>
inline constexpr auto kThrift<DataPageHeaderV2> = thrift_struct<DataPageHeaderV2>(
    "DataPageHeaderV2",
    field(1, kRequired, i32, "num_values", &DataPageHeaderV2::num_values),
    field(2, kRequired, i32, "num_nulls", &DataPageHeaderV2::num_nulls),
    field(3, kRequired, i32, "num_rows", &DataPageHeaderV2::num_rows),
    field(4, kRequired, i32, "encoding", &DataPageHeaderV2::encoding),
    field(5, kRequired, i32, "definition_levels_byte_length", &DataPageHeaderV2::definition_levels_byte_length),
    field(6, kRequired, i32, "repetition_levels_byte_length", &DataPageHeaderV2::repetition_levels_byte_length),
    field(7, kOptional, bool_, "is_compressed", &DataPageHeaderV2::is_compressed),
    field(8, kOptional, struct_, "statistics", &DataPageHeaderV2::statistics));

template <>
inline constexpr auto kThrift<PageHeader> = thrift_struct<PageHeader>(
    "PageHeader",
    field(1, kRequired, i32, "type", &PageHeader::type),
    field(2, kRequired, i32, "uncompressed_page_size", &PageHeader::uncompressed_page_size),
    field(3, kRequired, i32, "compressed_page_size", &PageHeader::compressed_page_size),
    field(4, kOptional, i32, "crc", &PageHeader::crc),
    field(5, kOptional, struct_, "data_page_header", &PageHeader::data_page_header),
    field(6, kOptional, struct_, "index_page_header", &PageHeader::index_page_header),
    field(7, kOptional, struct_, "dictionary_page_header", &PageHeader::dictionary_page_header),
    field(8, kOptional, struct_, "data_page_header_v2", &PageHeader::data_page_header_v2));

// ---------------------------------------------------------------------------------------
// Column chunks, row groups
// ---------------------------------------------------------------------------------------

template <>
inline constexpr auto kThrift<KeyValue> = thrift_struct<KeyValue>(
    "KeyValue",
    field(1, kRequired, binary, "key", &KeyValue::key),
    field(2, kOptional, binary, "value", &KeyValue::value));

template <>
inline constexpr auto kThrift<SortingColumn> = thrift_struct<SortingColumn>(
    "SortingColumn",
    field(1, kRequired, i32, "column_idx", &SortingColumn::column_idx),
    field(2, kRequired, bool_, "descending", &SortingColumn::descending),
    field(3, kRequired, bool_, "nulls_first", &SortingColumn::nulls_first));

template <>
inline constexpr auto kThrift<PageEncodingStats> = thrift_struct<PageEncodingStats>(
    "PageEncodingStats",
    field(1, kRequired, i32, "page_type", &PageEncodingStats::page_type),
    field(2, kRequired, i32, "encoding", &PageEncodingStats::encoding),
    field(3, kRequired, i32, "count", &PageEncodingStats::count));

template <>
inline constexpr auto kThrift<ColumnMetaData> = thrift_struct<ColumnMetaData>(
    "ColumnMetaData",
    field(1, kRequired, i32, "type", &ColumnMetaData::type),
    field(2, kRequired, list(i32), "encodings", &ColumnMetaData::encodings),
    field(3, kRequired, list(binary), "path_in_schema", &ColumnMetaData::path_in_schema),
    field(4, kRequired, i32, "codec", &ColumnMetaData::codec),
    field(5, kRequired, i64, "num_values", &ColumnMetaData::num_values),
    field(6, kRequired, i64, "total_uncompressed_size", &ColumnMetaData::total_uncompressed_size),
    field(7, kRequired, i64, "total_compressed_size", &ColumnMetaData::total_compressed_size),
    field(8, kOptional, list(struct_), "key_value_metadata", &ColumnMetaData::key_value_metadata),
    field(9, kRequired, i64, "data_page_offset", &ColumnMetaData::data_page_offset),
    field(10, kOptional, i64, "index_page_offset", &ColumnMetaData::index_page_offset),
    field(11, kOptional, i64, "dictionary_page_offset", &ColumnMetaData::dictionary_page_offset),
    field(12, kOptional, struct_, "statistics", &ColumnMetaData::statistics),
    field(13, kOptional, list(struct_), "encoding_stats", &ColumnMetaData::encoding_stats),
    field(14, kOptional, i64, "bloom_filter_offset", &ColumnMetaData::bloom_filter_offset),
    field(15, kOptional, i32, "bloom_filter_length", &ColumnMetaData::bloom_filter_length),
    field(16, kOptional, struct_, "size_statistics", &ColumnMetaData::size_statistics),
    field(17, kOptional, struct_, "geospatial_statistics", &ColumnMetaData::geospatial_statistics));

template <>
inline constexpr auto kThrift<EncryptionWithColumnKey> = thrift_struct<EncryptionWithColumnKey>(
    "EncryptionWithColumnKey",
    field(1, kRequired, list(binary), "path_in_schema", &EncryptionWithColumnKey::path_in_schema),
    field(2, kOptional, binary, "key_metadata", &EncryptionWithColumnKey::key_metadata));

// Members unknown to this version are skipped (the variant has no alternative for them).
template <>
inline constexpr auto kThrift<ColumnCryptoMetaData> = thrift_union<ColumnCryptoMetaData>(
    "ColumnCryptoMetaData",
    member<EncryptionWithFooterKey>(1, "ENCRYPTION_WITH_FOOTER_KEY"),
    member<EncryptionWithColumnKey>(2, "ENCRYPTION_WITH_COLUMN_KEY"));

template <>
inline constexpr auto kThrift<ColumnChunk> = thrift_struct<ColumnChunk>(
    "ColumnChunk",
    field(1, kOptional, binary, "file_path", &ColumnChunk::file_path),
    field(2, kRequired, i64, "file_offset", &ColumnChunk::file_offset),
    field(3, kOptional, struct_, "meta_data", &ColumnChunk::meta_data),
    field(4, kOptional, i64, "offset_index_offset", &ColumnChunk::offset_index_offset),
    field(5, kOptional, i32, "offset_index_length", &ColumnChunk::offset_index_length),
    field(6, kOptional, i64, "column_index_offset", &ColumnChunk::column_index_offset),
    field(7, kOptional, i32, "column_index_length", &ColumnChunk::column_index_length),
    field(8, kOptional, struct_, "crypto_metadata", &ColumnChunk::crypto_metadata),
    field(9, kOptional, binary, "encrypted_column_metadata", &ColumnChunk::encrypted_column_metadata));

template <>
inline constexpr auto kThrift<RowGroup> = thrift_struct<RowGroup>(
    "RowGroup",
    field(1, kRequired, list(struct_), "columns", &RowGroup::columns),
    field(2, kRequired, i64, "total_byte_size", &RowGroup::total_byte_size),
    field(3, kRequired, i64, "num_rows", &RowGroup::num_rows),
    field(4, kOptional, list(struct_), "sorting_columns", &RowGroup::sorting_columns),
    field(5, kOptional, i64, "file_offset", &RowGroup::file_offset),
    field(6, kOptional, i64, "total_compressed_size", &RowGroup::total_compressed_size),
    field(7, kOptional, i16, "ordinal", &RowGroup::ordinal));

// ---------------------------------------------------------------------------------------
// Column orders, page index
// ---------------------------------------------------------------------------------------

template <>
inline constexpr auto kThrift<ColumnOrder> = thrift_union<ColumnOrder, UnknownColumnOrder>(
    "ColumnOrder",
    member<TypeDefinedOrder>(1, "TYPE_ORDER"),
    member<IEEE754TotalOrder>(2, "IEEE_754_TOTAL_ORDER"),
    member<Int96TimestampOrder>(3, "INT96_TIMESTAMP_ORDER"));

template <>
inline constexpr auto kThrift<PageLocation> = thrift_struct<PageLocation>(
    "PageLocation",
    field(1, kRequired, i64, "offset", &PageLocation::offset),
    field(2, kRequired, i32, "compressed_page_size", &PageLocation::compressed_page_size),
    field(3, kRequired, i64, "first_row_index", &PageLocation::first_row_index));

template <>
inline constexpr auto kThrift<OffsetIndex> = thrift_struct<OffsetIndex>(
    "OffsetIndex",
    field(1, kRequired, list(struct_), "page_locations", &OffsetIndex::page_locations),
    field(2, kOptional, list(i64), "unencoded_byte_array_data_bytes", &OffsetIndex::unencoded_byte_array_data_bytes));

template <>
inline constexpr auto kThrift<ColumnIndex> = thrift_struct<ColumnIndex>(
    "ColumnIndex",
    field(1, kRequired, list(bool_), "null_pages", &ColumnIndex::null_pages),
    field(2, kRequired, list(binary), "min_values", &ColumnIndex::min_values),
    field(3, kRequired, list(binary), "max_values", &ColumnIndex::max_values),
    field(4, kRequired, i32, "boundary_order", &ColumnIndex::boundary_order),
    field(5, kOptional, list(i64), "null_counts", &ColumnIndex::null_counts),
    field(6, kOptional, list(i64), "repetition_level_histograms", &ColumnIndex::repetition_level_histograms),
    field(7, kOptional, list(i64), "definition_level_histograms", &ColumnIndex::definition_level_histograms),
    field(8, kOptional, list(i64), "nan_counts", &ColumnIndex::nan_counts));

// ---------------------------------------------------------------------------------------
// File metadata
// ---------------------------------------------------------------------------------------

template <>
inline constexpr auto kThrift<AesGcmV1> = thrift_struct<AesGcmV1>(
    "AesGcmV1",
    field(1, kOptional, binary, "aad_prefix", &AesGcmV1::aad_prefix),
    field(2, kOptional, binary, "aad_file_unique", &AesGcmV1::aad_file_unique),
    field(3, kOptional, bool_, "supply_aad_prefix", &AesGcmV1::supply_aad_prefix));

template <>
inline constexpr auto kThrift<AesGcmCtrV1> = thrift_struct<AesGcmCtrV1>(
    "AesGcmCtrV1",
    field(1, kOptional, binary, "aad_prefix", &AesGcmCtrV1::aad_prefix),
    field(2, kOptional, binary, "aad_file_unique", &AesGcmCtrV1::aad_file_unique),
    field(3, kOptional, bool_, "supply_aad_prefix", &AesGcmCtrV1::supply_aad_prefix));

// Members unknown to this version are skipped (the variant has no alternative for them).
template <>
inline constexpr auto kThrift<EncryptionAlgorithm> = thrift_union<EncryptionAlgorithm>(
    "EncryptionAlgorithm",
    member<AesGcmV1>(1, "AES_GCM_V1"),
    member<AesGcmCtrV1>(2, "AES_GCM_CTR_V1"));

template <>
inline constexpr auto kThrift<FileMetaData> = thrift_struct<FileMetaData>(
    "FileMetaData",
    field(1, kRequired, i32, "version", &FileMetaData::version),
    field(2, kRequired, list(struct_), "schema", &FileMetaData::schema),
    field(3, kRequired, i64, "num_rows", &FileMetaData::num_rows),
    field(4, kRequired, list(struct_), "row_groups", &FileMetaData::row_groups),
    field(5, kOptional, list(struct_), "key_value_metadata", &FileMetaData::key_value_metadata),
    field(6, kOptional, binary, "created_by", &FileMetaData::created_by),
    field(7, kOptional, list(struct_), "column_orders", &FileMetaData::column_orders),
    field(8, kOptional, struct_, "encryption_algorithm", &FileMetaData::encryption_algorithm),
    field(9, kOptional, binary, "footer_signing_key_metadata", &FileMetaData::footer_signing_key_metadata));

// clang-format on
}  // namespace crv::parquet::thrift
