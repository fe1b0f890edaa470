#pragma once
// Metadata values with every field of every struct set (and every union member used), whose
// Thrift compact encoding is kept in tests/data/thrift-golden/: the bytes the hand-written
// encoder of 549ab08 produced, so that any encoder must produce them again byte for byte.
// Changing a value here means regenerating the bytes with a known-good encoder.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet::golden {

inline Statistics full_statistics(int seed) {
  Statistics s;
  s.max = std::string("\xff\x00\x01", 3);
  s.min = std::string("\x00", 1);
  s.null_count = seed;
  s.distinct_count = -5 - seed;
  s.max_value = "zzz";
  s.min_value = "";
  s.is_max_value_exact = true;
  s.is_min_value_exact = false;
  s.nan_count = 300 + seed;
  return s;
}

// One schema element per LogicalType member (and one unknown member of negative id).
inline std::vector<SchemaElement> schema_with_every_logical_type() {
  const std::vector<LogicalType> types = {StringType{},
                                          MapType{},
                                          ListType{},
                                          EnumType{},
                                          DecimalType{3, 9},
                                          DateType{},
                                          TimeType{true, TimeUnit::MILLIS},
                                          TimestampType{false, TimeUnit::NANOS},
                                          IntType{-8, true},
                                          NullType{},
                                          JsonType{},
                                          BsonType{},
                                          UUIDType{},
                                          Float16Type{},
                                          VariantType{1},
                                          GeometryType{"OGC:CRS84"},
                                          GeographyType{"srid:4326", EdgeInterpolationAlgorithm::KARNEY},
                                          VectorType{},
                                          UnknownLogicalType{77},
                                          UnknownLogicalType{-3}};
  std::vector<SchemaElement> schema;
  SchemaElement root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(types.size());
  root.field_id = 0;
  schema.push_back(root);
  int32_t i = 0;
  for (const LogicalType& type : types) {
    SchemaElement e;
    e.type = static_cast<Type>(i % 8);
    e.type_length = 16 + i;
    e.repetition_type = static_cast<FieldRepetitionType>(i % 4);
    e.name = "c" + std::to_string(i);
    e.converted_type = static_cast<ConvertedType>(i);
    e.scale = i;
    e.precision = 2 * i;
    e.field_id = 1000 + i;
    e.logicalType = type;
    e.vector_length = i;
    schema.push_back(e);
    ++i;
  }
  return schema;
}

inline ColumnMetaData full_column_meta(int seed) {
  ColumnMetaData m;
  m.type = Type::BYTE_ARRAY;
  m.encodings = {Encoding::PLAIN, Encoding::RLE, Encoding::RLE_DICTIONARY, static_cast<Encoding>(1234)};
  m.path_in_schema = {"a", "b" + std::to_string(seed)};
  m.codec = CompressionCodec::ZSTD;
  m.num_values = 131072;
  m.total_uncompressed_size = 1LL << 40;
  m.total_compressed_size = 8888;
  m.key_value_metadata = std::vector<KeyValue>{{"k", "v"}, {"only_key", std::nullopt}};
  m.data_page_offset = 1000 + seed;
  m.index_page_offset = 950;
  m.dictionary_page_offset = 900;
  m.statistics = full_statistics(seed);
  m.encoding_stats = std::vector<PageEncodingStats>{{PageType::DICTIONARY_PAGE, Encoding::PLAIN, 1},
                                                    {PageType::DATA_PAGE, Encoding::RLE_DICTIONARY, 2}};
  m.bloom_filter_offset = 5;
  m.bloom_filter_length = 6;
  m.size_statistics = SizeStatistics{77, std::vector<int64_t>{}, std::vector<int64_t>{1, 2, -3}};
  m.geospatial_statistics =
      GeospatialStatistics{BoundingBox{-1, 1, -2, 2, -0.5, 3.5, 0.25, 1e300}, std::vector<int32_t>{1, 2, 1001}};
  return m;
}

inline ColumnChunk full_column_chunk(int seed, ColumnCryptoMetaData crypto) {
  ColumnChunk c;
  c.file_path = "part-" + std::to_string(seed) + ".parquet";
  c.file_offset = 4 + seed;
  c.meta_data = full_column_meta(seed);
  c.offset_index_offset = 50000;
  c.offset_index_length = 40;
  c.column_index_offset = 60000;
  c.column_index_length = 30;
  c.crypto_metadata = std::move(crypto);
  c.encrypted_column_metadata = std::string("\x01\x02\x00secret", 9);
  return c;
}

