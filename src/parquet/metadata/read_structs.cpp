// Thrift compact decoding of the parquet.thrift structs (reader side). Unknown fields and
// fields of an unexpected wire type are skipped; missing required fields throw.

#include <concepts>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "parquet/metadata/thrift_codec.hpp"

namespace crv::parquet::metadata {

using thrift::CompactType;
using thrift::FieldHeader;
using thrift::ListHeader;

// Members of unions that carry fields (internal linkage; declared outside the unnamed
// namespace so that they do not hide the read() overloads of thrift_codec.hpp).
static void read(CompactReader& r, DecimalType& v);
static void read(CompactReader& r, TimeType& v);
static void read(CompactReader& r, TimestampType& v);
static void read(CompactReader& r, IntType& v);
static void read(CompactReader& r, VariantType& v);
static void read(CompactReader& r, GeometryType& v);
static void read(CompactReader& r, GeographyType& v);
static void read(CompactReader& r, EncryptionWithColumnKey& v);
static void read(CompactReader& r, AesGcmV1& v);
static void read(CompactReader& r, AesGcmCtrV1& v);

namespace {

// Bit set of the field ids (< 32) seen in one struct, to check required fields.
class SeenFields {
 public:
  void mark(int16_t id) { bits_ |= 1u << static_cast<unsigned>(id); }
  void require(const CompactReader& r, int16_t id, const char* name) const {
    if ((bits_ & (1u << static_cast<unsigned>(id))) == 0) r.fail_missing(name);
  }

 private:
  uint32_t bits_ = 0;
};

template <class T>
concept ThriftStruct = std::is_class_v<T> && requires(CompactReader& r, T& v) { read(r, v); };

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

// Wire type of a list element of C++ type T.
template <class T>
constexpr CompactType element_type() {
  if constexpr (std::is_same_v<T, std::string>) {
    return CompactType::BINARY;
  } else if constexpr (std::is_same_v<T, int64_t>) {
    return CompactType::I64;
  } else if constexpr (std::is_same_v<T, int32_t> || std::is_enum_v<T>) {
    return CompactType::I32;
  } else {
    static_assert(ThriftStruct<T>);
    return CompactType::STRUCT;
  }
}

template <class T>
void read_element(CompactReader& r, T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    r.read_binary(out);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    out = r.read_i64();
  } else if constexpr (std::is_same_v<T, int32_t>) {
    out = r.read_i32();
  } else if constexpr (std::is_enum_v<T>) {
    out = static_cast<T>(r.read_i32());
  } else {
    read(r, out);
  }
}

// Reads the value of `f` into `out` when the wire type fits T; false (nothing read) otherwise.
template <class T>
bool read_field(CompactReader& r, const FieldHeader& f, T& out) {
  if constexpr (IsOptional<T>::value) {
    typename T::value_type value{};
    if (!read_field(r, f, value)) return false;
    out = std::move(value);
    return true;
  } else if constexpr (IsVector<T>::value) {
    using E = typename T::value_type;
    if (f.type != CompactType::LIST && f.type != CompactType::SET) return false;
    const ListHeader list = r.read_list_header(element_type<E>(), "list field");
    out.clear();
    out.resize(list.size);  // size checked against the remaining bytes
    for (auto& element : out) read_element(r, element);
    return true;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!f.is_bool()) return false;
    out = f.bool_value();
    return true;
  } else if constexpr (std::is_same_v<T, int8_t>) {
    if (f.type != CompactType::I8) return false;
    out = r.read_i8();
    return true;
  } else if constexpr (std::is_same_v<T, int16_t>) {
    if (f.type != CompactType::I16) return false;
    out = r.read_i16();
    return true;
  } else if constexpr (std::is_same_v<T, int32_t>) {
    if (f.type != CompactType::I32) return false;
    out = r.read_i32();
    return true;
  } else if constexpr (std::is_same_v<T, int64_t>) {
    if (f.type != CompactType::I64) return false;
    out = r.read_i64();
    return true;
  } else if constexpr (std::is_same_v<T, double>) {
    if (f.type != CompactType::DOUBLE) return false;
    out = r.read_double();
    return true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (f.type != CompactType::BINARY) return false;
    r.read_binary(out);
    return true;
  } else if constexpr (std::is_enum_v<T>) {
    if (f.type != CompactType::I32) return false;
    out = static_cast<T>(r.read_i32());
    return true;
  } else {
    static_assert(ThriftStruct<T>);
    if (f.type != CompactType::STRUCT) return false;
    read(r, out);
    return true;
  }
}

