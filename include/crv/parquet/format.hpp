#pragma once
/// @file
/// The Parquet format's vocabulary, as the public API names it: physical types, repetition,
/// encodings, codecs, page types, converted and logical types (apache/parquet-format,
/// parquet.thrift), with their names. The format's other Thrift structs (footer, page headers,
/// page index) are private to the parquet layer (src/parquet/metadata/thrift_types.hpp);
/// a file's metadata is read through the views of crv/parquet/metadata.hpp.
///
/// Enums keep the exact Thrift values. A value unknown to this version is kept as is (the
/// enums are not range-checked on read); to_string() shows it as "UNKNOWN(<n>)". Thrift
/// unions are std::variant; a member unknown to this version is kept as an Unknown*
/// alternative holding its field id.

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

/// The physical type of a column: how its values are stored.
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

/// The legacy annotation of a column (superseded by LogicalType, still written for old readers).
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

/// Whether a field is required, optional or repeated.
enum class FieldRepetitionType : int32_t {
  REQUIRED = 0,
  OPTIONAL = 1,
  REPEATED = 2,
  VECTOR = 3,  ///< fixed-size vector group (recent addition, see SchemaElement::vector_length)
};

/// The encoding of a page's values.
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

/// The codec of a column chunk's pages.
enum class CompressionCodec : int32_t {
  UNCOMPRESSED = 0,
  SNAPPY = 1,
  GZIP = 2,
  LZO = 3,
  BROTLI = 4,
  LZ4 = 5,  ///< deprecated Hadoop-framed LZ4
  ZSTD = 6,
  LZ4_RAW = 7,
};

/// The kind of a page, from its header.
enum class PageType : int32_t {
  DATA_PAGE = 0,
  INDEX_PAGE = 1,
  DICTIONARY_PAGE = 2,
  DATA_PAGE_V2 = 3,
};

/// The order of a ColumnIndex's page bounds.
enum class BoundaryOrder : int32_t {
  UNORDERED = 0,
  ASCENDING = 1,
  DESCENDING = 2,
};

/// How GEOGRAPHY edges between points are interpolated.
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

