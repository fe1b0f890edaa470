// Parquet metadata structs through the Thrift compact protocol: round trips of every struct,
// a known byte sequence, required fields, unknown fields and members, encryption, names.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "parquet/metadata/thrift_codec.hpp"
#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet {
namespace {

using Bytes = std::vector<uint8_t>;

template <class T>
T round_trip(const T& value) {
  Bytes bytes;
  metadata::serialize_struct(value, bytes);
  size_t consumed = 0;
  T back = metadata::deserialize_struct<T>(bytes.data(), bytes.size(), &consumed);
  EXPECT_EQ(consumed, bytes.size());
  return back;
}

Statistics full_statistics() {
  Statistics s;
  s.max = std::string("\xff\x00\x01", 3);
  s.min = std::string("\x00", 1);
  s.null_count = 0;
  s.distinct_count = -5;
  s.max_value = "zzz";
  s.min_value = "";
  s.is_max_value_exact = true;
  s.is_min_value_exact = false;
  s.nan_count = 3;
  return s;
}

SchemaElement leaf(std::string name, Type type, FieldRepetitionType repetition) {
  SchemaElement e;
  e.name = std::move(name);
  e.type = type;
  e.repetition_type = repetition;
  return e;
}

FileMetaData sample_file() {
  FileMetaData file;
  file.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 3;
  file.schema.push_back(root);
  SchemaElement tick = leaf("tick", Type::INT64, FieldRepetitionType::REQUIRED);
  tick.logicalType = IntType{64, true};
  tick.converted_type = ConvertedType::INT_64;
  tick.field_id = 7;
  file.schema.push_back(tick);
  SchemaElement name = leaf("name", Type::BYTE_ARRAY, FieldRepetitionType::OPTIONAL);
  name.logicalType = StringType{};
  name.converted_type = ConvertedType::UTF8;
  file.schema.push_back(name);
  SchemaElement price = leaf("price", Type::FIXED_LEN_BYTE_ARRAY, FieldRepetitionType::OPTIONAL);
  price.type_length = 16;
  price.logicalType = DecimalType{2, 38};
  price.scale = 2;
  price.precision = 38;
  file.schema.push_back(price);
  file.num_rows = 1'000'000'000'000LL;

  for (int g = 0; g < 20; ++g) {  // 20 row groups: long-form list header
    RowGroup row_group;
    row_group.num_rows = 131072;
    row_group.total_byte_size = 1 << 20;
    row_group.file_offset = 4 + g;
    row_group.total_compressed_size = 12345;
    row_group.ordinal = static_cast<int16_t>(g);
    row_group.sorting_columns = std::vector<SortingColumn>{{0, false, true}, {1, true, false}};
    for (int c = 0; c < 3; ++c) {
      ColumnChunk chunk;
      chunk.file_offset = 0;
      ColumnMetaData meta;
      meta.type = c == 0 ? Type::INT64 : Type::BYTE_ARRAY;
      meta.encodings = {Encoding::PLAIN, Encoding::RLE, Encoding::RLE_DICTIONARY};
      meta.path_in_schema = {c == 0 ? "tick" : "name"};
      meta.codec = CompressionCodec::ZSTD;
      meta.num_values = 131072;
      meta.total_uncompressed_size = 99999;
      meta.total_compressed_size = 8888;
      meta.data_page_offset = 1000 + c;
      meta.dictionary_page_offset = 900 + c;
      meta.statistics = full_statistics();
      meta.encoding_stats = std::vector<PageEncodingStats>{{PageType::DICTIONARY_PAGE, Encoding::PLAIN, 1},
                                                           {PageType::DATA_PAGE, Encoding::RLE_DICTIONARY, 2}};
      meta.key_value_metadata = std::vector<KeyValue>{{"k", "v"}, {"only_key", std::nullopt}};
      meta.bloom_filter_offset = 5;
      meta.bloom_filter_length = 6;
      SizeStatistics size_statistics;
      size_statistics.unencoded_byte_array_data_bytes = 77;
      size_statistics.definition_level_histogram = std::vector<int64_t>{1, 2};
      size_statistics.repetition_level_histogram = std::vector<int64_t>{};
      meta.size_statistics = size_statistics;
      chunk.meta_data = meta;
      chunk.offset_index_offset = 50000;
      chunk.offset_index_length = 40;
      chunk.column_index_offset = 60000;
      chunk.column_index_length = 30;
      row_group.columns.push_back(chunk);
    }
    file.row_groups.push_back(row_group);
  }
  file.key_value_metadata = std::vector<KeyValue>{{"crv_schema_version", "0.1@2025-09-20"}};
  file.created_by = "crv-io version 0.1.0";
  file.column_orders = std::vector<ColumnOrder>{TypeDefinedOrder{}, IEEE754TotalOrder{}, TypeDefinedOrder{}};
  return file;
}

TEST(ParquetMetadata, FileMetaDataRoundTrips) {
  const FileMetaData file = sample_file();
  Bytes bytes;
  serialize_file_metadata(file, bytes);
  size_t consumed = 0;
  const FileMetaData back = deserialize_file_metadata(bytes.data(), bytes.size(), &consumed);
  EXPECT_EQ(consumed, bytes.size());
  EXPECT_EQ(back, file);
  EXPECT_EQ(std::get<IntType>(*back.schema[1].logicalType).bitWidth, 64);
}

TEST(ParquetMetadata, SerializeAppends) {
  Bytes bytes = {'P', 'A', 'R', '1'};
  PageHeader header;
  header.data_page_header = DataPageHeader{};
  serialize_page_header(header, bytes);
  EXPECT_EQ(bytes[0], 'P');
  size_t consumed = 0;
  EXPECT_EQ(deserialize_page_header(bytes.data() + 4, bytes.size() - 4, &consumed), header);
  EXPECT_EQ(consumed, bytes.size() - 4);
}

TEST(ParquetMetadata, PageHeaderMatchesKnownBytes) {
  PageHeader header;
  header.type = PageType::DATA_PAGE;
  header.uncompressed_page_size = 100;
  header.compressed_page_size = 50;
  header.data_page_header = DataPageHeader{10, Encoding::PLAIN, Encoding::RLE, Encoding::RLE, {}};
  Bytes bytes;
  serialize_page_header(header, bytes);
  const Bytes expected = {0x15, 0x00, 0x15, 0xC8, 0x01, 0x15, 0x64, 0x2C, 0x15,
                          0x14, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00};
  EXPECT_EQ(bytes, expected);

  // Followed by page data: consumed stops at the header's end.
  bytes.push_back(0xEE);
  size_t consumed = 0;
  EXPECT_EQ(deserialize_page_header(bytes.data(), bytes.size(), &consumed), header);
  EXPECT_EQ(consumed, expected.size());
}

TEST(ParquetMetadata, EveryPageHeaderKindRoundTrips) {
  PageHeader dictionary;
  dictionary.type = PageType::DICTIONARY_PAGE;
  dictionary.uncompressed_page_size = 1 << 30;
  dictionary.compressed_page_size = 12;
  dictionary.crc = -123456;
  dictionary.dictionary_page_header = DictionaryPageHeader{400, Encoding::PLAIN, true};
  EXPECT_EQ(round_trip(dictionary), dictionary);

  PageHeader v2;
  v2.type = PageType::DATA_PAGE_V2;
  v2.data_page_header_v2 = DataPageHeaderV2{100, 3, 90, Encoding::DELTA_BINARY_PACKED, 12, 0, false, full_statistics()};
  EXPECT_EQ(round_trip(v2), v2);
  v2.data_page_header_v2->is_compressed = true;
  EXPECT_EQ(round_trip(v2), v2);

  PageHeader v1;
  v1.data_page_header =
      DataPageHeader{5, Encoding::BYTE_STREAM_SPLIT, Encoding::RLE, Encoding::BIT_PACKED, full_statistics()};
  EXPECT_EQ(round_trip(v1), v1);

  PageHeader index;
  index.type = PageType::INDEX_PAGE;
  index.index_page_header = IndexPageHeader{};
  EXPECT_EQ(round_trip(index), index);
}

TEST(ParquetMetadata, MissingIsCompressedMeansTrue) {
  // DataPageHeaderV2 with fields 1..6 only.
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  for (int16_t id = 1; id <= 6; ++id) w.field_i32(id, 1);
  w.end_struct();
  const auto v2 = metadata::deserialize_struct<DataPageHeaderV2>(bytes.data(), bytes.size());
  EXPECT_TRUE(v2.is_compressed);
}

TEST(ParquetMetadata, EveryLogicalTypeRoundTrips) {
  const std::vector<LogicalType> types = {StringType{},
                                          MapType{},
                                          ListType{},
                                          EnumType{},
                                          DecimalType{3, 9},
                                          DateType{},
                                          TimeType{true, TimeUnit::MILLIS},
                                          TimeType{false, TimeUnit::NANOS},
                                          TimestampType{true, TimeUnit::MICROS},
                                          TimestampType{false, TimeUnit::NANOS},
                                          IntType{8, false},
                                          IntType{-8, true},
                                          NullType{},
                                          JsonType{},
                                          BsonType{},
                                          UUIDType{},
                                          Float16Type{},
                                          VariantType{},
                                          VariantType{1},
                                          GeometryType{},
                                          GeometryType{"OGC:CRS84"},
                                          GeographyType{"srid:4326", EdgeInterpolationAlgorithm::KARNEY},
                                          VectorType{},
                                          UnknownLogicalType{77}};
  for (const LogicalType& type : types) {
    SchemaElement element;
    element.name = "c";
    element.logicalType = type;
    EXPECT_EQ(round_trip(element), element) << to_string(type);
  }
}

TEST(ParquetMetadata, UnknownUnionMembersAreKeptByFieldId) {
  // A LogicalType with member 42 holding a nested struct with fields.
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  w.field_struct_header(42);
  w.begin_struct();
  w.field_binary(1, "future");
  w.field_list_begin(2, thrift::CompactType::I32, 2);
  w.write_i32(1);
  w.write_i32(2);
  w.end_struct();
  w.end_struct();
  const auto type = metadata::deserialize_struct<LogicalType>(bytes.data(), bytes.size());
  EXPECT_EQ(type, LogicalType{UnknownLogicalType{42}});
  EXPECT_EQ(to_string(type), "UNKNOWN_MEMBER(42)");

  Bytes order_bytes;
  thrift::CompactWriter w2(order_bytes);
  w2.begin_struct();
  w2.field_struct_header(9);
  w2.begin_struct();
  w2.end_struct();
  w2.end_struct();
  EXPECT_EQ(metadata::deserialize_struct<ColumnOrder>(order_bytes.data(), order_bytes.size()),
            ColumnOrder{UnknownColumnOrder{9}});
}

// Found by fuzz/parquet_footer_fuzzer.cpp: an unknown union member with a negative field id
// (a valid Thrift id, kept as read) was dropped when re-encoded, so the re-encoded footer
// read back different (tests/data/fuzz-regressions/parquet_footer/).
TEST(ParquetMetadata, UnknownUnionMembersWithNegativeFieldIdsRoundTrip) {
  SchemaElement element;
  element.name = "c";
  element.logicalType = UnknownLogicalType{-3};
  EXPECT_EQ(round_trip(element), element);

  FileMetaData meta;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 0;
  meta.schema = {root};
  meta.column_orders = std::vector<ColumnOrder>{UnknownColumnOrder{-7}, TypeDefinedOrder{}};
  Bytes bytes;
  serialize_file_metadata(meta, bytes);
  EXPECT_EQ(deserialize_file_metadata(bytes.data(), bytes.size()), meta);
}

TEST(ParquetMetadata, UnknownFieldsAndEnumValuesAreTolerated) {
  // KeyValue with extra fields 3 (struct with a list inside) and 100 (double) around the known.
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  w.field_binary(1, "key");
  w.field_struct_header(3);
  w.begin_struct();
  w.field_list_begin(1, thrift::CompactType::STRUCT, 1);
  w.begin_struct();
  w.field_bool(1, true);
  w.end_struct();
  w.end_struct();
  w.field_double(100, 3.5);
  w.field_binary(2, "value");
  w.end_struct();
  const auto kv = metadata::deserialize_struct<KeyValue>(bytes.data(), bytes.size());
  EXPECT_EQ(kv.key, "key");
  EXPECT_EQ(kv.value, "value");

  PageEncodingStats stats{static_cast<PageType>(9), static_cast<Encoding>(1234), 1};
  EXPECT_EQ(round_trip(stats), stats);
  EXPECT_EQ(to_string(stats.encoding), "UNKNOWN(1234)");
}

TEST(ParquetMetadata, PageIndexRoundTrips) {
  ColumnIndex index;
  for (int i = 0; i < 40; ++i) {
    index.null_pages.push_back(i % 7 == 0 ? 1 : 0);
    index.min_values.push_back(i % 7 == 0 ? "" : std::string(1, static_cast<char>('a' + i % 26)));
    index.max_values.push_back(i % 7 == 0 ? "" : std::string(3, static_cast<char>('a' + i % 26)));
  }
  index.boundary_order = BoundaryOrder::ASCENDING;
  index.null_counts = std::vector<int64_t>(40, 2);
  index.definition_level_histograms = std::vector<int64_t>(80, 1);
  index.nan_counts = std::vector<int64_t>(40, 0);
  Bytes bytes;
  serialize_column_index(index, bytes);
  EXPECT_EQ(deserialize_column_index(bytes.data(), bytes.size()), index);

  OffsetIndex offsets;
  for (int i = 0; i < 17; ++i) {
    offsets.page_locations.push_back({4 + 1000LL * i, 1000, 500LL * i});
  }
  offsets.unencoded_byte_array_data_bytes = std::vector<int64_t>(17, 123);
  bytes.clear();
  serialize_offset_index(offsets, bytes);
  EXPECT_EQ(deserialize_offset_index(bytes.data(), bytes.size()), offsets);
}

TEST(ParquetMetadata, RemainingStructsRoundTrip) {
  BoundingBox box{-1, 1, -2, 2, std::nullopt, 3.5, std::nullopt, std::nullopt};
  GeospatialStatistics geo{box, std::vector<int32_t>{1, 2, 1001}};
  EXPECT_EQ(round_trip(geo), geo);
  ColumnMetaData meta;
  meta.geospatial_statistics = geo;
  meta.path_in_schema = {"a", "b", "c"};
  EXPECT_EQ(round_trip(meta), meta);

  EXPECT_EQ(round_trip(Statistics{}), Statistics{});
  EXPECT_EQ(round_trip(full_statistics()), full_statistics());

  ColumnChunk chunk;
  chunk.file_path = "other.parquet";
  chunk.file_offset = 1234;
  chunk.crypto_metadata = EncryptionWithColumnKey{{"a", "b"}, "key"};
  chunk.encrypted_column_metadata = "secret";
  EXPECT_EQ(round_trip(chunk), chunk);
  chunk.crypto_metadata = EncryptionWithFooterKey{};
  EXPECT_EQ(round_trip(chunk), chunk);

  EncryptionAlgorithm algorithm = AesGcmCtrV1{"prefix", "unique", true};
  EXPECT_EQ(round_trip(algorithm), algorithm);
}

TEST(ParquetMetadata, MissingRequiredFieldNamesStructAndField) {
  PageHeader header;
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  w.field_i32(1, 0);
  w.field_i32(2, 10);  // compressed_page_size (3) missing
  w.end_struct();
  try {
    (void)deserialize_page_header(bytes.data(), bytes.size());
    FAIL() << "expected ParquetError";
  } catch (const ParquetError& e) {
    EXPECT_EQ(std::string(e.what()), "Thrift struct PageHeader is missing required field 'compressed_page_size'");
  }

  // Nested: a SchemaElement without name inside FileMetaData.
  bytes.clear();
  thrift::CompactWriter w2(bytes);
  w2.begin_struct();
  w2.field_i32(1, 1);
  w2.field_list_begin(2, thrift::CompactType::STRUCT, 1);
  w2.begin_struct();
  w2.field_i32(5, 0);
  w2.end_struct();
  w2.field_i64(3, 0);
  w2.field_list_begin(4, thrift::CompactType::STRUCT, 0);
  w2.end_struct();
  try {
    (void)deserialize_file_metadata(bytes.data(), bytes.size());
    FAIL() << "expected ParquetError";
  } catch (const ParquetError& e) {
    EXPECT_EQ(std::string(e.what()), "Thrift struct SchemaElement is missing required field 'name'");
  }
}

TEST(ParquetMetadata, FieldOfUnexpectedTypeIsSkippedThenReportedMissing) {
  Bytes bytes;
  thrift::CompactWriter w(bytes);
  w.begin_struct();
  w.field_binary(1, "not a number");  // KeyValue.key is binary: fine
  w.end_struct();
  EXPECT_EQ(metadata::deserialize_struct<KeyValue>(bytes.data(), bytes.size()).key, "not a number");

  bytes.clear();
  thrift::CompactWriter w2(bytes);
  w2.begin_struct();
  w2.field_i32(1, 5);  // KeyValue.key as i32: skipped, so key is missing
  w2.end_struct();
  EXPECT_THROW((void)metadata::deserialize_struct<KeyValue>(bytes.data(), bytes.size()), ParquetError);
}

TEST(ParquetMetadata, EncryptedFootersAreRejected) {
  FileMetaData file = sample_file();
  file.encryption_algorithm = AesGcmV1{};
  Bytes bytes;
  serialize_file_metadata(file, bytes);
  try {
    (void)deserialize_file_metadata(bytes.data(), bytes.size());
    FAIL() << "expected ParquetError";
  } catch (const ParquetError& e) {
    EXPECT_EQ(std::string(e.what()), "encrypted Parquet files are not supported");
  }

  file = sample_file();
  file.row_groups[3].columns[1].crypto_metadata = EncryptionWithFooterKey{};
  bytes.clear();
  serialize_file_metadata(file, bytes);
  EXPECT_THROW((void)deserialize_file_metadata(bytes.data(), bytes.size()), ParquetError);
}

TEST(ParquetMetadata, Names) {
  EXPECT_EQ(to_string(Type::FIXED_LEN_BYTE_ARRAY), "FIXED_LEN_BYTE_ARRAY");
  EXPECT_EQ(to_string(static_cast<Type>(8)), "UNKNOWN(8)");
  EXPECT_EQ(to_string(static_cast<Type>(-1)), "UNKNOWN(-1)");
  EXPECT_EQ(to_string(ConvertedType::INTERVAL), "INTERVAL");
  EXPECT_EQ(to_string(FieldRepetitionType::OPTIONAL), "OPTIONAL");
  EXPECT_EQ(to_string(Encoding::RLE_DICTIONARY), "RLE_DICTIONARY");
  EXPECT_EQ(to_string(static_cast<Encoding>(1)), "UNKNOWN(1)");
  EXPECT_EQ(to_string(CompressionCodec::LZ4_RAW), "LZ4_RAW");
  EXPECT_EQ(to_string(PageType::DATA_PAGE_V2), "DATA_PAGE_V2");
  EXPECT_EQ(to_string(BoundaryOrder::DESCENDING), "DESCENDING");
  EXPECT_EQ(to_string(LogicalType{TimestampType{true, TimeUnit::MICROS}}),
            "TIMESTAMP(isAdjustedToUTC=true, unit=MICROS)");
  EXPECT_EQ(to_string(LogicalType{DecimalType{2, 10}}), "DECIMAL(precision=10, scale=2)");
  EXPECT_EQ(to_string(LogicalType{IntType{16, false}}), "INTEGER(bitWidth=16, isSigned=false)");
  EXPECT_EQ(to_string(LogicalType{NullType{}}), "UNKNOWN");
  EXPECT_EQ(to_string(ColumnOrder{TypeDefinedOrder{}}), "TYPE_ORDER");
  EXPECT_EQ(parse_compression_codec("ZSTD"), CompressionCodec::ZSTD);
  EXPECT_EQ(parse_compression_codec("lz4_raw"), CompressionCodec::LZ4_RAW);
  EXPECT_EQ(parse_compression_codec("none"), CompressionCodec::UNCOMPRESSED);
  EXPECT_EQ(parse_compression_codec("zip"), std::nullopt);
}

TEST(ParquetMetadata, ErrorContextDescribesThePlace) {
  const ParquetError plain = ParquetError::at({}, "bad");
  EXPECT_STREQ(plain.what(), "bad");
  const ParquetError placed = ParquetError::at({"a.parquet", 2, "pos.x", 5}, "page header is truncated");
  EXPECT_STREQ(placed.what(), "file 'a.parquet', row group 2, column 'pos.x', page 5: page header is truncated");
  EXPECT_EQ(placed.context().row_group, 2);
}

}  // namespace
}  // namespace crv::parquet
