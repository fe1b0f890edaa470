#include <crv/frame/builder.hpp>
#include <crv/frame/json.hpp>

#include "frame/json_values.hpp"
#include "frame/value_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace crv::frame {
namespace {

using nlohmann::json;

[[noreturn]] void bad_value(const json& value, const DataType& type, const std::string& where) {
  throw FrameError(fmt::format("{}: cannot convert JSON value {} to {}", where, value.dump(), type.to_string()));
}

template <class T>
T json_integer(const json& value, const DataType& type, const std::string& where) {
  if (value.is_number_unsigned()) {
    const auto v = value.get<uint64_t>();
    if (std::in_range<T>(v)) return static_cast<T>(v);
  } else if (value.is_number_integer()) {
    const auto v = value.get<int64_t>();
    if (std::in_range<T>(v)) return static_cast<T>(v);
  } else if (value.is_number_float()) {
    const double d = value.get<double>();
    const double upper = std::ldexp(1.0, std::numeric_limits<T>::digits);
    const double lower = std::is_signed_v<T> ? -upper : 0.0;
    if (std::isfinite(d) && d == std::trunc(d) && d >= lower && d < upper) return static_cast<T>(d);
  }
  bad_value(value, type, where);
}

template <class T>
T json_float(const json& value, const DataType& type, const std::string& where) {
  if (value.is_number()) return value.get<T>();
  if (value.is_string()) {
    const auto& s = value.get_ref<const std::string&>();
    if (s == "NaN" || s == "nan") return std::numeric_limits<T>::quiet_NaN();
    if (s == "Infinity" || s == "inf") return std::numeric_limits<T>::infinity();
    if (s == "-Infinity" || s == "-inf") return -std::numeric_limits<T>::infinity();
  }
  bad_value(value, type, where);
}

template <class T>
void append_integer(ArrayBuilder& builder, const json& value, const DataType& type, const std::string& where) {
  static_cast<NumericBuilder<T>&>(builder).append(json_integer<T>(value, type, where));
}

/// Appends one JSON value to a builder made by ArrayBuilder::make(type).
void append_json(ArrayBuilder& builder, const json& value, const DataType& type, const std::string& where) {
  if (value.is_null()) {
    builder.append_null();
    return;
  }
  switch (type.id()) {
    case TypeId::Bool:
      if (!value.is_boolean()) bad_value(value, type, where);
      static_cast<BoolBuilder&>(builder).append(value.get<bool>());
      return;
    case TypeId::Int8: append_integer<int8_t>(builder, value, type, where); return;
    case TypeId::Int16: append_integer<int16_t>(builder, value, type, where); return;
    case TypeId::Int32: append_integer<int32_t>(builder, value, type, where); return;
    case TypeId::Int64: append_integer<int64_t>(builder, value, type, where); return;
    case TypeId::UInt8: append_integer<uint8_t>(builder, value, type, where); return;
    case TypeId::UInt16: append_integer<uint16_t>(builder, value, type, where); return;
    case TypeId::UInt32: append_integer<uint32_t>(builder, value, type, where); return;
    case TypeId::UInt64: append_integer<uint64_t>(builder, value, type, where); return;
    case TypeId::Float32: static_cast<Float32Builder&>(builder).append(json_float<float>(value, type, where)); return;
    case TypeId::Float64: static_cast<Float64Builder&>(builder).append(json_float<double>(value, type, where)); return;
    case TypeId::Decimal128: {
      const std::string text = value.is_string()   ? value.get<std::string>()
                               : value.is_number() ? value.dump()
                                                   : std::string();
      uint8_t bytes[16];
      if (!detail::parse_decimal128(text, type.precision(), type.scale(), bytes)) bad_value(value, type, where);
      static_cast<FixedSizeBinaryBuilder&>(builder).append(bytes);
      return;
    }
    case TypeId::Date32: {
      if (value.is_number()) {
        append_integer<int32_t>(builder, value, type, where);
        return;
      }
      const auto days = value.is_string() ? detail::parse_date(value.get_ref<const std::string&>()) : std::nullopt;
      if (!days || !std::in_range<int32_t>(*days)) bad_value(value, type, where);
      static_cast<Int32Builder&>(builder).append(static_cast<int32_t>(*days));
      return;
    }
    case TypeId::Time32:
    case TypeId::Time64:
    case TypeId::Timestamp: {
      const bool narrow = type.id() == TypeId::Time32;
      int64_t ticks = 0;
      if (value.is_number()) {
        ticks = json_integer<int64_t>(value, type, where);
      } else {
        const auto parsed = !value.is_string() ? std::nullopt
                            : type.id() == TypeId::Timestamp
                                ? detail::parse_timestamp(value.get_ref<const std::string&>(), type.unit())
                                : detail::parse_time_of_day(value.get_ref<const std::string&>(), type.unit());
        if (!parsed) bad_value(value, type, where);
        ticks = *parsed;
      }
      if (narrow) {
        if (!std::in_range<int32_t>(ticks)) bad_value(value, type, where);
        static_cast<Int32Builder&>(builder).append(static_cast<int32_t>(ticks));
      } else {
        static_cast<Int64Builder&>(builder).append(ticks);
      }
      return;
    }
    case TypeId::Binary:
    case TypeId::String:
      if (!value.is_string()) bad_value(value, type, where);
      static_cast<BinaryBuilder&>(builder).append(value.get_ref<const std::string&>());
      return;
    case TypeId::FixedSizeBinary:
      if (!value.is_string() || value.get_ref<const std::string&>().size() != static_cast<size_t>(type.byte_width()))
        bad_value(value, type, where);
      static_cast<FixedSizeBinaryBuilder&>(builder).append(value.get_ref<const std::string&>());
      return;
    case TypeId::Struct: {
      if (!value.is_object()) bad_value(value, type, where);
      auto& struct_builder = static_cast<StructBuilder&>(builder);
      for (int k = 0; k < type.num_fields(); ++k) {
        const Field& f = type.fields()[static_cast<size_t>(k)];
        auto it = value.find(f.name);
        if (it == value.end()) {
          struct_builder.child(k).append_null();
        } else {
          append_json(struct_builder.child(k), *it, *f.type, where + "." + f.name);
        }
      }
      struct_builder.append(true);
      return;
    }
    case TypeId::List: {
      if (!value.is_array()) bad_value(value, type, where);
      auto& list_builder = static_cast<ListBuilder&>(builder);
      list_builder.append();
      const DataType& item_type = *type.item_type();
      size_t i = 0;
      for (const json& item : value)
        append_json(list_builder.items(), item, item_type, fmt::format("{}[{}]", where, i++));
      return;
    }
  }
  bad_value(value, type, where);
}

// ---- inference ----

enum class JsonKind { Null, Bool, Int, Float, String, Object, Array };

struct InferredField;
struct Inferred {
  JsonKind kind = JsonKind::Null;
  std::vector<InferredField> fields;  // Object
  std::vector<Inferred> item;         // Array: zero or one entry
};
// Not a std::pair: clang rejects a pair holding the still incomplete Inferred.
struct InferredField {
  std::string first;
  Inferred second;
};

const char* kind_name(JsonKind kind) {
  switch (kind) {
    case JsonKind::Null: return "null";
    case JsonKind::Bool: return "bool";
    case JsonKind::Int: return "integer";
    case JsonKind::Float: return "number";
    case JsonKind::String: return "string";
    case JsonKind::Object: return "object";
    case JsonKind::Array: return "array";
  }
  return "?";
}

void unify(Inferred& into, const json& value, const std::string& where) {
  JsonKind kind = JsonKind::Null;
  if (value.is_null()) return;
  if (value.is_boolean())
    kind = JsonKind::Bool;
  else if (value.is_number_integer())
    kind = JsonKind::Int;
  else if (value.is_number())
    kind = JsonKind::Float;
  else if (value.is_string())
    kind = JsonKind::String;
  else if (value.is_object())
    kind = JsonKind::Object;
  else
    kind = JsonKind::Array;

  if (into.kind == JsonKind::Null) {
    into.kind = kind;
  } else if ((into.kind == JsonKind::Int && kind == JsonKind::Float) ||
             (into.kind == JsonKind::Float && kind == JsonKind::Int)) {
    into.kind = JsonKind::Float;
  } else if (into.kind != kind) {
    throw FrameError(fmt::format("{}: cannot unify JSON {} with {} (value {})", where, kind_name(into.kind),
                                 kind_name(kind), value.dump()));
  }
  if (kind == JsonKind::Object) {
    for (const auto& [key, child] : value.items()) {
      auto it = std::find_if(into.fields.begin(), into.fields.end(),
                             [&name = key](const auto& f) {  // clang 14 cannot capture a binding
                               return f.first == name;
                             });
      if (it == into.fields.end()) {
        into.fields.push_back(InferredField{key, Inferred{}});
        it = into.fields.end() - 1;
      }
      unify(it->second, child, where + "." + key);
    }
  } else if (kind == JsonKind::Array) {
    if (into.item.empty()) into.item.emplace_back();
    for (const json& item : value) unify(into.item[0], item, where + "[]");
  }
}

TypePtr to_type(const Inferred& inferred) {
  switch (inferred.kind) {
    case JsonKind::Null:
    case JsonKind::String: return utf8();
    case JsonKind::Bool: return boolean();
    case JsonKind::Int: return int64();
    case JsonKind::Float: return float64();
    case JsonKind::Object: {
      std::vector<Field> fields;
      for (const auto& [name, child] : inferred.fields) fields.push_back(Field{name, to_type(child), true});
      return struct_(std::move(fields));
    }
    case JsonKind::Array: return list(inferred.item.empty() ? utf8() : to_type(inferred.item[0]));
  }
  return utf8();
}

using ordered_json = nlohmann::ordered_json;

ordered_json float_to_json(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return v;
}

/// The double nearest to the shortest decimal that round-trips `v` as a float.
ordered_json float32_to_json(float v) {
  if (!std::isfinite(v)) return float_to_json(static_cast<double>(v));
  char buffer[32];
  const auto printed = std::to_chars(buffer, buffer + sizeof(buffer), v);
  double widened = 0;
  std::from_chars(buffer, printed.ptr, widened);
  return widened;
}

/// How messages name value i: "row i", or "line n" for the rows of a JSONL file (`lines`
/// maps rows to their 1-based line numbers; blank lines have no row).
std::string label(size_t i, const std::vector<int64_t>* lines) {
  return lines ? fmt::format("line {}", (*lines)[i]) : fmt::format("row {}", i);
}

Column column_from_values(const std::vector<nlohmann::json>& values, const TypePtr& type,
                          const std::vector<int64_t>* lines) {
  auto builder = ArrayBuilder::make(type);
  builder->reserve(static_cast<int64_t>(values.size()));
  for (size_t i = 0; i < values.size(); ++i) append_json(*builder, values[i], *type, label(i, lines));
  return builder->finish();
}

TypePtr infer_values_type(const std::vector<nlohmann::json>& values, const std::vector<int64_t>* lines) {
  Inferred inferred;
  for (size_t i = 0; i < values.size(); ++i) unify(inferred, values[i], label(i, lines));
  return to_type(inferred);
}

}  // namespace