// Reads field `f` into `out` if the type fits (marking it seen), else skips it.
template <class T>
void field(CompactReader& r, const FieldHeader& f, T& out, SeenFields& seen) {
  if (read_field(r, f, out)) {
    seen.mark(f.id);
  } else {
    r.skip_field(f);
  }
}

// Reads a TimeUnit union: the member's field id is the unit.
void read_time_unit(CompactReader& r, TimeUnit& unit) {
  r.begin_struct("TimeUnit");
  FieldHeader f;
  while (r.next_field(f)) {
    if (f.type == CompactType::STRUCT) unit = static_cast<TimeUnit>(f.id);
    r.skip_field(f);
  }
  r.end_struct();
}

template <class T>
void read_time_like(CompactReader& r, T& v, const char* name) {
  r.begin_struct(name);
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1:
        field(r, f, v.isAdjustedToUTC, seen);
        continue;
      case 2:
        if (f.type == CompactType::STRUCT) {
          read_time_unit(r, v.unit);
          seen.mark(2);
          continue;
        }
        break;
      default:
        break;
    }
    r.skip_field(f);
  }
  seen.require(r, 1, "isAdjustedToUTC");
  seen.require(r, 2, "unit");
  r.end_struct();
}

}  // namespace

static void read(CompactReader& r, DecimalType& v) {
  r.begin_struct("DecimalType");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.scale, seen); break;
      case 2: field(r, f, v.precision, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "scale");
  seen.require(r, 2, "precision");
  r.end_struct();
}

static void read(CompactReader& r, TimeType& v) { read_time_like(r, v, "TimeType"); }

static void read(CompactReader& r, TimestampType& v) { read_time_like(r, v, "TimestampType"); }

static void read(CompactReader& r, IntType& v) {
  r.begin_struct("IntType");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.bitWidth, seen); break;
      case 2: field(r, f, v.isSigned, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "bitWidth");
  seen.require(r, 2, "isSigned");
  r.end_struct();
}

static void read(CompactReader& r, VariantType& v) {
  r.begin_struct("VariantType");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    if (f.id == 1) {
      field(r, f, v.specification_version, seen);
    } else {
      r.skip_field(f);
    }
  }
  r.end_struct();
}

static void read(CompactReader& r, GeometryType& v) {
  r.begin_struct("GeometryType");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    if (f.id == 1) {
      field(r, f, v.crs, seen);
    } else {
      r.skip_field(f);
    }
  }
  r.end_struct();
}

static void read(CompactReader& r, GeographyType& v) {
  r.begin_struct("GeographyType");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.crs, seen); break;
      case 2: field(r, f, v.algorithm, seen); break;
      default: r.skip_field(f);
    }
  }
  r.end_struct();
}

static void read(CompactReader& r, EncryptionWithColumnKey& v) {
  r.begin_struct("EncryptionWithColumnKey");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.path_in_schema, seen); break;
      case 2: field(r, f, v.key_metadata, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "path_in_schema");
  r.end_struct();
}

template <class T>
static void read_aes_gcm(CompactReader& r, T& v, const char* name) {
  r.begin_struct(name);
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.aad_prefix, seen); break;
      case 2: field(r, f, v.aad_file_unique, seen); break;
      case 3: field(r, f, v.supply_aad_prefix, seen); break;
      default: r.skip_field(f);
    }
  }
  r.end_struct();
}

