#include <crv/frame/data_type.hpp>
#include <crv/frame/error.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <string>

namespace crv::frame {

std::string_view time_unit_suffix(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Second: return "s";
    case TimeUnit::Milli: return "ms";
    case TimeUnit::Micro: return "us";
    case TimeUnit::Nano: return "ns";
  }
  return "?";
}

std::string_view type_id_name(TypeId id) {
  switch (id) {
    case TypeId::Bool: return "Bool";
    case TypeId::Int8: return "Int8";
    case TypeId::Int16: return "Int16";
    case TypeId::Int32: return "Int32";
    case TypeId::Int64: return "Int64";
    case TypeId::UInt8: return "UInt8";
    case TypeId::UInt16: return "UInt16";
    case TypeId::UInt32: return "UInt32";
    case TypeId::UInt64: return "UInt64";
    case TypeId::Float32: return "Float32";
    case TypeId::Float64: return "Float64";
    case TypeId::Decimal128: return "Decimal128";
    case TypeId::Date32: return "Date32";
    case TypeId::Time32: return "Time32";
    case TypeId::Time64: return "Time64";
    case TypeId::Timestamp: return "Timestamp";
    case TypeId::Binary: return "Binary";
    case TypeId::String: return "String";
    case TypeId::FixedSizeBinary: return "FixedSizeBinary";
    case TypeId::Struct: return "Struct";
    case TypeId::List: return "List";
  }
  return "?";
}

bool Field::equals(const Field& other) const {
  return name == other.name && nullable == other.nullable && type_equals(type, other.type);
}

std::string Field::to_string() const {
  return name + ": " + (type ? type->to_string() : std::string("?")) + (nullable ? "" : " not null");
}

DataType::DataType(TypeId id, Params params) : id_(id), params_(std::move(params)) {
  switch (id_) {
    case TypeId::Decimal128:
      if (params_.precision < 1 || params_.precision > 38)
        throw FrameError(fmt::format("decimal128 precision must be in 1..38, got {}", params_.precision));
      if (params_.scale < 0 || params_.scale > params_.precision)
        throw FrameError(
            fmt::format("decimal128 scale must be in 0..precision ({}), got {}", params_.precision, params_.scale));
      break;
    case TypeId::Time32:
      if (params_.unit != TimeUnit::Second && params_.unit != TimeUnit::Milli)
        throw FrameError(fmt::format("time32 unit must be s or ms, got {}", time_unit_suffix(params_.unit)));
      break;
    case TypeId::Time64:
      if (params_.unit != TimeUnit::Micro && params_.unit != TimeUnit::Nano)
        throw FrameError(fmt::format("time64 unit must be us or ns, got {}", time_unit_suffix(params_.unit)));
      break;
    case TypeId::FixedSizeBinary:
      if (params_.width < 0)
        throw FrameError(fmt::format("fixed_size_binary width must be >= 0, got {}", params_.width));
      break;
    case TypeId::Struct:
      for (const Field& f : params_.fields)
        if (!f.type) throw FrameError("struct field '" + f.name + "' has no type");
      break;
    case TypeId::List:
      if (params_.fields.size() != 1 || !params_.fields[0].type)
        throw FrameError("list type needs exactly one typed item field");
      break;
    default: break;
  }
}

int DataType::bit_width() const {
  switch (id_) {
    case TypeId::Bool: return 1;
    case TypeId::Int8:
    case TypeId::UInt8: return 8;
    case TypeId::Int16:
    case TypeId::UInt16: return 16;
    case TypeId::Int32:
    case TypeId::UInt32:
    case TypeId::Float32:
    case TypeId::Date32:
    case TypeId::Time32: return 32;
    case TypeId::Int64:
    case TypeId::UInt64:
    case TypeId::Float64:
    case TypeId::Time64:
    case TypeId::Timestamp: return 64;
    case TypeId::Decimal128: return 128;
    case TypeId::FixedSizeBinary: return params_.width * 8;
    default: return 0;
  }
}

int DataType::byte_width() const { return id_ == TypeId::Bool ? 0 : bit_width() / 8; }

std::optional<size_t> DataType::field_index(std::string_view name) const {
  if (id_ != TypeId::Struct) return std::nullopt;
  for (size_t i = 0; i < params_.fields.size(); ++i)
    if (params_.fields[i].name == name) return i;
  return std::nullopt;
}

const Field& DataType::item_field() const {
  if (id_ != TypeId::List) throw FrameError("item_field() on non-list type " + to_string());
  return params_.fields[0];
}

const TypePtr& DataType::item_type() const { return item_field().type; }

