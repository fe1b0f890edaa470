#include "cli/statistic_value.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <variant>

#include "crv/frame/builder.hpp"
#include "crv/frame/canonical_json.hpp"
#include "crv/frame/data_type.hpp"

namespace crv::cli {
namespace {

using parquet::ConvertedType;
using parquet::SchemaNode;
using parquet::Type;

template <class T>
const T* logical_as(const SchemaNode& e) {
  return e.logical_type ? std::get_if<T>(&*e.logical_type) : nullptr;
}

bool is_unsigned(const SchemaNode& e) {
  if (const auto* i = logical_as<parquet::IntType>(e)) return !i->isSigned;
  return e.converted_type == ConvertedType::UINT_8 || e.converted_type == ConvertedType::UINT_16 ||
         e.converted_type == ConvertedType::UINT_32 || e.converted_type == ConvertedType::UINT_64;
}

bool is_text(const SchemaNode& e) {
  if (e.logical_type) {
    return logical_as<parquet::StringType>(e) || logical_as<parquet::EnumType>(e) || logical_as<parquet::JsonType>(e);
  }
  return e.converted_type == ConvertedType::UTF8 || e.converted_type == ConvertedType::ENUM ||
         e.converted_type == ConvertedType::JSON;
}

frame::TimeUnit frame_unit(parquet::TimeUnit unit) {
  switch (unit) {
    case parquet::TimeUnit::MILLIS: return frame::TimeUnit::Milli;
    case parquet::TimeUnit::MICROS: return frame::TimeUnit::Micro;
    case parquet::TimeUnit::NANOS: return frame::TimeUnit::Nano;
  }
  return frame::TimeUnit::Milli;
}

// The frame type of a date, time or timestamp column; nullptr for any other column.
frame::TypePtr temporal_type(const SchemaNode& e) {
  if (logical_as<parquet::DateType>(e)) return frame::date32();
  if (const auto* t = logical_as<parquet::TimeType>(e)) {
    return t->unit == parquet::TimeUnit::MILLIS ? frame::time32(frame::TimeUnit::Milli)
                                                : frame::time64(frame_unit(t->unit));
  }
  if (const auto* t = logical_as<parquet::TimestampType>(e)) {
    return frame::timestamp(frame_unit(t->unit), t->isAdjustedToUTC ? "UTC" : "");
  }
  if (e.logical_type || !e.converted_type) return nullptr;
  switch (*e.converted_type) {
    case ConvertedType::DATE: return frame::date32();
    case ConvertedType::TIME_MILLIS: return frame::time32(frame::TimeUnit::Milli);
    case ConvertedType::TIME_MICROS: return frame::time64(frame::TimeUnit::Micro);
    // The legacy converted timestamps are instants (adjusted to UTC).
    case ConvertedType::TIMESTAMP_MILLIS: return frame::timestamp(frame::TimeUnit::Milli, "UTC");
    case ConvertedType::TIMESTAMP_MICROS: return frame::timestamp(frame::TimeUnit::Micro, "UTC");
    default: return nullptr;
  }
}

struct DecimalShape {
  int precision = 0;
  int scale = 0;
};

std::optional<DecimalShape> decimal_shape(const SchemaNode& e) {
  if (const auto* d = logical_as<parquet::DecimalType>(e)) return DecimalShape{d->precision, d->scale};
  if (!e.logical_type && e.converted_type == ConvertedType::DECIMAL) {
    return DecimalShape{e.precision.value_or(0), e.scale.value_or(0)};
  }
  return std::nullopt;
}

// The JSON value of the canonical text of row 0 of a one-value column.
nlohmann::json canonical_json_of(const frame::Column& column) {
  std::string text;
  frame::append_canonical_value(text, column, 0);
  return nlohmann::json::parse(text);
}

template <class T>
std::optional<T> fixed_width(const std::string& bytes) {
  if (bytes.size() != sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, bytes.data(), sizeof(T));
  return value;
}

template <class T>
nlohmann::json temporal_json(const frame::TypePtr& type, T value) {
  frame::NumericBuilder<T> builder(type);
  builder.append(value);
  return canonical_json_of(builder.finish());
}

// A decimal stored as INT32 or INT64 (little-endian PLAIN) or as a big-endian two's
// complement FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY; nullopt when it does not fit 16 bytes.
std::optional<nlohmann::json> decimal_json(DecimalShape shape, Type type, const std::string& bytes) {
  if (shape.precision < 1 || shape.precision > 38 || shape.scale < 0 || shape.scale > shape.precision)
    return std::nullopt;
  int64_t small = 0;
  if (type == Type::INT32) {
    const auto v = fixed_width<int32_t>(bytes);
    if (!v) return std::nullopt;
    small = *v;
  } else if (type == Type::INT64) {
    const auto v = fixed_width<int64_t>(bytes);
    if (!v) return std::nullopt;
    small = *v;
  }
  uint8_t le[16];
  if (type == Type::INT32 || type == Type::INT64) {
    std::memcpy(le, &small, sizeof(small));
    std::memset(le + 8, small < 0 ? 0xff : 0, 8);
  } else if (type == Type::FIXED_LEN_BYTE_ARRAY || type == Type::BYTE_ARRAY) {
    if (bytes.empty() || bytes.size() > 16) return std::nullopt;
    const bool negative = (static_cast<uint8_t>(bytes[0]) & 0x80) != 0;
    std::memset(le, negative ? 0xff : 0, sizeof(le));
    for (size_t i = 0; i < bytes.size(); ++i) le[i] = static_cast<uint8_t>(bytes[bytes.size() - 1 - i]);
  } else {
    return std::nullopt;
  }
  frame::FixedSizeBinaryBuilder builder(frame::decimal128(shape.precision, shape.scale));
  builder.append(le);
  return canonical_json_of(builder.finish());
}

std::optional<nlohmann::json> logical_json(const SchemaNode& element, Type type, const std::string& bytes) {
  if (const frame::TypePtr temporal = temporal_type(element)) {
    if (type == Type::INT32) {
      if (const auto v = fixed_width<int32_t>(bytes)) return temporal_json(temporal, *v);
    } else if (type == Type::INT64) {
      if (const auto v = fixed_width<int64_t>(bytes)) return temporal_json(temporal, *v);
    }
    return std::nullopt;
  }
  if (const auto shape = decimal_shape(element)) return decimal_json(*shape, type, bytes);
  if (is_text(element)) {
    std::string text;
    frame::append_json_string(text, bytes);  // invalid UTF-8 becomes U+FFFD
    return nlohmann::json::parse(text);
  }
  return std::nullopt;
}

template <class T>
nlohmann::json canonical_number(T value) {
  std::string text;
  frame::append_canonical_number(text, value);
  return nlohmann::json::parse(text);
}

std::optional<nlohmann::json> physical_json(const SchemaNode* element, Type type, const std::string& bytes) {
  const bool unsigned_int = element && is_unsigned(*element);
  switch (type) {
    case Type::BOOLEAN:
      if (bytes.size() == 1) return nlohmann::json(bytes[0] != 0);
      break;
    case Type::INT32:
      if (auto v = fixed_width<int32_t>(bytes)) {
        return unsigned_int ? nlohmann::json(static_cast<uint32_t>(*v)) : nlohmann::json(*v);
      }
      break;
    case Type::INT64:
      if (auto v = fixed_width<int64_t>(bytes)) {
        return unsigned_int ? nlohmann::json(static_cast<uint64_t>(*v)) : nlohmann::json(*v);
      }
      break;
    case Type::FLOAT:
      if (auto v = fixed_width<float>(bytes)) return canonical_number(*v);
      break;
    case Type::DOUBLE:
      if (auto v = fixed_width<double>(bytes)) return canonical_number(*v);
      break;
    default: break;
  }
  return std::nullopt;
}

std::string hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "0x";
  for (const unsigned char c : bytes) {
    text.push_back(kHex[c >> 4]);
    text.push_back(kHex[c & 15]);
  }
  return text;
}

}  // namespace

nlohmann::json statistic_value(const SchemaNode* element, Type type, const std::string& bytes) {
  if (element) {
    if (auto value = logical_json(*element, type, bytes)) return *std::move(value);
  }
  if (auto value = physical_json(element, type, bytes)) return *std::move(value);
  return hex(bytes);
}

}  // namespace crv::cli