static void read(CompactReader& r, AesGcmV1& v) { read_aes_gcm(r, v, "AesGcmV1"); }

static void read(CompactReader& r, AesGcmCtrV1& v) { read_aes_gcm(r, v, "AesGcmCtrV1"); }

namespace {

// Reads a union member of type M (a struct field of the union) into the variant.
template <class M, class Variant>
void union_member(CompactReader& r, Variant& v) {
  M member{};
  if constexpr (ThriftStruct<M>) {
    read(r, member);
  } else {
    // Empty struct member: skip whatever it holds.
    r.skip_field(FieldHeader{0, CompactType::STRUCT});
  }
  v = std::move(member);
}

}  // namespace

void read(CompactReader& r, SizeStatistics& v) {
  r.begin_struct("SizeStatistics");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.unencoded_byte_array_data_bytes, seen); break;
      case 2: field(r, f, v.repetition_level_histogram, seen); break;
      case 3: field(r, f, v.definition_level_histogram, seen); break;
      default: r.skip_field(f);
    }
  }
  r.end_struct();
}

void read(CompactReader& r, BoundingBox& v) {
  r.begin_struct("BoundingBox");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.xmin, seen); break;
      case 2: field(r, f, v.xmax, seen); break;
      case 3: field(r, f, v.ymin, seen); break;
      case 4: field(r, f, v.ymax, seen); break;
      case 5: field(r, f, v.zmin, seen); break;
      case 6: field(r, f, v.zmax, seen); break;
      case 7: field(r, f, v.mmin, seen); break;
      case 8: field(r, f, v.mmax, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "xmin");
  seen.require(r, 2, "xmax");
  seen.require(r, 3, "ymin");
  seen.require(r, 4, "ymax");
  r.end_struct();
}

void read(CompactReader& r, GeospatialStatistics& v) {
  r.begin_struct("GeospatialStatistics");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.bbox, seen); break;
      case 2: field(r, f, v.geospatial_types, seen); break;
      default: r.skip_field(f);
    }
  }
  r.end_struct();
}

void read(CompactReader& r, Statistics& v) {
  r.begin_struct("Statistics");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.max, seen); break;
      case 2: field(r, f, v.min, seen); break;
      case 3: field(r, f, v.null_count, seen); break;
      case 4: field(r, f, v.distinct_count, seen); break;
      case 5: field(r, f, v.max_value, seen); break;
      case 6: field(r, f, v.min_value, seen); break;
      case 7: field(r, f, v.is_max_value_exact, seen); break;
      case 8: field(r, f, v.is_min_value_exact, seen); break;
      case 9: field(r, f, v.nan_count, seen); break;
      default: r.skip_field(f);
    }
  }
  r.end_struct();
}

void read(CompactReader& r, LogicalType& v) {
  r.begin_struct("LogicalType");
  v = UnknownLogicalType{0};
  FieldHeader f;
  while (r.next_field(f)) {
    if (f.type != CompactType::STRUCT) {
      r.skip_field(f);
      continue;
    }
    switch (f.id) {
      case 1: union_member<StringType>(r, v); break;
      case 2: union_member<MapType>(r, v); break;
      case 3: union_member<ListType>(r, v); break;
      case 4: union_member<EnumType>(r, v); break;
      case 5: union_member<DecimalType>(r, v); break;
      case 6: union_member<DateType>(r, v); break;
      case 7: union_member<TimeType>(r, v); break;
      case 8: union_member<TimestampType>(r, v); break;
      case 10: union_member<IntType>(r, v); break;
      case 11: union_member<NullType>(r, v); break;
      case 12: union_member<JsonType>(r, v); break;
      case 13: union_member<BsonType>(r, v); break;
      case 14: union_member<UUIDType>(r, v); break;
      case 15: union_member<Float16Type>(r, v); break;
      case 16: union_member<VariantType>(r, v); break;
      case 17: union_member<GeometryType>(r, v); break;
      case 18: union_member<GeographyType>(r, v); break;
      case 19: union_member<VectorType>(r, v); break;
      default:
        r.skip_field(f);
        v = UnknownLogicalType{f.id};
    }
  }
  r.end_struct();
}

