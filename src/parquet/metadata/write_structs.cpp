// Thrift compact encoding of the parquet.thrift structs (writer side).

#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "parquet/metadata/thrift_codec.hpp"

namespace crv::parquet::metadata {

using thrift::CompactType;

namespace {

template <class E>
int32_t enum_value(E value) {
  return static_cast<int32_t>(static_cast<std::underlying_type_t<E>>(value));
}

void optional_i32(CompactWriter& w, int16_t id, const std::optional<int32_t>& v) {
  if (v) w.field_i32(id, *v);
}

void optional_i64(CompactWriter& w, int16_t id, const std::optional<int64_t>& v) {
  if (v) w.field_i64(id, *v);
}

void optional_bool(CompactWriter& w, int16_t id, const std::optional<bool>& v) {
  if (v) w.field_bool(id, *v);
}

void optional_double(CompactWriter& w, int16_t id, const std::optional<double>& v) {
  if (v) w.field_double(id, *v);
}

void optional_binary(CompactWriter& w, int16_t id, const std::optional<std::string>& v) {
  if (v) w.field_binary(id, *v);
}

template <class E>
void enum_field(CompactWriter& w, int16_t id, E v) {
  w.field_i32(id, enum_value(v));
}

template <class E>
void optional_enum(CompactWriter& w, int16_t id, const std::optional<E>& v) {
  if (v) enum_field(w, id, *v);
}

template <class T>
void struct_field(CompactWriter& w, int16_t id, const T& v) {
  w.field_struct_header(id);
  write(w, v);
}

template <class T>
void optional_struct(CompactWriter& w, int16_t id, const std::optional<T>& v) {
  if (v) struct_field(w, id, *v);
}

// A struct field (or union member) that is an empty struct.
void empty_struct_field(CompactWriter& w, int16_t id) {
  w.field_struct_header(id);
  w.begin_struct();
  w.end_struct();
}

void i64_list(CompactWriter& w, int16_t id, const std::vector<int64_t>& values) {
  w.field_list_begin(id, CompactType::I64, values.size());
  for (const int64_t v : values) w.write_i64(v);
}

void optional_i64_list(CompactWriter& w, int16_t id,
                       const std::optional<std::vector<int64_t>>& values) {
  if (values) i64_list(w, id, *values);
}

void string_list(CompactWriter& w, int16_t id, const std::vector<std::string>& values) {
  w.field_list_begin(id, CompactType::BINARY, values.size());
  for (const auto& v : values) w.write_binary(v);
}

template <class T>
void struct_list(CompactWriter& w, int16_t id, const std::vector<T>& values) {
  w.field_list_begin(id, CompactType::STRUCT, values.size());
  for (const auto& v : values) write(w, v);
}

template <class T>
void optional_struct_list(CompactWriter& w, int16_t id,
                          const std::optional<std::vector<T>>& values) {
  if (values) struct_list(w, id, *values);
}

void write_time_unit(CompactWriter& w, int16_t id, TimeUnit unit) {
  w.field_struct_header(id);
  w.begin_struct();
  empty_struct_field(w, static_cast<int16_t>(unit));
  w.end_struct();
}

}  // namespace

void write(CompactWriter& w, const SizeStatistics& v) {
  w.begin_struct();
  optional_i64(w, 1, v.unencoded_byte_array_data_bytes);
  optional_i64_list(w, 2, v.repetition_level_histogram);
  optional_i64_list(w, 3, v.definition_level_histogram);
  w.end_struct();
}

void write(CompactWriter& w, const BoundingBox& v) {
  w.begin_struct();
  w.field_double(1, v.xmin);
  w.field_double(2, v.xmax);
  w.field_double(3, v.ymin);
  w.field_double(4, v.ymax);
  optional_double(w, 5, v.zmin);
  optional_double(w, 6, v.zmax);
  optional_double(w, 7, v.mmin);
  optional_double(w, 8, v.mmax);
  w.end_struct();
}

void write(CompactWriter& w, const GeospatialStatistics& v) {
  w.begin_struct();
  optional_struct(w, 1, v.bbox);
  if (v.geospatial_types) {
    w.field_list_begin(2, CompactType::I32, v.geospatial_types->size());
    for (const int32_t t : *v.geospatial_types) w.write_i32(t);
  }
  w.end_struct();
}

void write(CompactWriter& w, const Statistics& v) {
  w.begin_struct();
  optional_binary(w, 1, v.max);
  optional_binary(w, 2, v.min);
  optional_i64(w, 3, v.null_count);
  optional_i64(w, 4, v.distinct_count);
  optional_binary(w, 5, v.max_value);
  optional_binary(w, 6, v.min_value);
  optional_bool(w, 7, v.is_max_value_exact);
  optional_bool(w, 8, v.is_min_value_exact);
  optional_i64(w, 9, v.nan_count);
  w.end_struct();
}

void write(CompactWriter& w, const LogicalType& v) {
  w.begin_struct();
  std::visit(
      [&w](const auto& member) {
        using M = std::decay_t<decltype(member)>;
        if constexpr (std::is_same_v<M, StringType>) {
          empty_struct_field(w, 1);
        } else if constexpr (std::is_same_v<M, MapType>) {
          empty_struct_field(w, 2);
        } else if constexpr (std::is_same_v<M, ListType>) {
          empty_struct_field(w, 3);
        } else if constexpr (std::is_same_v<M, EnumType>) {
          empty_struct_field(w, 4);
        } else if constexpr (std::is_same_v<M, DecimalType>) {
          w.field_struct_header(5);
          w.begin_struct();
          w.field_i32(1, member.scale);
          w.field_i32(2, member.precision);
          w.end_struct();
        } else if constexpr (std::is_same_v<M, DateType>) {
          empty_struct_field(w, 6);
        } else if constexpr (std::is_same_v<M, TimeType> || std::is_same_v<M, TimestampType>) {
          w.field_struct_header(std::is_same_v<M, TimeType> ? 7 : 8);
          w.begin_struct();
          w.field_bool(1, member.isAdjustedToUTC);
          write_time_unit(w, 2, member.unit);
          w.end_struct();
        } else if constexpr (std::is_same_v<M, IntType>) {
          w.field_struct_header(10);
          w.begin_struct();
          w.field_i8(1, member.bitWidth);
          w.field_bool(2, member.isSigned);
          w.end_struct();
        } else if constexpr (std::is_same_v<M, NullType>) {
          empty_struct_field(w, 11);
        } else if constexpr (std::is_same_v<M, JsonType>) {
          empty_struct_field(w, 12);
        } else if constexpr (std::is_same_v<M, BsonType>) {
          empty_struct_field(w, 13);
        } else if constexpr (std::is_same_v<M, UUIDType>) {
          empty_struct_field(w, 14);
        } else if constexpr (std::is_same_v<M, Float16Type>) {
          empty_struct_field(w, 15);
        } else if constexpr (std::is_same_v<M, VariantType>) {
          w.field_struct_header(16);
          w.begin_struct();
          if (member.specification_version) w.field_i8(1, *member.specification_version);
          w.end_struct();
        } else if constexpr (std::is_same_v<M, GeometryType>) {
          w.field_struct_header(17);
          w.begin_struct();
          optional_binary(w, 1, member.crs);
          w.end_struct();
        } else if constexpr (std::is_same_v<M, GeographyType>) {
          w.field_struct_header(18);
          w.begin_struct();
          optional_binary(w, 1, member.crs);
          optional_enum(w, 2, member.algorithm);
          w.end_struct();
        } else if constexpr (std::is_same_v<M, VectorType>) {
          empty_struct_field(w, 19);
        } else {
          static_assert(std::is_same_v<M, UnknownLogicalType>);
          // Any id but 0 (none was read), negative ones included: write back what was read.
          if (member.field_id != 0) empty_struct_field(w, member.field_id);
        }
      },
      v);
  w.end_struct();
}

void write(CompactWriter& w, const SchemaElement& v) {
  w.begin_struct();
  optional_enum(w, 1, v.type);
  optional_i32(w, 2, v.type_length);
  optional_enum(w, 3, v.repetition_type);
  w.field_binary(4, v.name);
  optional_i32(w, 5, v.num_children);
  optional_enum(w, 6, v.converted_type);
  optional_i32(w, 7, v.scale);
  optional_i32(w, 8, v.precision);
  optional_i32(w, 9, v.field_id);
  optional_struct(w, 10, v.logicalType);
  optional_i32(w, 11, v.vector_length);
  w.end_struct();
}

void write(CompactWriter& w, const DataPageHeader& v) {
  w.begin_struct();
  w.field_i32(1, v.num_values);
  enum_field(w, 2, v.encoding);
  enum_field(w, 3, v.definition_level_encoding);
  enum_field(w, 4, v.repetition_level_encoding);
  optional_struct(w, 5, v.statistics);
  w.end_struct();
}

void write(CompactWriter& w, const IndexPageHeader&) {
  w.begin_struct();
  w.end_struct();
}

void write(CompactWriter& w, const DictionaryPageHeader& v) {
  w.begin_struct();
  w.field_i32(1, v.num_values);
  enum_field(w, 2, v.encoding);
  optional_bool(w, 3, v.is_sorted);
  w.end_struct();
}

void write(CompactWriter& w, const DataPageHeaderV2& v) {
  w.begin_struct();
  w.field_i32(1, v.num_values);
  w.field_i32(2, v.num_nulls);
  w.field_i32(3, v.num_rows);
  enum_field(w, 4, v.encoding);
  w.field_i32(5, v.definition_levels_byte_length);
  w.field_i32(6, v.repetition_levels_byte_length);
  w.field_bool(7, v.is_compressed);
  optional_struct(w, 8, v.statistics);
  w.end_struct();
}

void write(CompactWriter& w, const PageHeader& v) {
  w.begin_struct();
  enum_field(w, 1, v.type);
  w.field_i32(2, v.uncompressed_page_size);
  w.field_i32(3, v.compressed_page_size);
  optional_i32(w, 4, v.crc);
  optional_struct(w, 5, v.data_page_header);
  optional_struct(w, 6, v.index_page_header);
  optional_struct(w, 7, v.dictionary_page_header);
  optional_struct(w, 8, v.data_page_header_v2);
  w.end_struct();
}

void write(CompactWriter& w, const KeyValue& v) {
  w.begin_struct();
  w.field_binary(1, v.key);
  optional_binary(w, 2, v.value);
  w.end_struct();
}

void write(CompactWriter& w, const SortingColumn& v) {
  w.begin_struct();
  w.field_i32(1, v.column_idx);
  w.field_bool(2, v.descending);
  w.field_bool(3, v.nulls_first);
  w.end_struct();
}

void write(CompactWriter& w, const PageEncodingStats& v) {
  w.begin_struct();
  enum_field(w, 1, v.page_type);
  enum_field(w, 2, v.encoding);
  w.field_i32(3, v.count);
  w.end_struct();
}

void write(CompactWriter& w, const ColumnMetaData& v) {
  w.begin_struct();
  enum_field(w, 1, v.type);
  w.field_list_begin(2, CompactType::I32, v.encodings.size());
  for (const Encoding e : v.encodings) w.write_i32(enum_value(e));
  string_list(w, 3, v.path_in_schema);
  enum_field(w, 4, v.codec);
  w.field_i64(5, v.num_values);
  w.field_i64(6, v.total_uncompressed_size);
  w.field_i64(7, v.total_compressed_size);
  optional_struct_list(w, 8, v.key_value_metadata);
  w.field_i64(9, v.data_page_offset);
  optional_i64(w, 10, v.index_page_offset);
  optional_i64(w, 11, v.dictionary_page_offset);
  optional_struct(w, 12, v.statistics);
  optional_struct_list(w, 13, v.encoding_stats);
  optional_i64(w, 14, v.bloom_filter_offset);
  optional_i32(w, 15, v.bloom_filter_length);
  optional_struct(w, 16, v.size_statistics);
  optional_struct(w, 17, v.geospatial_statistics);
  w.end_struct();
}

void write(CompactWriter& w, const ColumnCryptoMetaData& v) {
  w.begin_struct();
  if (const auto* column_key = std::get_if<EncryptionWithColumnKey>(&v)) {
    w.field_struct_header(2);
    w.begin_struct();
    string_list(w, 1, column_key->path_in_schema);
    optional_binary(w, 2, column_key->key_metadata);
    w.end_struct();
  } else {
    empty_struct_field(w, 1);
  }
  w.end_struct();
}

void write(CompactWriter& w, const ColumnChunk& v) {
  w.begin_struct();
  optional_binary(w, 1, v.file_path);
  w.field_i64(2, v.file_offset);
  optional_struct(w, 3, v.meta_data);
  optional_i64(w, 4, v.offset_index_offset);
  optional_i32(w, 5, v.offset_index_length);
  optional_i64(w, 6, v.column_index_offset);
  optional_i32(w, 7, v.column_index_length);
  optional_struct(w, 8, v.crypto_metadata);
  optional_binary(w, 9, v.encrypted_column_metadata);
  w.end_struct();
}

void write(CompactWriter& w, const RowGroup& v) {
  w.begin_struct();
  struct_list(w, 1, v.columns);
  w.field_i64(2, v.total_byte_size);
  w.field_i64(3, v.num_rows);
  optional_struct_list(w, 4, v.sorting_columns);
  optional_i64(w, 5, v.file_offset);
  optional_i64(w, 6, v.total_compressed_size);
  if (v.ordinal) w.field_i16(7, *v.ordinal);
  w.end_struct();
}

void write(CompactWriter& w, const ColumnOrder& v) {
  w.begin_struct();
  std::visit(
      [&w](const auto& member) {
        using M = std::decay_t<decltype(member)>;
        if constexpr (std::is_same_v<M, TypeDefinedOrder>) {
          empty_struct_field(w, 1);
        } else if constexpr (std::is_same_v<M, IEEE754TotalOrder>) {
          empty_struct_field(w, 2);
        } else if constexpr (std::is_same_v<M, Int96TimestampOrder>) {
          empty_struct_field(w, 3);
        } else {
          static_assert(std::is_same_v<M, UnknownColumnOrder>);
          // Any id but 0 (none was read), negative ones included: write back what was read.
          if (member.field_id != 0) empty_struct_field(w, member.field_id);
        }
      },
      v);
  w.end_struct();
}

void write(CompactWriter& w, const PageLocation& v) {
  w.begin_struct();
  w.field_i64(1, v.offset);
  w.field_i32(2, v.compressed_page_size);
  w.field_i64(3, v.first_row_index);
  w.end_struct();
}

void write(CompactWriter& w, const OffsetIndex& v) {
  w.begin_struct();
  struct_list(w, 1, v.page_locations);
  optional_i64_list(w, 2, v.unencoded_byte_array_data_bytes);
  w.end_struct();
}

void write(CompactWriter& w, const ColumnIndex& v) {
  w.begin_struct();
  w.field_list_begin(1, CompactType::BOOLEAN_TRUE, v.null_pages.size());
  for (const uint8_t null_page : v.null_pages) w.write_bool(null_page != 0);
  string_list(w, 2, v.min_values);
  string_list(w, 3, v.max_values);
  enum_field(w, 4, v.boundary_order);
  optional_i64_list(w, 5, v.null_counts);
  optional_i64_list(w, 6, v.repetition_level_histograms);
  optional_i64_list(w, 7, v.definition_level_histograms);
  optional_i64_list(w, 8, v.nan_counts);
  w.end_struct();
}

void write(CompactWriter& w, const EncryptionAlgorithm& v) {
  w.begin_struct();
  std::visit(
      [&w, &v](const auto& member) {
        w.field_struct_header(v.index() == 0 ? 1 : 2);
        w.begin_struct();
        optional_binary(w, 1, member.aad_prefix);
        optional_binary(w, 2, member.aad_file_unique);
        optional_bool(w, 3, member.supply_aad_prefix);
        w.end_struct();
      },
      v);
  w.end_struct();
}

void write(CompactWriter& w, const FileMetaData& v) {
  w.begin_struct();
  w.field_i32(1, v.version);
  struct_list(w, 2, v.schema);
  w.field_i64(3, v.num_rows);
  struct_list(w, 4, v.row_groups);
  optional_struct_list(w, 5, v.key_value_metadata);
  optional_binary(w, 6, v.created_by);
  optional_struct_list(w, 7, v.column_orders);
  optional_struct(w, 8, v.encryption_algorithm);
  optional_binary(w, 9, v.footer_signing_key_metadata);
  w.end_struct();
}

}  // namespace crv::parquet::metadata