/// The STRING: UTF-8 text in a BYTE_ARRAY.
struct StringType {
  bool operator==(const StringType&) const = default;  ///< memberwise
};
/// The MAP: a group of repeated key-value pairs.
struct MapType {
  bool operator==(const MapType&) const = default;  ///< memberwise
};
/// The LIST: a group of one repeated element.
struct ListType {
  bool operator==(const ListType&) const = default;  ///< memberwise
};
/// The ENUM: enumerated strings in a BYTE_ARRAY.
struct EnumType {
  bool operator==(const EnumType&) const = default;  ///< memberwise
};
/// The DECIMAL: an unscaled integer and its scale.
struct DecimalType {
  int32_t scale = 0;                                    ///< digits after the decimal point
  int32_t precision = 0;                                ///< total digits
  bool operator==(const DecimalType&) const = default;  ///< memberwise
};
/// The DATE: days since 1970-01-01 in an INT32.
struct DateType {
  bool operator==(const DateType&) const = default;  ///< memberwise
};
/// The TIME: time of day in an INT32 (MILLIS) or INT64 (MICROS, NANOS).
struct TimeType {
  bool isAdjustedToUTC = false;                      ///< UTC-normalised, not local time
  TimeUnit unit = TimeUnit::MILLIS;                  ///< the unit of the stored integer
  bool operator==(const TimeType&) const = default;  ///< memberwise
};
/// The TIMESTAMP: time since the epoch in an INT64.
struct TimestampType {
  bool isAdjustedToUTC = false;                           ///< an instant (UTC), not a local date-time
  TimeUnit unit = TimeUnit::MILLIS;                       ///< the unit of the stored integer
  bool operator==(const TimestampType&) const = default;  ///< memberwise
};
/// The INTEGER: an integer of 8, 16, 32 or 64 bits, signed or not.
struct IntType {
  int8_t bitWidth = 0;                              ///< 8, 16, 32 or 64
  bool isSigned = false;                            ///< signed or unsigned
  bool operator==(const IntType&) const = default;  ///< memberwise
};
/// The UNKNOWN member of LogicalType: a column that is always null.
struct NullType {
  bool operator==(const NullType&) const = default;  ///< memberwise
};
/// The JSON: JSON text in a BYTE_ARRAY.
struct JsonType {
  bool operator==(const JsonType&) const = default;  ///< memberwise
};
/// The BSON: BSON documents in a BYTE_ARRAY.
struct BsonType {
  bool operator==(const BsonType&) const = default;  ///< memberwise
};
/// The UUID: 16 bytes in a FIXED_LEN_BYTE_ARRAY(16).
struct UUIDType {
  bool operator==(const UUIDType&) const = default;  ///< memberwise
};
/// The FLOAT16: a half-precision float in a FIXED_LEN_BYTE_ARRAY(2).
struct Float16Type {
  bool operator==(const Float16Type&) const = default;  ///< memberwise
};
/// The VARIANT: semi-structured values (metadata and value binaries).
struct VariantType {
  std::optional<int8_t> specification_version{};        ///< the Variant encoding's version
  bool operator==(const VariantType&) const = default;  ///< memberwise
};
/// The GEOMETRY: planar geometries as WKB.
struct GeometryType {
  std::optional<std::string> crs{};                      ///< coordinate reference system; absent: OGC:CRS84
  bool operator==(const GeometryType&) const = default;  ///< memberwise
};
/// The GEOGRAPHY: geometries on a spheroid as WKB.
struct GeographyType {
  std::optional<std::string> crs{};                       ///< coordinate reference system; absent: OGC:CRS84
  std::optional<EdgeInterpolationAlgorithm> algorithm{};  ///< how edges are interpolated; absent: SPHERICAL
  bool operator==(const GeographyType&) const = default;  ///< memberwise
};
/// The VECTOR logical type (field id 19 of the union); it has no parameters here.
struct VectorType {
  bool operator==(const VectorType&) const = default;  ///< memberwise
};
/// A LogicalType member not known to this version (its content is skipped on read).
/// Writing it emits an empty struct under field_id.
struct UnknownLogicalType {
  int16_t field_id = 0;                                        ///< its field id in the LogicalType union
  bool operator==(const UnknownLogicalType&) const = default;  ///< memberwise
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

[[nodiscard]] CRV_IO_EXPORT std::string to_string(Type value);                        ///< the Thrift name
[[nodiscard]] CRV_IO_EXPORT std::string to_string(ConvertedType value);               ///< the Thrift name
[[nodiscard]] CRV_IO_EXPORT std::string to_string(FieldRepetitionType value);         ///< the Thrift name
[[nodiscard]] CRV_IO_EXPORT std::string to_string(Encoding value);                    ///< the Thrift name
[[nodiscard]] CRV_IO_EXPORT std::string to_string(CompressionCodec value);            ///< the Thrift name
[[nodiscard]] CRV_IO_EXPORT std::string to_string(PageType value);                    ///< the Thrift name
[[nodiscard]] CRV_IO_EXPORT std::string to_string(BoundaryOrder value);               ///< the Thrift name
[[nodiscard]] CRV_IO_EXPORT std::string to_string(EdgeInterpolationAlgorithm value);  ///< the Thrift name
[[nodiscard]] CRV_IO_EXPORT std::string to_string(TimeUnit value);                    ///< "MILLIS", "MICROS", "NANOS"
/// e.g. "STRING", "DECIMAL(precision=10, scale=2)", "TIMESTAMP(isAdjustedToUTC=true,
/// unit=MICROS)", "INTEGER(bitWidth=16, isSigned=false)", "UNKNOWN", "UNKNOWN_MEMBER(<id>)".
[[nodiscard]] CRV_IO_EXPORT std::string to_string(const LogicalType& value);
// "TYPE_ORDER", "IEEE_754_TOTAL_ORDER", "INT96_TIMESTAMP_ORDER", "UNKNOWN_MEMBER(<id>)".

/// Case-insensitive codec name: "uncompressed" (or "none"), "snappy", "gzip", "lzo",
/// "brotli", "lz4", "zstd", "lz4_raw". std::nullopt when the name is not a codec.
[[nodiscard]] CRV_IO_EXPORT std::optional<CompressionCodec> parse_compression_codec(std::string_view name);

}  // namespace crv::parquet