void read(CompactReader& r, SchemaElement& v) {
  r.begin_struct("SchemaElement");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.type, seen); break;
      case 2: field(r, f, v.type_length, seen); break;
      case 3: field(r, f, v.repetition_type, seen); break;
      case 4: field(r, f, v.name, seen); break;
      case 5: field(r, f, v.num_children, seen); break;
      case 6: field(r, f, v.converted_type, seen); break;
      case 7: field(r, f, v.scale, seen); break;
      case 8: field(r, f, v.precision, seen); break;
      case 9: field(r, f, v.field_id, seen); break;
      case 10: field(r, f, v.logicalType, seen); break;
      case 11: field(r, f, v.vector_length, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 4, "name");
  r.end_struct();
}

void read(CompactReader& r, DataPageHeader& v) {
  r.begin_struct("DataPageHeader");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.num_values, seen); break;
      case 2: field(r, f, v.encoding, seen); break;
      case 3: field(r, f, v.definition_level_encoding, seen); break;
      case 4: field(r, f, v.repetition_level_encoding, seen); break;
      case 5: field(r, f, v.statistics, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "num_values");
  seen.require(r, 2, "encoding");
  seen.require(r, 3, "definition_level_encoding");
  seen.require(r, 4, "repetition_level_encoding");
  r.end_struct();
}

void read(CompactReader& r, IndexPageHeader&) {
  r.begin_struct("IndexPageHeader");
  FieldHeader f;
  while (r.next_field(f)) r.skip_field(f);
  r.end_struct();
}

void read(CompactReader& r, DictionaryPageHeader& v) {
  r.begin_struct("DictionaryPageHeader");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.num_values, seen); break;
      case 2: field(r, f, v.encoding, seen); break;
      case 3: field(r, f, v.is_sorted, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "num_values");
  seen.require(r, 2, "encoding");
  r.end_struct();
}

void read(CompactReader& r, DataPageHeaderV2& v) {
  r.begin_struct("DataPageHeaderV2");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.num_values, seen); break;
      case 2: field(r, f, v.num_nulls, seen); break;
      case 3: field(r, f, v.num_rows, seen); break;
      case 4: field(r, f, v.encoding, seen); break;
      case 5: field(r, f, v.definition_levels_byte_length, seen); break;
      case 6: field(r, f, v.repetition_levels_byte_length, seen); break;
      case 7: field(r, f, v.is_compressed, seen); break;
      case 8: field(r, f, v.statistics, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "num_values");
  seen.require(r, 2, "num_nulls");
  seen.require(r, 3, "num_rows");
  seen.require(r, 4, "encoding");
  seen.require(r, 5, "definition_levels_byte_length");
  seen.require(r, 6, "repetition_levels_byte_length");
  r.end_struct();
}

void read(CompactReader& r, PageHeader& v) {
  r.begin_struct("PageHeader");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.type, seen); break;
      case 2: field(r, f, v.uncompressed_page_size, seen); break;
      case 3: field(r, f, v.compressed_page_size, seen); break;
      case 4: field(r, f, v.crc, seen); break;
      case 5: field(r, f, v.data_page_header, seen); break;
      case 6: field(r, f, v.index_page_header, seen); break;
      case 7: field(r, f, v.dictionary_page_header, seen); break;
      case 8: field(r, f, v.data_page_header_v2, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "type");
  seen.require(r, 2, "uncompressed_page_size");
  seen.require(r, 3, "compressed_page_size");
  r.end_struct();
}

void read(CompactReader& r, KeyValue& v) {
  r.begin_struct("KeyValue");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.key, seen); break;
      case 2: field(r, f, v.value, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "key");
  r.end_struct();
}

void read(CompactReader& r, SortingColumn& v) {
  r.begin_struct("SortingColumn");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.column_idx, seen); break;
      case 2: field(r, f, v.descending, seen); break;
      case 3: field(r, f, v.nulls_first, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "column_idx");
  seen.require(r, 2, "descending");
  seen.require(r, 3, "nulls_first");
  r.end_struct();
}