Column column_from_json(const std::vector<nlohmann::json>& values, const TypePtr& type) {
  return column_from_values(values, type, nullptr);
}

TypePtr infer_type(const std::vector<nlohmann::json>& values) { return infer_values_type(values, nullptr); }

namespace detail {

Column column_from_json_lines(const std::vector<nlohmann::json>& values, const TypePtr& type,
                              const std::vector<int64_t>& lines) {
  return column_from_values(values, type, &lines);
}

TypePtr infer_json_lines_type(const std::vector<nlohmann::json>& values, const std::vector<int64_t>& lines) {
  return infer_values_type(values, &lines);
}

}  // namespace detail

nlohmann::ordered_json value_to_json(const Column& column, int64_t row) {
  if (row < 0 || row >= column.length())
    throw FrameError(fmt::format("value_to_json: row {} out of range for {} rows", row, column.length()));
  if (column.is_null(row)) return nullptr;
  const DataType& type = *column.type();
  switch (type.id()) {
    case TypeId::Bool: return column.bool_value(row);
    case TypeId::Int8: return column.value<int8_t>(row);
    case TypeId::Int16: return column.value<int16_t>(row);
    case TypeId::Int32: return column.value<int32_t>(row);
    case TypeId::Int64: return column.value<int64_t>(row);
    case TypeId::UInt8: return column.value<uint8_t>(row);
    case TypeId::UInt16: return column.value<uint16_t>(row);
    case TypeId::UInt32: return column.value<uint32_t>(row);
    case TypeId::UInt64: return column.value<uint64_t>(row);
    case TypeId::Float32: return float32_to_json(column.value<float>(row));
    case TypeId::Float64: return float_to_json(column.value<double>(row));
    case TypeId::Decimal128:
      return detail::format_decimal128(reinterpret_cast<const uint8_t*>(column.string_value(row).data()), type.scale());
    case TypeId::Date32: return detail::format_date(column.value<int32_t>(row));
    case TypeId::Time32: return detail::format_time_of_day(column.value<int32_t>(row), type.unit());
    case TypeId::Time64: return detail::format_time_of_day(column.value<int64_t>(row), type.unit());
    case TypeId::Timestamp:
      return detail::format_timestamp(column.value<int64_t>(row), type.unit(), 'T') +
             (type.timezone().empty() ? "" : "Z");
    case TypeId::String: return std::string(column.string_value(row));
    case TypeId::Binary:
    case TypeId::FixedSizeBinary: return detail::base64_encode(column.string_value(row));
    case TypeId::Struct: {
      ordered_json object = ordered_json::object();
      for (int k = 0; k < column.num_children(); ++k)
        object[type.fields()[static_cast<size_t>(k)].name] = value_to_json(column.child(k), row);
      return object;
    }
    case TypeId::List: {
      ordered_json array = ordered_json::array();
      const int32_t* offsets = column.list_offsets();
      const Column items = column.list_items();
      for (int32_t j = offsets[row]; j < offsets[row + 1]; ++j) array.push_back(value_to_json(items, j));
      return array;
    }
  }
  return nullptr;
}

std::vector<nlohmann::ordered_json> frame_to_json_rows(const Frame& frame) {
  std::vector<ordered_json> rows;
  rows.reserve(static_cast<size_t>(frame.num_rows()));
  for (int64_t r = 0; r < frame.num_rows(); ++r) {
    ordered_json object = ordered_json::object();
    for (size_t c = 0; c < frame.num_columns(); ++c) object[frame.schema()[c].name] = value_to_json(frame.column(c), r);
    rows.push_back(std::move(object));
  }
  return rows;
}

}  // namespace crv::frame
