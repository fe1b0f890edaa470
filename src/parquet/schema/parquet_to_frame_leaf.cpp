// Frame types of Parquet leaf columns.

#include "parquet/schema/parquet_to_frame_leaf.hpp"

#include <optional>
#include <string>
#include <type_traits>
#include <variant>

#include "crv/parquet/error.hpp"

namespace crv::parquet::schema {
namespace {

using frame::TimeUnit;

struct Context {
  const SchemaElement& element;
  const std::string& file;
  const std::string& column;
  const OpenOptions& options;

  [[noreturn]] void fail(const std::string& what) const {
    throw ParquetError::at({.file = file, .column_path = column}, what);
  }
  [[noreturn]] void not_on(const std::string& annotation) const {
    fail(annotation + " annotation is not valid on physical type " + to_string(*element.type));
  }
  [[nodiscard]] Type physical() const { return *element.type; }
};

LeafType physical_default(const Context& ctx) {
  switch (ctx.physical()) {
    case Type::BOOLEAN: return {frame::boolean()};
    case Type::INT32: return {frame::int32()};
    case Type::INT64: return {frame::int64()};
    case Type::INT96: return {frame::timestamp(ctx.options.int96_unit), ReadConversion::kInt96ToTimestamp};
    case Type::FLOAT: return {frame::float32()};
    case Type::DOUBLE: return {frame::float64()};
    case Type::BYTE_ARRAY: return {frame::binary()};
    case Type::FIXED_LEN_BYTE_ARRAY: return {frame::fixed_size_binary(ctx.element.type_length.value_or(0))};
  }
  ctx.fail("unknown physical type " + to_string(ctx.physical()));
}

LeafType utf8_type(const Context& ctx, const std::string& annotation) {
  if (ctx.physical() != Type::BYTE_ARRAY) ctx.not_on(annotation);
  return {frame::utf8()};
}

LeafType integer_type(const Context& ctx, int bits, bool is_signed) {
  const Type p = ctx.physical();
  const std::string name = std::string(is_signed ? "INT" : "UINT") + "(" + std::to_string(bits) + ")";
  if (bits == 64) {
    if (p != Type::INT64) ctx.not_on(name);
    return {is_signed ? frame::int64() : frame::uint64(), ReadConversion::kNone, 0, is_signed};
  }
  if (p != Type::INT32) ctx.not_on(name);
  switch (bits) {
    case 8:
      return is_signed ? LeafType{frame::int8(), ReadConversion::kInt32ToInt8, 0, true}
                       : LeafType{frame::uint8(), ReadConversion::kInt32ToUInt8, 0, false};
    case 16:
      return is_signed ? LeafType{frame::int16(), ReadConversion::kInt32ToInt16, 0, true}
                       : LeafType{frame::uint16(), ReadConversion::kInt32ToUInt16, 0, false};
    case 32: return {is_signed ? frame::int32() : frame::uint32(), ReadConversion::kNone, 0, is_signed};
    default: ctx.fail("integer annotation with invalid bit width " + std::to_string(bits));
  }
}

LeafType decimal_type(const Context& ctx, int32_t precision, int32_t scale) {
  if (precision < 1) ctx.fail("DECIMAL precision must be at least 1, got " + std::to_string(precision));
  if (scale < 0 || scale > precision) {
    ctx.fail("DECIMAL scale must be in 0.." + std::to_string(precision) + ", got " + std::to_string(scale));
  }
  const Type p = ctx.physical();
  if (p == Type::INT32 && precision > 9)
    ctx.fail("DECIMAL precision " + std::to_string(precision) + " too large for INT32");
  if (p == Type::INT64 && precision > 18)
    ctx.fail("DECIMAL precision " + std::to_string(precision) + " too large for INT64");
  if (p == Type::FIXED_LEN_BYTE_ARRAY && ctx.element.type_length.value_or(0) <= 0)
    ctx.fail("DECIMAL on FIXED_LEN_BYTE_ARRAY without a length");
  if (precision > 38) {
    if (p != Type::BYTE_ARRAY && p != Type::FIXED_LEN_BYTE_ARRAY) ctx.not_on("DECIMAL");
    return {frame::utf8(), ReadConversion::kBytesToDecimalText, scale};
  }
  const frame::TypePtr type = frame::decimal128(precision, scale);
  switch (p) {
    case Type::INT32: return {type, ReadConversion::kInt32ToDecimal, scale};
    case Type::INT64: return {type, ReadConversion::kInt64ToDecimal, scale};
    case Type::BYTE_ARRAY:
    case Type::FIXED_LEN_BYTE_ARRAY: return {type, ReadConversion::kBytesToDecimal, scale};
    default: ctx.not_on("DECIMAL");
  }
}

std::optional<TimeUnit> frame_unit(parquet::TimeUnit unit) {
  switch (unit) {
    case parquet::TimeUnit::MILLIS: return TimeUnit::Milli;
    case parquet::TimeUnit::MICROS: return TimeUnit::Micro;
    case parquet::TimeUnit::NANOS: return TimeUnit::Nano;
  }
  return std::nullopt;
}

LeafType time_type(const Context& ctx, parquet::TimeUnit unit) {
  const auto u = frame_unit(unit);
  if (!u) ctx.fail("TIME with unknown unit " + std::to_string(static_cast<int>(unit)));
  if (*u == TimeUnit::Milli) {
    if (ctx.physical() != Type::INT32) ctx.not_on("TIME(MILLIS)");
    return {frame::time32(TimeUnit::Milli)};
  }
  if (ctx.physical() != Type::INT64) ctx.not_on(*u == TimeUnit::Micro ? "TIME(MICROS)" : "TIME(NANOS)");
  return {frame::time64(*u)};
}

LeafType timestamp_type(const Context& ctx, parquet::TimeUnit unit, bool utc) {
  const auto u = frame_unit(unit);
  if (!u) ctx.fail("TIMESTAMP with unknown unit " + std::to_string(static_cast<int>(unit)));
  if (ctx.physical() != Type::INT64) ctx.not_on("TIMESTAMP");
  return {frame::timestamp(*u, utc ? "UTC" : "")};
}

LeafType fixed_type(const Context& ctx, const std::string& annotation, int32_t width) {
  if (ctx.physical() != Type::FIXED_LEN_BYTE_ARRAY || ctx.element.type_length.value_or(0) != width) {
    ctx.fail(annotation + " annotation requires FIXED_LEN_BYTE_ARRAY(" + std::to_string(width) + ")");
  }
  return {frame::fixed_size_binary(width)};
}

LeafType from_logical(const Context& ctx, const LogicalType& logical) {
  return std::visit(
      [&ctx](const auto& t) -> LeafType {
        using T = std::decay_t<decltype(t)>;
        if constexpr (std::is_same_v<T, StringType>)
          return utf8_type(ctx, "STRING");
        else if constexpr (std::is_same_v<T, EnumType>)
          return utf8_type(ctx, "ENUM");
        else if constexpr (std::is_same_v<T, JsonType>)
          return utf8_type(ctx, "JSON");
        else if constexpr (std::is_same_v<T, BsonType>) {
          if (ctx.physical() != Type::BYTE_ARRAY) ctx.not_on("BSON");
          return {frame::binary()};
        } else if constexpr (std::is_same_v<T, DecimalType>)
          return decimal_type(ctx, t.precision, t.scale);
        else if constexpr (std::is_same_v<T, DateType>) {
          if (ctx.physical() != Type::INT32) ctx.not_on("DATE");
          return {frame::date32()};
        } else if constexpr (std::is_same_v<T, TimeType>)
          return time_type(ctx, t.unit);
        else if constexpr (std::is_same_v<T, TimestampType>)
          return timestamp_type(ctx, t.unit, t.isAdjustedToUTC);
        else if constexpr (std::is_same_v<T, IntType>)
          return integer_type(ctx, t.bitWidth, t.isSigned);
        else if constexpr (std::is_same_v<T, UUIDType>)
          return fixed_type(ctx, "UUID", 16);
        else if constexpr (std::is_same_v<T, Float16Type>) {
          (void)fixed_type(ctx, "FLOAT16", 2);
          return {frame::float32(), ReadConversion::kFloat16ToFloat32};
        } else
          return physical_default(ctx);  // UNKNOWN (null), VARIANT, GEOMETRY, ... as stored
      },
      logical);
}

LeafType from_converted(const Context& ctx, ConvertedType converted) {
  const SchemaElement& e = ctx.element;
  switch (converted) {
    case ConvertedType::UTF8: return utf8_type(ctx, "UTF8");
    case ConvertedType::ENUM: return utf8_type(ctx, "ENUM");
    case ConvertedType::JSON: return utf8_type(ctx, "JSON");
    case ConvertedType::BSON:
      if (ctx.physical() != Type::BYTE_ARRAY) ctx.not_on("BSON");
      return {frame::binary()};
    case ConvertedType::DECIMAL: return decimal_type(ctx, e.precision.value_or(0), e.scale.value_or(0));
    case ConvertedType::DATE:
      if (ctx.physical() != Type::INT32) ctx.not_on("DATE");
      return {frame::date32()};
    case ConvertedType::TIME_MILLIS: return time_type(ctx, parquet::TimeUnit::MILLIS);
    case ConvertedType::TIME_MICROS: return time_type(ctx, parquet::TimeUnit::MICROS);
    case ConvertedType::TIMESTAMP_MILLIS: return timestamp_type(ctx, parquet::TimeUnit::MILLIS, true);
    case ConvertedType::TIMESTAMP_MICROS: return timestamp_type(ctx, parquet::TimeUnit::MICROS, true);
    case ConvertedType::UINT_8: return integer_type(ctx, 8, false);
    case ConvertedType::UINT_16: return integer_type(ctx, 16, false);
    case ConvertedType::UINT_32: return integer_type(ctx, 32, false);
    case ConvertedType::UINT_64: return integer_type(ctx, 64, false);
    case ConvertedType::INT_8: return integer_type(ctx, 8, true);
    case ConvertedType::INT_16: return integer_type(ctx, 16, true);
    case ConvertedType::INT_32: return integer_type(ctx, 32, true);
    case ConvertedType::INT_64: return integer_type(ctx, 64, true);
    case ConvertedType::INTERVAL: return fixed_type(ctx, "INTERVAL", 12);
    default: return physical_default(ctx);  // MAP, LIST, ... on a leaf: ignored
  }
}

}  // namespace

LeafType map_leaf_type(const SchemaElement& element, const std::string& file, const std::string& column_path,
                       const OpenOptions& options) {
  const Context ctx{element, file, column_path, options};
  if (!element.type) ctx.fail("leaf schema element has no physical type");
  const Type p = *element.type;
  if (static_cast<int32_t>(p) < 0 || static_cast<int32_t>(p) > static_cast<int32_t>(Type::FIXED_LEN_BYTE_ARRAY)) {
    ctx.fail("unknown physical type " + to_string(p));
  }
  if (p == Type::FIXED_LEN_BYTE_ARRAY) {
    const int32_t width = element.type_length.value_or(-1);
    if (width < 0 || width > (1 << 24))
      ctx.fail("FIXED_LEN_BYTE_ARRAY has invalid type_length " + std::to_string(width));
  }
  if (element.logicalType) return from_logical(ctx, *element.logicalType);
  if (element.converted_type) return from_converted(ctx, *element.converted_type);
  return physical_default(ctx);
}

}  // namespace crv::parquet::schema