void read(CompactReader& r, PageEncodingStats& v) {
  r.begin_struct("PageEncodingStats");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.page_type, seen); break;
      case 2: field(r, f, v.encoding, seen); break;
      case 3: field(r, f, v.count, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "page_type");
  seen.require(r, 2, "encoding");
  seen.require(r, 3, "count");
  r.end_struct();
}

void read(CompactReader& r, ColumnMetaData& v) {
  r.begin_struct("ColumnMetaData");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.type, seen); break;
      case 2: field(r, f, v.encodings, seen); break;
      case 3: field(r, f, v.path_in_schema, seen); break;
      case 4: field(r, f, v.codec, seen); break;
      case 5: field(r, f, v.num_values, seen); break;
      case 6: field(r, f, v.total_uncompressed_size, seen); break;
      case 7: field(r, f, v.total_compressed_size, seen); break;
      case 8: field(r, f, v.key_value_metadata, seen); break;
      case 9: field(r, f, v.data_page_offset, seen); break;
      case 10: field(r, f, v.index_page_offset, seen); break;
      case 11: field(r, f, v.dictionary_page_offset, seen); break;
      case 12: field(r, f, v.statistics, seen); break;
      case 13: field(r, f, v.encoding_stats, seen); break;
      case 14: field(r, f, v.bloom_filter_offset, seen); break;
      case 15: field(r, f, v.bloom_filter_length, seen); break;
      case 16: field(r, f, v.size_statistics, seen); break;
      case 17: field(r, f, v.geospatial_statistics, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "type");
  seen.require(r, 2, "encodings");
  seen.require(r, 3, "path_in_schema");
  seen.require(r, 4, "codec");
  seen.require(r, 5, "num_values");
  seen.require(r, 6, "total_uncompressed_size");
  seen.require(r, 7, "total_compressed_size");
  seen.require(r, 9, "data_page_offset");
  r.end_struct();
}

void read(CompactReader& r, ColumnCryptoMetaData& v) {
  r.begin_struct("ColumnCryptoMetaData");
  v = EncryptionWithFooterKey{};
  FieldHeader f;
  while (r.next_field(f)) {
    if (f.type == CompactType::STRUCT && f.id == 1) {
      union_member<EncryptionWithFooterKey>(r, v);
    } else if (f.type == CompactType::STRUCT && f.id == 2) {
      union_member<EncryptionWithColumnKey>(r, v);
    } else {
      r.skip_field(f);
    }
  }
  r.end_struct();
}

void read(CompactReader& r, ColumnChunk& v) {
  r.begin_struct("ColumnChunk");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.file_path, seen); break;
      case 2: field(r, f, v.file_offset, seen); break;
      case 3: field(r, f, v.meta_data, seen); break;
      case 4: field(r, f, v.offset_index_offset, seen); break;
      case 5: field(r, f, v.offset_index_length, seen); break;
      case 6: field(r, f, v.column_index_offset, seen); break;
      case 7: field(r, f, v.column_index_length, seen); break;
      case 8: field(r, f, v.crypto_metadata, seen); break;
      case 9: field(r, f, v.encrypted_column_metadata, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 2, "file_offset");
  r.end_struct();
}

void read(CompactReader& r, RowGroup& v) {
  r.begin_struct("RowGroup");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.columns, seen); break;
      case 2: field(r, f, v.total_byte_size, seen); break;
      case 3: field(r, f, v.num_rows, seen); break;
      case 4: field(r, f, v.sorting_columns, seen); break;
      case 5: field(r, f, v.file_offset, seen); break;
      case 6: field(r, f, v.total_compressed_size, seen); break;
      case 7: field(r, f, v.ordinal, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "columns");
  seen.require(r, 2, "total_byte_size");
  seen.require(r, 3, "num_rows");
  r.end_struct();
}

