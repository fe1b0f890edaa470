#pragma once
// Read-only views of a parsed JSON value, the one interface the manifest's decoder
// (TableManifest from JSON, manifest.cpp) is written against, over two parsers: nlohmann's
// value (TableManifest::from_json, the public entry) and simdjson's DOM (parse_manifest, the
// path every read and append takes: a stream's manifest lists hundreds to thousands of
// partitions, and simdjson parses them several times faster).
//
// Both views give the decoder the same answers: nlohmann's type names in errors, and the
// last of duplicate keys (nlohmann keeps the last value of a repeated key; simdjson's DOM
// keeps every member, so the views look up and list members as nlohmann would).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>
#include <nlohmann/json.hpp>

namespace crv::io::detail {

class NlohmannJsonValue {
 public:
  explicit NlohmannJsonValue(const nlohmann::json& value) : value_(&value) {}

  [[nodiscard]] std::string type_name() const { return value_->type_name(); }
  [[nodiscard]] bool is_object() const { return value_->is_object(); }
  [[nodiscard]] bool is_array() const { return value_->is_array(); }
  [[nodiscard]] bool is_string() const { return value_->is_string(); }
  [[nodiscard]] bool is_null() const { return value_->is_null(); }
  [[nodiscard]] bool is_integer() const { return value_->is_number_integer(); }
  /// An integer above INT64_MAX (only unsigned integers can be).
  [[nodiscard]] bool exceeds_int64() const {
    return value_->is_number_unsigned() && value_->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
  }
  [[nodiscard]] std::int64_t as_int64() const { return value_->get<std::int64_t>(); }
  [[nodiscard]] std::string as_string() const { return value_->get<std::string>(); }

  /// The member `key` of an object.
  [[nodiscard]] std::optional<NlohmannJsonValue> find(std::string_view key) const {
    const auto it = value_->find(key);
    if (it == value_->end()) return std::nullopt;
    return NlohmannJsonValue(*it);
  }
  /// The elements of an array.
  [[nodiscard]] std::vector<NlohmannJsonValue> elements() const {
    std::vector<NlohmannJsonValue> out;
    out.reserve(value_->size());
    for (const nlohmann::json& item : *value_) out.emplace_back(item);
    return out;
  }
  /// The members of an object, by key.
  [[nodiscard]] std::vector<std::pair<std::string, NlohmannJsonValue>> members() const {
    std::vector<std::pair<std::string, NlohmannJsonValue>> out;
    for (const auto& [key, item] : value_->items()) out.emplace_back(key, NlohmannJsonValue(item));
    return out;
  }

 private:
  const nlohmann::json* value_;
};

class SimdJsonValue {
 public:
  explicit SimdJsonValue(simdjson::dom::element value) : value_(value) {}

  [[nodiscard]] std::string type_name() const {
    using Type = simdjson::dom::element_type;
    switch (value_.type()) {
      case Type::OBJECT: return "object";
      case Type::ARRAY: return "array";
      case Type::STRING: return "string";
      case Type::BOOL: return "boolean";
      case Type::NULL_VALUE: return "null";
      default: return "number";
    }
  }
  [[nodiscard]] bool is_object() const { return value_.is_object(); }
  [[nodiscard]] bool is_array() const { return value_.is_array(); }
  [[nodiscard]] bool is_string() const { return value_.is_string(); }
  [[nodiscard]] bool is_null() const { return value_.is_null(); }
  [[nodiscard]] bool is_integer() const { return value_.is_int64() || value_.is_uint64(); }
  [[nodiscard]] bool exceeds_int64() const { return !value_.is_int64() && value_.is_uint64(); }
  [[nodiscard]] std::int64_t as_int64() const { return value_.get_int64().value_unsafe(); }
  [[nodiscard]] std::string as_string() const { return std::string(value_.get_string().value_unsafe()); }

  [[nodiscard]] std::optional<SimdJsonValue> find(std::string_view key) const {
    std::optional<SimdJsonValue> found;
    const std::optional<simdjson::dom::object> members = object();
    if (!members) return found;
    for (const simdjson::dom::key_value_pair member : *members) {
      if (member.key == key) found = SimdJsonValue(member.value);  // the last one, as nlohmann keeps
    }
    return found;
  }
  [[nodiscard]] std::vector<SimdJsonValue> elements() const {
    std::vector<SimdJsonValue> out;
    simdjson::dom::array items;
    if (value_.get_array().get(items) != simdjson::SUCCESS) return out;  // callers check is_array() first
    out.reserve(items.size());
    for (const simdjson::dom::element item : items) out.emplace_back(item);
    return out;
  }
  [[nodiscard]] std::vector<std::pair<std::string, SimdJsonValue>> members() const {
    std::map<std::string_view, simdjson::dom::element> by_key;  // sorted, last duplicate kept
    if (const std::optional<simdjson::dom::object> members = object()) {
      for (const simdjson::dom::key_value_pair member : *members) by_key.insert_or_assign(member.key, member.value);
    }
    std::vector<std::pair<std::string, SimdJsonValue>> out;
    out.reserve(by_key.size());
    for (const auto& [key, item] : by_key) out.emplace_back(std::string(key), SimdJsonValue(item));
    return out;
  }

 private:
  // The object this value is, nullopt when it is not one. A local: value_unsafe() of a
  // temporary result in a range-for would dangle.
  [[nodiscard]] std::optional<simdjson::dom::object> object() const {
    simdjson::dom::object members;
    if (value_.get_object().get(members) != simdjson::SUCCESS) return std::nullopt;
    return members;
  }

  simdjson::dom::element value_;
};

}  // namespace crv::io::detail