bool DataType::is_integer() const { return id_ >= TypeId::Int8 && id_ <= TypeId::UInt64; }
bool DataType::is_signed_integer() const { return id_ >= TypeId::Int8 && id_ <= TypeId::Int64; }
bool DataType::is_unsigned_integer() const { return id_ >= TypeId::UInt8 && id_ <= TypeId::UInt64; }
bool DataType::is_floating() const { return id_ == TypeId::Float32 || id_ == TypeId::Float64; }
bool DataType::is_numeric() const { return is_integer() || is_floating(); }
bool DataType::is_fixed_width() const { return bit_width() > 0 || id_ == TypeId::FixedSizeBinary; }
bool DataType::is_binary_like() const { return id_ == TypeId::Binary || id_ == TypeId::String; }
bool DataType::is_nested() const { return id_ == TypeId::Struct || id_ == TypeId::List; }
bool DataType::is_temporal() const {
  return id_ == TypeId::Date32 || id_ == TypeId::Time32 || id_ == TypeId::Time64 || id_ == TypeId::Timestamp;
}

std::string DataType::to_string() const {
  switch (id_) {
    case TypeId::Bool: return "bool";
    case TypeId::Int8: return "i8";
    case TypeId::Int16: return "i16";
    case TypeId::Int32: return "i32";
    case TypeId::Int64: return "i64";
    case TypeId::UInt8: return "u8";
    case TypeId::UInt16: return "u16";
    case TypeId::UInt32: return "u32";
    case TypeId::UInt64: return "u64";
    case TypeId::Float32: return "f32";
    case TypeId::Float64: return "f64";
    case TypeId::Decimal128: return fmt::format("decimal({},{})", params_.precision, params_.scale);
    case TypeId::Date32: return "date";
    case TypeId::Time32: return fmt::format("time32[{}]", time_unit_suffix(params_.unit));
    case TypeId::Time64: return fmt::format("time64[{}]", time_unit_suffix(params_.unit));
    case TypeId::Timestamp:
      if (params_.timezone.empty()) return fmt::format("datetime[{}]", time_unit_suffix(params_.unit));
      return fmt::format("datetime[{}, {}]", time_unit_suffix(params_.unit), params_.timezone);
    case TypeId::Binary: return "binary";
    case TypeId::String: return "str";
    case TypeId::FixedSizeBinary: return fmt::format("fixed_size_binary[{}]", params_.width);
    case TypeId::Struct: {
      std::string out = "struct{";
      for (size_t i = 0; i < params_.fields.size(); ++i) {
        if (i > 0) out += ", ";
        out += params_.fields[i].name + ": " + params_.fields[i].type->to_string();
      }
      return out + "}";
    }
    case TypeId::List: return "list[" + params_.fields[0].type->to_string() + "]";
  }
  return "?";
}

bool DataType::equals(const DataType& other) const {
  if (this == &other) return true;
  if (id_ != other.id_) return false;
  switch (id_) {
    case TypeId::Decimal128:
      return params_.precision == other.params_.precision && params_.scale == other.params_.scale;
    case TypeId::Time32:
    case TypeId::Time64: return params_.unit == other.params_.unit;
    case TypeId::Timestamp: return params_.unit == other.params_.unit && params_.timezone == other.params_.timezone;
    case TypeId::FixedSizeBinary: return params_.width == other.params_.width;
    case TypeId::Struct:
    case TypeId::List:
      if (params_.fields.size() != other.params_.fields.size()) return false;
      for (size_t i = 0; i < params_.fields.size(); ++i)
        if (!params_.fields[i].equals(other.params_.fields[i])) return false;
      return true;
    default: return true;
  }
}

std::string DataType::arrow_format() const {
  switch (id_) {
    case TypeId::Bool: return "b";
    case TypeId::Int8: return "c";
    case TypeId::Int16: return "s";
    case TypeId::Int32: return "i";
    case TypeId::Int64: return "l";
    case TypeId::UInt8: return "C";
    case TypeId::UInt16: return "S";
    case TypeId::UInt32: return "I";
    case TypeId::UInt64: return "L";
    case TypeId::Float32: return "f";
    case TypeId::Float64: return "g";
    case TypeId::Decimal128: return fmt::format("d:{},{}", params_.precision, params_.scale);
    case TypeId::Date32: return "tdD";
    case TypeId::Time32: return params_.unit == TimeUnit::Second ? "tts" : "ttm";
    case TypeId::Time64: return params_.unit == TimeUnit::Micro ? "ttu" : "ttn";
    case TypeId::Timestamp: {
      static constexpr const char* kUnits[] = {"tss:", "tsm:", "tsu:", "tsn:"};
      return kUnits[static_cast<int>(params_.unit)] + params_.timezone;
    }
    case TypeId::Binary: return "z";
    case TypeId::String: return "u";
    case TypeId::FixedSizeBinary: return fmt::format("w:{}", params_.width);
    case TypeId::Struct: return "+s";
    case TypeId::List: return "+l";
  }
  return "?";
}