void read(CompactReader& r, ColumnOrder& v) {
  r.begin_struct("ColumnOrder");
  v = UnknownColumnOrder{0};
  FieldHeader f;
  while (r.next_field(f)) {
    if (f.type != CompactType::STRUCT) {
      r.skip_field(f);
      continue;
    }
    switch (f.id) {
      case 1: union_member<TypeDefinedOrder>(r, v); break;
      case 2: union_member<IEEE754TotalOrder>(r, v); break;
      case 3: union_member<Int96TimestampOrder>(r, v); break;
      default:
        r.skip_field(f);
        v = UnknownColumnOrder{f.id};
    }
  }
  r.end_struct();
}

void read(CompactReader& r, PageLocation& v) {
  r.begin_struct("PageLocation");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.offset, seen); break;
      case 2: field(r, f, v.compressed_page_size, seen); break;
      case 3: field(r, f, v.first_row_index, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "offset");
  seen.require(r, 2, "compressed_page_size");
  seen.require(r, 3, "first_row_index");
  r.end_struct();
}

void read(CompactReader& r, OffsetIndex& v) {
  r.begin_struct("OffsetIndex");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.page_locations, seen); break;
      case 2: field(r, f, v.unencoded_byte_array_data_bytes, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "page_locations");
  r.end_struct();
}

void read(CompactReader& r, ColumnIndex& v) {
  r.begin_struct("ColumnIndex");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1:
        if (f.type == CompactType::LIST) {
          const ListHeader list = r.read_list_header(CompactType::BOOLEAN_TRUE, "null_pages");
          v.null_pages.resize(list.size);
          for (auto& null_page : v.null_pages) null_page = r.read_bool_element() ? 1 : 0;
          seen.mark(1);
        } else {
          r.skip_field(f);
        }
        break;
      case 2: field(r, f, v.min_values, seen); break;
      case 3: field(r, f, v.max_values, seen); break;
      case 4: field(r, f, v.boundary_order, seen); break;
      case 5: field(r, f, v.null_counts, seen); break;
      case 6: field(r, f, v.repetition_level_histograms, seen); break;
      case 7: field(r, f, v.definition_level_histograms, seen); break;
      case 8: field(r, f, v.nan_counts, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "null_pages");
  seen.require(r, 2, "min_values");
  seen.require(r, 3, "max_values");
  seen.require(r, 4, "boundary_order");
  r.end_struct();
}

void read(CompactReader& r, EncryptionAlgorithm& v) {
  r.begin_struct("EncryptionAlgorithm");
  v = AesGcmV1{};
  FieldHeader f;
  while (r.next_field(f)) {
    if (f.type == CompactType::STRUCT && f.id == 1) {
      union_member<AesGcmV1>(r, v);
    } else if (f.type == CompactType::STRUCT && f.id == 2) {
      union_member<AesGcmCtrV1>(r, v);
    } else {
      r.skip_field(f);
    }
  }
  r.end_struct();
}

void read(CompactReader& r, FileMetaData& v) {
  r.begin_struct("FileMetaData");
  SeenFields seen;
  FieldHeader f;
  while (r.next_field(f)) {
    switch (f.id) {
      case 1: field(r, f, v.version, seen); break;
      case 2: field(r, f, v.schema, seen); break;
      case 3: field(r, f, v.num_rows, seen); break;
      case 4: field(r, f, v.row_groups, seen); break;
      case 5: field(r, f, v.key_value_metadata, seen); break;
      case 6: field(r, f, v.created_by, seen); break;
      case 7: field(r, f, v.column_orders, seen); break;
      case 8: field(r, f, v.encryption_algorithm, seen); break;
      case 9: field(r, f, v.footer_signing_key_metadata, seen); break;
      default: r.skip_field(f);
    }
  }
  seen.require(r, 1, "version");
  seen.require(r, 2, "schema");
  seen.require(r, 3, "num_rows");
  seen.require(r, 4, "row_groups");
  r.end_struct();
}

}  // namespace crv::parquet::metadata
