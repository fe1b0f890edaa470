#include "frame/jsonl_column.hpp"

#include <crv/frame/error.hpp>

#include <fmt/format.h>

#include "frame/json_values.hpp"

namespace crv::frame::detail {

JsonScalar scalar_of(const nlohmann::json& value) {
  using Kind = JsonScalar::Kind;
  JsonScalar scalar;
  switch (value.type()) {
    case nlohmann::json::value_t::null: scalar.kind = Kind::Null; break;
    case nlohmann::json::value_t::boolean:
      scalar.kind = Kind::Bool;
      scalar.boolean = value.get<bool>();
      break;
    case nlohmann::json::value_t::number_integer:
      scalar.kind = Kind::Int;
      scalar.int_value = value.get<int64_t>();
      break;
    case nlohmann::json::value_t::number_unsigned:
      scalar.kind = Kind::UInt;
      scalar.uint_value = value.get<uint64_t>();
      break;
    case nlohmann::json::value_t::number_float:
      scalar.kind = Kind::Double;
      scalar.double_value = value.get<double>();
      break;
    case nlohmann::json::value_t::string:
      scalar.kind = Kind::String;
      scalar.string = value.get_ref<const std::string&>();
      break;
    default: scalar.kind = Kind::Nested; break;
  }
  return scalar;
}

JsonlColumn::JsonlColumn(std::string name, TypePtr type, bool nullable, Role role, int64_t rows_before)
    : name_(std::move(name)), type_(std::move(type)), nullable_(nullable), role_(role) {
  if (role_ != Role::Inferred) {
    switch (type_->id()) {
      case TypeId::Int64: fast_ = Fast::Int64; break;
      case TypeId::Float64: fast_ = Fast::Float64; break;
      case TypeId::String: fast_ = Fast::Utf8; break;
      default: break;
    }
  }
  // A hint of a type without a fast path is no hint: the column is inferred.
  if (role_ == Role::Hinted && fast_ == Fast::None) role_ = Role::Inferred;
  if (fast_ != Fast::None) {
    builder_ = ArrayBuilder::make(type_);
    builder_->append_nulls(rows_before);
  } else {
    values_.resize(static_cast<size_t>(rows_before));
  }
}

void JsonlColumn::append_json(nlohmann::json value) {
  if (fast_ != Fast::None) {
    if (append(scalar_of(value))) return;
    to_json_values();
  }
  values_.push_back(std::move(value));
}

void JsonlColumn::append_null() {
  if (fast_ != Fast::None) {
    builder_->append_null();
  } else {
    values_.emplace_back();
  }
}

void JsonlColumn::reserve(int64_t rows) {
  if (fast_ == Fast::None || rows <= 0) return;
  const int64_t so_far = builder_->length();
  builder_->reserve(rows);
  if (fast_ == Fast::Utf8 && so_far > 0)
    static_cast<StringBuilder&>(*builder_).reserve_data(string_bytes_ * rows / so_far + rows);
}

void JsonlColumn::to_json_values() {
  const Column built = builder_->finish();
  builder_.reset();
  values_.reserve(static_cast<size_t>(built.length()) + 1);
  for (int64_t row = 0; row < built.length(); ++row) {
    if (built.is_null(row)) {
      values_.emplace_back();
      continue;
    }
    switch (fast_) {
      case Fast::Int64: values_.emplace_back(built.value<int64_t>(row)); break;
      case Fast::Float64: {
        // Without a float read, every value was an integer (exact in the double).
        const double v = built.value<double>(row);
        if (role_ == Role::Hinted && !saw_float_) {
          values_.emplace_back(v >= 9223372036854775808.0 ? nlohmann::json(static_cast<uint64_t>(v))
                                                          : nlohmann::json(static_cast<int64_t>(v)));
        } else {
          values_.emplace_back(v);
        }
        break;
      }
      case Fast::Utf8: values_.emplace_back(std::string(built.string_value(row))); break;
      case Fast::None: break;
    }
  }
  fast_ = Fast::None;
  if (role_ == Role::Hinted) role_ = Role::Inferred;
}

std::pair<Field, Column> JsonlColumn::finish(const std::vector<int64_t>& lines) {
  if (fast_ != Fast::None) return {Field{name_, type_, role_ == Role::Exact ? nullable_ : true}, builder_->finish()};
  try {
    if (role_ == Role::Exact) return {Field{name_, type_, nullable_}, column_from_json_lines(values_, type_, lines)};
    TypePtr type = infer_json_lines_type(values_, lines);
    Column column = column_from_json_lines(values_, type, lines);
    return {Field{name_, std::move(type), true}, std::move(column)};
  } catch (const FrameError& e) {
    throw FrameError(fmt::format("JSONL column '{}': {}", name_, e.what()));
  }
}

}  // namespace crv::frame::detail