// Encrypted (the decoder of deserialize_file_metadata refuses it: decode it with
// metadata::deserialize_struct<FileMetaData>).
inline FileMetaData full_file_metadata() {
  FileMetaData file;
  file.version = 2;
  file.schema = schema_with_every_logical_type();
  file.num_rows = 1'000'000'000'000LL;
  for (int g = 0; g < 17; ++g) {  // more than 14 row groups: the long list header
    RowGroup row_group;
    row_group.total_byte_size = 1 << 20;
    row_group.num_rows = 131072 + g;
    row_group.sorting_columns = std::vector<SortingColumn>{{0, false, true}, {1, true, false}};
    row_group.file_offset = 4 + g;
    row_group.total_compressed_size = 12345;
    row_group.ordinal = static_cast<int16_t>(g - 1);
    if (g < 2) {
      row_group.columns.push_back(full_column_chunk(g, EncryptionWithFooterKey{}));
      row_group.columns.push_back(full_column_chunk(g, EncryptionWithColumnKey{{"a", "b"}, "key"}));
      row_group.columns.push_back(full_column_chunk(g, EncryptionWithColumnKey{{"x"}, std::nullopt}));
    }
    file.row_groups.push_back(row_group);
  }
  file.key_value_metadata = std::vector<KeyValue>{{"crv_schema_version", "0.1@2025-09-20"}, {"none", std::nullopt}};
  file.created_by = "crv-io version 0.1.0";
  file.column_orders = std::vector<ColumnOrder>{TypeDefinedOrder{}, IEEE754TotalOrder{}, Int96TimestampOrder{},
                                                UnknownColumnOrder{9}, UnknownColumnOrder{-7}};
  file.encryption_algorithm = AesGcmV1{"prefix", "unique", true};
  file.footer_signing_key_metadata = "signing key";
  return file;
}

// The other EncryptionAlgorithm member, and the optional fields absent.
inline FileMetaData small_file_metadata() {
  FileMetaData file;
  SchemaElement root;
  root.name = "schema";
  file.schema = {root};
  file.encryption_algorithm = AesGcmCtrV1{std::nullopt, "unique", false};
  return file;
}

inline PageHeader full_data_page_header() {
  PageHeader h;
  h.type = PageType::DATA_PAGE;
  h.uncompressed_page_size = 1 << 20;
  h.compressed_page_size = 654321;
  h.crc = -123456;
  h.data_page_header =
      DataPageHeader{100000, Encoding::RLE_DICTIONARY, Encoding::RLE, Encoding::BIT_PACKED, full_statistics(1)};
  return h;
}

inline PageHeader full_data_page_v2_header() {
  PageHeader h;
  h.type = PageType::DATA_PAGE_V2;
  h.uncompressed_page_size = 4096;
  h.compressed_page_size = 1024;
  h.crc = 77;
  h.data_page_header_v2 = DataPageHeaderV2{100, 3, 90, Encoding::DELTA_BINARY_PACKED, 12, 7, false, full_statistics(2)};
  return h;
}

inline PageHeader full_dictionary_page_header() {
  PageHeader h;
  h.type = PageType::DICTIONARY_PAGE;
  h.uncompressed_page_size = 1 << 30;
  h.compressed_page_size = 12;
  h.crc = 0;
  h.dictionary_page_header = DictionaryPageHeader{400, Encoding::PLAIN, true};
  return h;
}

inline PageHeader index_page_header() {
  PageHeader h;
  h.type = PageType::INDEX_PAGE;
  h.index_page_header = IndexPageHeader{};
  return h;
}

inline ColumnIndex full_column_index() {
  ColumnIndex index;
  for (int i = 0; i < 20; ++i) {
    index.null_pages.push_back(i % 7 == 0 ? 1 : 0);
    index.min_values.push_back(i % 7 == 0 ? "" : std::string(1, static_cast<char>('a' + i)));
    index.max_values.push_back(i % 7 == 0 ? "" : std::string(3, static_cast<char>('a' + i)));
  }
  index.boundary_order = BoundaryOrder::DESCENDING;
  index.null_counts = std::vector<int64_t>(20, 2);
  index.repetition_level_histograms = std::vector<int64_t>(40, 0);
  index.definition_level_histograms = std::vector<int64_t>(40, 1);
  index.nan_counts = std::vector<int64_t>(20, -1);
  return index;
}

inline OffsetIndex full_offset_index() {
  OffsetIndex offsets;
  for (int i = 0; i < 17; ++i) offsets.page_locations.push_back({4 + 1000LL * i, 1000, 500LL * i});
  offsets.unencoded_byte_array_data_bytes = std::vector<int64_t>(17, 123);
  return offsets;
}

}  // namespace crv::parquet::golden
