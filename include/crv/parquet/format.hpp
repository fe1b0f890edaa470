#pragma once
// The Parquet format's vocabulary, as the public API names it: physical types, repetition,
// encodings, codecs, page types, converted and logical types (apache/parquet-format,
// parquet.thrift), with their names. The format's other Thrift structs (footer, page headers,
// page index) are private to the parquet layer (src/parquet/metadata/thrift_types.hpp);
// a file's metadata is read through the views of crv/parquet/metadata.hpp.
//
// Enums keep the exact Thrift values. A value unknown to this version is kept as is (the
// enums are not range-checked on read); to_string() shows it as "UNKNOWN(<n>)". Thrift
// unions are std::variant; a member unknown to this version is kept as an Unknown*
// alternative holding its field id.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "crv/export.hpp"

namespace crv::parquet {
// ---------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------

enum class Type : int32_t {
  BOOLEAN = 0,
  INT32 = 1,
  INT64 = 2,
  INT96 = 3,
  FLOAT = 4,
  DOUBLE = 5,
  BYTE_ARRAY = 6,
  FIXED_LEN_BYTE_ARRAY = 7,
};

enum class ConvertedType : int32_t {
  UTF8 = 0,
  MAP = 1,
  MAP_KEY_VALUE = 2,
  LIST = 3,
  ENUM = 4,
  DECIMAL = 5,
  DATE = 6,
  TIME_MILLIS = 7,
  TIME_MICROS = 8,
  TIMESTAMP_MILLIS = 9,
  TIMESTAMP_MICROS = 10,
  UINT_8 = 11,
  UINT_16 = 12,
  UINT_32 = 13,
  UINT_64 = 14,
  INT_8 = 15,
  INT_16 = 16,
  INT_32 = 17,
  INT_64 = 18,
  JSON = 19,
  BSON = 20,
  INTERVAL = 21,
};

enum class FieldRepetitionType : int32_t {
  REQUIRED = 0,
  OPTIONAL = 1,
  REPEATED = 2,
  VECTOR = 3,  // fixed-size vector group (recent addition, see SchemaElement::vector_length)
};

enum class Encoding : int32_t {
  PLAIN = 0,
  // 1 was GROUP_VAR_INT, never used.
  PLAIN_DICTIONARY = 2,
  RLE = 3,
  BIT_PACKED = 4,
  DELTA_BINARY_PACKED = 5,
  DELTA_LENGTH_BYTE_ARRAY = 6,
  DELTA_BYTE_ARRAY = 7,
  RLE_DICTIONARY = 8,
  BYTE_STREAM_SPLIT = 9,
};

enum class CompressionCodec : int32_t {
  UNCOMPRESSED = 0,
  SNAPPY = 1,
  GZIP = 2,
  LZO = 3,
  BROTLI = 4,
  LZ4 = 5,  // deprecated Hadoop-framed LZ4
  ZSTD = 6,
  LZ4_RAW = 7,
};

enum class PageType : int32_t {
  DATA_PAGE = 0,
  INDEX_PAGE = 1,
  DICTIONARY_PAGE = 2,
  DATA_PAGE_V2 = 3,
};

enum class BoundaryOrder : int32_t {
  UNORDERED = 0,
  ASCENDING = 1,
  DESCENDING = 2,
};

enum class EdgeInterpolationAlgorithm : int32_t {
  SPHERICAL = 0,
  VINCENTY = 1,
  THOMAS = 2,
  ANDOYER = 3,
  KARNEY = 4,
};

/// The TimeUnit union of parquet.thrift: its members are empty structs, so the member's
/// field id is the whole value.
enum class TimeUnit : int16_t {
  MILLIS = 1,
  MICROS = 2,
  NANOS = 3,
};

// ---------------------------------------------------------------------------------------
// Logical types (union LogicalType)
// ---------------------------------------------------------------------------------------

struct StringType {
  bool operator==(const StringType&) const = default;
};
struct MapType {
  bool operator==(const MapType&) const = default;
};
struct ListType {
  bool operator==(const ListType&) const = default;
};
struct EnumType {
  bool operator==(const EnumType&) const = default;
};
struct DecimalType {
  int32_t scale = 0;
  int32_t precision = 0;
  bool operator==(const DecimalType&) const = default;
};
struct DateType {
  bool operator==(const DateType&) const = default;
};
struct TimeType {
  bool isAdjustedToUTC = false;
  TimeUnit unit = TimeUnit::MILLIS;
  bool operator==(const TimeType&) const = default;
};
struct TimestampType {
  bool isAdjustedToUTC = false;
  TimeUnit unit = TimeUnit::MILLIS;
  bool operator==(const TimestampType&) const = default;
};
struct IntType {
  int8_t bitWidth = 0;
  bool isSigned = false;
  bool operator==(const IntType&) const = default;
};
/// The UNKNOWN member of LogicalType: a column that is always null.
struct NullType {
  bool operator==(const NullType&) const = default;
};
struct JsonType {
  bool operator==(const JsonType&) const = default;
};
struct BsonType {
  bool operator==(const BsonType&) const = default;
};
struct UUIDType {
  bool operator==(const UUIDType&) const = default;
};
struct Float16Type {
  bool operator==(const Float16Type&) const = default;
};
struct VariantType {
  std::optional<int8_t> specification_version{};
  bool operator==(const VariantType&) const = default;
};
struct GeometryType {
  std::optional<std::string> crs{};
  bool operator==(const GeometryType&) const = default;
};
struct GeographyType {
  std::optional<std::string> crs{};
  std::optional<EdgeInterpolationAlgorithm> algorithm{};
  bool operator==(const GeographyType&) const = default;
};
struct VectorType {
  bool operator==(const VectorType&) const = default;
};
/// A LogicalType member not known to this version (its content is skipped on read).
/// Writing it emits an empty struct under field_id.
struct UnknownLogicalType {
  int16_t field_id = 0;
  bool operator==(const UnknownLogicalType&) const = default;
};

/// Thrift field ids: STRING 1, MAP 2, LIST 3, ENUM 4, DECIMAL 5, DATE 6, TIME 7, TIMESTAMP 8,
/// INTEGER 10, UNKNOWN 11, JSON 12, BSON 13, UUID 14, FLOAT16 15, VARIANT 16, GEOMETRY 17,
/// GEOGRAPHY 18, VECTOR 19.
using LogicalType = std::variant<StringType, MapType, ListType, EnumType, DecimalType, DateType, TimeType,
                                 TimestampType, IntType, NullType, JsonType, BsonType, UUIDType, Float16Type,
                                 VariantType, GeometryType, GeographyType, VectorType, UnknownLogicalType>;

// ---------------------------------------------------------------------------------------
// Names (for `crv-io parquet meta` and error messages)
// ---------------------------------------------------------------------------------------
// Enum names are the Thrift names ("INT64", "RLE_DICTIONARY", "ZSTD", ...); a value not
// known to this version gives "UNKNOWN(<n>)".

[[nodiscard]] CRV_IO_EXPORT std::string to_string(Type value);
[[nodiscard]] CRV_IO_EXPORT std::string to_string(ConvertedType value);
[[nodiscard]] CRV_IO_EXPORT std::string to_string(FieldRepetitionType value);
[[nodiscard]] CRV_IO_EXPORT std::string to_string(Encoding value);
[[nodiscard]] CRV_IO_EXPORT std::string to_string(CompressionCodec value);
[[nodiscard]] CRV_IO_EXPORT std::string to_string(PageType value);
[[nodiscard]] CRV_IO_EXPORT std::string to_string(BoundaryOrder value);
[[nodiscard]] CRV_IO_EXPORT std::string to_string(EdgeInterpolationAlgorithm value);
[[nodiscard]] CRV_IO_EXPORT std::string to_string(TimeUnit value);  ///< "MILLIS", "MICROS", "NANOS"
/// e.g. "STRING", "DECIMAL(precision=10, scale=2)", "TIMESTAMP(isAdjustedToUTC=true,
/// unit=MICROS)", "INTEGER(bitWidth=16, isSigned=false)", "UNKNOWN", "UNKNOWN_MEMBER(<id>)".
[[nodiscard]] CRV_IO_EXPORT std::string to_string(const LogicalType& value);
// "TYPE_ORDER", "IEEE_754_TOTAL_ORDER", "INT96_TIMESTAMP_ORDER", "UNKNOWN_MEMBER(<id>)".

/// Case-insensitive codec name: "uncompressed" (or "none"), "snappy", "gzip", "lzo",
/// "brotli", "lz4", "zstd", "lz4_raw". std::nullopt when the name is not a codec.
[[nodiscard]] CRV_IO_EXPORT std::optional<CompressionCodec> parse_compression_codec(std::string_view name);

}  // namespace crv::parquet