bool type_equals(const TypePtr& a, const TypePtr& b) {
  if (!a || !b) return !a && !b;
  return a->equals(*b);
}

namespace {
TypePtr make_simple(TypeId id) { return std::make_shared<const DataType>(id, DataType::Params{}); }
}  // namespace

#define CRV_FRAME_SIMPLE_TYPE(fn, id)         \
  TypePtr fn() {                              \
    static const TypePtr t = make_simple(id); \
    return t;                                 \
  }
CRV_FRAME_SIMPLE_TYPE(boolean, TypeId::Bool)
CRV_FRAME_SIMPLE_TYPE(int8, TypeId::Int8)
CRV_FRAME_SIMPLE_TYPE(int16, TypeId::Int16)
CRV_FRAME_SIMPLE_TYPE(int32, TypeId::Int32)
CRV_FRAME_SIMPLE_TYPE(int64, TypeId::Int64)
CRV_FRAME_SIMPLE_TYPE(uint8, TypeId::UInt8)
CRV_FRAME_SIMPLE_TYPE(uint16, TypeId::UInt16)
CRV_FRAME_SIMPLE_TYPE(uint32, TypeId::UInt32)
CRV_FRAME_SIMPLE_TYPE(uint64, TypeId::UInt64)
CRV_FRAME_SIMPLE_TYPE(float32, TypeId::Float32)
CRV_FRAME_SIMPLE_TYPE(float64, TypeId::Float64)
CRV_FRAME_SIMPLE_TYPE(date32, TypeId::Date32)
CRV_FRAME_SIMPLE_TYPE(binary, TypeId::Binary)
CRV_FRAME_SIMPLE_TYPE(utf8, TypeId::String)
#undef CRV_FRAME_SIMPLE_TYPE

TypePtr decimal128(int precision, int scale) {
  DataType::Params p;
  p.precision = precision;
  p.scale = scale;
  return std::make_shared<const DataType>(TypeId::Decimal128, std::move(p));
}

TypePtr time32(TimeUnit unit) {
  DataType::Params p;
  p.unit = unit;
  return std::make_shared<const DataType>(TypeId::Time32, std::move(p));
}

TypePtr time64(TimeUnit unit) {
  DataType::Params p;
  p.unit = unit;
  return std::make_shared<const DataType>(TypeId::Time64, std::move(p));
}

TypePtr timestamp(TimeUnit unit, std::string timezone) {
  DataType::Params p;
  p.unit = unit;
  p.timezone = std::move(timezone);
  return std::make_shared<const DataType>(TypeId::Timestamp, std::move(p));
}

TypePtr fixed_size_binary(int width) {
  DataType::Params p;
  p.width = width;
  return std::make_shared<const DataType>(TypeId::FixedSizeBinary, std::move(p));
}

TypePtr struct_(std::vector<Field> fields) {
  DataType::Params p;
  p.fields = std::move(fields);
  return std::make_shared<const DataType>(TypeId::Struct, std::move(p));
}

TypePtr list(TypePtr item, bool item_nullable) { return list(Field{"item", std::move(item), item_nullable}); }

TypePtr list(Field item) {
  DataType::Params p;
  p.fields.push_back(std::move(item));
  return std::make_shared<const DataType>(TypeId::List, std::move(p));
}

template <>
TypePtr type_of<bool>() {
  return boolean();
}
template <>
TypePtr type_of<int8_t>() {
  return int8();
}
template <>
TypePtr type_of<int16_t>() {
  return int16();
}
template <>
TypePtr type_of<int32_t>() {
  return int32();
}
template <>
TypePtr type_of<int64_t>() {
  return int64();
}
template <>
TypePtr type_of<uint8_t>() {
  return uint8();
}
template <>
TypePtr type_of<uint16_t>() {
  return uint16();
}
template <>
TypePtr type_of<uint32_t>() {
  return uint32();
}
template <>
TypePtr type_of<uint64_t>() {
  return uint64();
}
template <>
TypePtr type_of<float>() {
  return float32();
}
template <>
TypePtr type_of<double>() {
  return float64();
}
template <>
TypePtr type_of<std::string>() {
  return utf8();
}

}  // namespace crv::frame
