// Names of the metadata enums and unions (metadata.hpp to_string / parse_compression_codec).

#include <cctype>
#include <string>
#include <type_traits>
#include <variant>

#include "parquet/metadata/thrift_types.hpp"

namespace crv::parquet {

namespace {

template <class E, size_t N>
std::string enum_name(E value, const char* const (&names)[N]) {
  const auto raw = static_cast<int64_t>(static_cast<std::underlying_type_t<E>>(value));
  if (raw >= 0 && static_cast<size_t>(raw) < N && names[raw] != nullptr) return names[raw];
  return "UNKNOWN(" + std::to_string(raw) + ")";
}

std::string flag(bool value) { return value ? "true" : "false"; }

}  // namespace

std::string to_string(Type value) {
  static constexpr const char* kNames[] = {"BOOLEAN", "INT32",  "INT64",      "INT96",
                                           "FLOAT",   "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  return enum_name(value, kNames);
}

std::string to_string(ConvertedType value) {
  static constexpr const char* kNames[] = {"UTF8",
                                           "MAP",
                                           "MAP_KEY_VALUE",
                                           "LIST",
                                           "ENUM",
                                           "DECIMAL",
                                           "DATE",
                                           "TIME_MILLIS",
                                           "TIME_MICROS",
                                           "TIMESTAMP_MILLIS",
                                           "TIMESTAMP_MICROS",
                                           "UINT_8",
                                           "UINT_16",
                                           "UINT_32",
                                           "UINT_64",
                                           "INT_8",
                                           "INT_16",
                                           "INT_32",
                                           "INT_64",
                                           "JSON",
                                           "BSON",
                                           "INTERVAL"};
  return enum_name(value, kNames);
}

std::string to_string(FieldRepetitionType value) {
  static constexpr const char* kNames[] = {"REQUIRED", "OPTIONAL", "REPEATED", "VECTOR"};
  return enum_name(value, kNames);
}

std::string to_string(Encoding value) {
  static constexpr const char* kNames[] = {"PLAIN",
                                           nullptr,
                                           "PLAIN_DICTIONARY",
                                           "RLE",
                                           "BIT_PACKED",
                                           "DELTA_BINARY_PACKED",
                                           "DELTA_LENGTH_BYTE_ARRAY",
                                           "DELTA_BYTE_ARRAY",
                                           "RLE_DICTIONARY",
                                           "BYTE_STREAM_SPLIT"};
  return enum_name(value, kNames);
}

std::string to_string(CompressionCodec value) {
  static constexpr const char* kNames[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
  return enum_name(value, kNames);
}

std::string to_string(PageType value) {
  static constexpr const char* kNames[] = {"DATA_PAGE", "INDEX_PAGE", "DICTIONARY_PAGE", "DATA_PAGE_V2"};
  return enum_name(value, kNames);
}

std::string to_string(BoundaryOrder value) {
  static constexpr const char* kNames[] = {"UNORDERED", "ASCENDING", "DESCENDING"};
  return enum_name(value, kNames);
}

std::string to_string(EdgeInterpolationAlgorithm value) {
  static constexpr const char* kNames[] = {"SPHERICAL", "VINCENTY", "THOMAS", "ANDOYER", "KARNEY"};
  return enum_name(value, kNames);
}

std::string to_string(TimeUnit value) {
  static constexpr const char* kNames[] = {nullptr, "MILLIS", "MICROS", "NANOS"};
  return enum_name(value, kNames);
}

std::string to_string(const LogicalType& value) {
  return std::visit(
      [](const auto& member) -> std::string {
        using M = std::decay_t<decltype(member)>;
        if constexpr (std::is_same_v<M, StringType>) {
          return "STRING";
        } else if constexpr (std::is_same_v<M, MapType>) {
          return "MAP";
        } else if constexpr (std::is_same_v<M, ListType>) {
          return "LIST";
        } else if constexpr (std::is_same_v<M, EnumType>) {
          return "ENUM";
        } else if constexpr (std::is_same_v<M, DecimalType>) {
          return "DECIMAL(precision=" + std::to_string(member.precision) + ", scale=" + std::to_string(member.scale) +
                 ")";
        } else if constexpr (std::is_same_v<M, DateType>) {
          return "DATE";
        } else if constexpr (std::is_same_v<M, TimeType>) {
          return "TIME(isAdjustedToUTC=" + flag(member.isAdjustedToUTC) + ", unit=" + to_string(member.unit) + ")";
        } else if constexpr (std::is_same_v<M, TimestampType>) {
          return "TIMESTAMP(isAdjustedToUTC=" + flag(member.isAdjustedToUTC) + ", unit=" + to_string(member.unit) + ")";
        } else if constexpr (std::is_same_v<M, IntType>) {
          return "INTEGER(bitWidth=" + std::to_string(member.bitWidth) + ", isSigned=" + flag(member.isSigned) + ")";
        } else if constexpr (std::is_same_v<M, NullType>) {
          return "UNKNOWN";
        } else if constexpr (std::is_same_v<M, JsonType>) {
          return "JSON";
        } else if constexpr (std::is_same_v<M, BsonType>) {
          return "BSON";
        } else if constexpr (std::is_same_v<M, UUIDType>) {
          return "UUID";
        } else if constexpr (std::is_same_v<M, Float16Type>) {
          return "FLOAT16";
        } else if constexpr (std::is_same_v<M, VariantType>) {
          if (!member.specification_version) return "VARIANT";
          return "VARIANT(specification_version=" + std::to_string(*member.specification_version) + ")";
        } else if constexpr (std::is_same_v<M, GeometryType>) {
          if (!member.crs) return "GEOMETRY";
          return "GEOMETRY(crs=" + *member.crs + ")";
        } else if constexpr (std::is_same_v<M, GeographyType>) {
          std::string s = "GEOGRAPHY";
          if (member.crs || member.algorithm) {
            s += '(';
            if (member.crs) s += "crs=" + *member.crs;
            if (member.crs && member.algorithm) s += ", ";
            if (member.algorithm) s += "algorithm=" + to_string(*member.algorithm);
            s += ')';
          }
          return s;
        } else if constexpr (std::is_same_v<M, VectorType>) {
          return "VECTOR";
        } else {
          static_assert(std::is_same_v<M, UnknownLogicalType>);
          return "UNKNOWN_MEMBER(" + std::to_string(member.field_id) + ")";
        }
      },
      value);
}

std::string to_string(const ColumnOrder& value) {
  return std::visit(
      [](const auto& member) -> std::string {
        using M = std::decay_t<decltype(member)>;
        if constexpr (std::is_same_v<M, TypeDefinedOrder>) {
          return "TYPE_ORDER";
        } else if constexpr (std::is_same_v<M, IEEE754TotalOrder>) {
          return "IEEE_754_TOTAL_ORDER";
        } else if constexpr (std::is_same_v<M, Int96TimestampOrder>) {
          return "INT96_TIMESTAMP_ORDER";
        } else {
          static_assert(std::is_same_v<M, UnknownColumnOrder>);
          return "UNKNOWN_MEMBER(" + std::to_string(member.field_id) + ")";
        }
      },
      value);
}

std::optional<CompressionCodec> parse_compression_codec(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "uncompressed" || lower == "none") return CompressionCodec::UNCOMPRESSED;
  if (lower == "snappy") return CompressionCodec::SNAPPY;
  if (lower == "gzip") return CompressionCodec::GZIP;
  if (lower == "lzo") return CompressionCodec::LZO;
  if (lower == "brotli") return CompressionCodec::BROTLI;
  if (lower == "lz4") return CompressionCodec::LZ4;
  if (lower == "zstd") return CompressionCodec::ZSTD;
  if (lower == "lz4_raw") return CompressionCodec::LZ4_RAW;
  return std::nullopt;
}

}  // namespace crv::parquet
