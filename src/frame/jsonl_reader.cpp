#include <crv/frame/error.hpp>
#include <crv/frame/json.hpp>
#include <crv/frame/jsonl_chunk_reader.hpp>
#include <crv/frame/jsonl_reader.hpp>
#include <crv/frame/limits.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "frame/jsonl_column.hpp"
#include "frame/jsonl_line.hpp"
#include "frame/jsonl_line_source.hpp"
#include "frame/jsonl_range.hpp"

namespace crv::frame {
namespace {

using detail::JsonlColumn;
using detail::JsonScalar;

static_assert(detail::kLinePadding >= simdjson::SIMDJSON_PADDING);

/// Thrown where simdjson accepted what nlohmann's parser, and so crv-io, refuses (a key twice
/// in an object, nesting past the limit): the line is parsed again by nlohmann for the error.
struct ReparseLine {};

JsonScalar scalar_of_element(simdjson::dom::element value) {
  using Kind = JsonScalar::Kind;
  using Type = simdjson::dom::element_type;
  JsonScalar scalar;
  switch (value.type()) {
    case Type::INT64:
      scalar.kind = Kind::Int;
      scalar.int_value = value.get_int64().value_unsafe();
      break;
    case Type::UINT64:
      scalar.kind = Kind::UInt;
      scalar.uint_value = value.get_uint64().value_unsafe();
      break;
    case Type::DOUBLE:
      scalar.kind = Kind::Double;
      scalar.double_value = value.get_double().value_unsafe();
      break;
    case Type::STRING:
      scalar.kind = Kind::String;
      scalar.string = value.get_string().value_unsafe();
      break;
    case Type::BOOL:
      scalar.kind = Kind::Bool;
      scalar.boolean = value.get_bool().value_unsafe();
      break;
    case Type::NULL_VALUE: scalar.kind = Kind::Null; break;
    case Type::ARRAY:
    case Type::OBJECT: scalar.kind = Kind::Nested; break;
  }
  return scalar;
}

nlohmann::json json_of_scalar(const JsonScalar& scalar) {
  switch (scalar.kind) {
    case JsonScalar::Kind::Bool: return scalar.boolean;
    case JsonScalar::Kind::Int: return scalar.int_value;
    case JsonScalar::Kind::UInt: return scalar.uint_value;
    case JsonScalar::Kind::Double: return scalar.double_value;
    case JsonScalar::Kind::String: return std::string(scalar.string);
    default: return nullptr;
  }
}

/// A nested value as nlohmann JSON (objects keyed in sorted order, as frame_from_jsonl has
/// always held them). `level` counts objects and arrays as parse_jsonl_line does: a column's
/// value is level 1.
nlohmann::json json_of_element(simdjson::dom::element value, int level) {
  const JsonScalar scalar = scalar_of_element(value);
  if (scalar.kind != JsonScalar::Kind::Nested) return json_of_scalar(scalar);
  if (level > kMaxNestingDepth) throw ReparseLine{};
  if (value.type() == simdjson::dom::element_type::ARRAY) {
    nlohmann::json array = nlohmann::json::array();
    const simdjson::dom::array items = value.get_array().value_unsafe();  // not in the for: it would dangle
    for (simdjson::dom::element item : items) array.push_back(json_of_element(item, level + 1));
    return array;
  }
  nlohmann::json object = nlohmann::json::object();
  auto& fields = object.get_ref<nlohmann::json::object_t&>();
  const simdjson::dom::object members = value.get_object().value_unsafe();
  for (simdjson::dom::key_value_pair field : members) {
    if (!fields.emplace(std::string(field.key), json_of_element(field.value, level + 1)).second) throw ReparseLine{};
  }
  return object;
}

struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
};

/// The state of one read: the columns so far and the rows' line numbers.
class JsonlRead {
 public:
  explicit JsonlRead(const JsonlSchema& schema) : schema_(schema) {
    if (schema_.mode == JsonlSchema::Mode::Exact) {
      for (const Field& field : schema_.fields)
        add_column(field.name, field.type, field.nullable, JsonlColumn::Role::Exact);
    }
  }

  void read_line(std::string_view text, int64_t number) {
    if (!read_with_simdjson(text)) read_with_nlohmann(text, number);
    end_row(number);
  }

  int64_t rows() const { return rows_; }

  /// Makes room for `rows` rows in all, so the columns grow without copying (the estimate
  /// may be high: room not written to costs no memory).
  void reserve(int64_t rows) {
    for (JsonlColumn& column : columns_) column.reserve(rows - rows_);
  }

  Frame finish() {
    std::vector<Field> fields;
    std::vector<Column> columns;
    for (JsonlColumn& column : columns_) {
      auto [field, values] = column.finish(lines_);
      fields.push_back(std::move(field));
      columns.push_back(std::move(values));
    }
    return Frame::make(std::move(fields), std::move(columns));
  }

 private:
  static constexpr size_t kIgnored = static_cast<size_t>(-1);

  /// One value of the line being read, held until the whole line is known good.
  struct Pending {
    size_t column;
    JsonScalar scalar;
    size_t nested;  // Nested: its index in nested_
  };

  size_t add_column(const std::string& name, const TypePtr& type, bool nullable, JsonlColumn::Role role) {
    by_name_.emplace(name, columns_.size());
    columns_.emplace_back(name, type, nullable, role, rows_);
    stamps_.push_back(0);
    return columns_.size() - 1;
  }

  /// The column of a key, made when first seen (Infer mode), or kIgnored (Exact mode).
  size_t column_for(std::string_view key) {
    // Lines mostly list their keys in one order: try the column after the last one first.
    if (guess_ < columns_.size() && columns_[guess_].name() == key) return guess_++;
    if (auto it = by_name_.find(key); it != by_name_.end()) {
      guess_ = it->second + 1;
      return it->second;
    }
    if (schema_.mode == JsonlSchema::Mode::Exact) return kIgnored;
    for (const Field& hint : schema_.fields) {
      if (hint.name == key) return add_column(hint.name, hint.type, true, JsonlColumn::Role::Hinted);
    }
    return add_column(std::string(key), utf8(), true, JsonlColumn::Role::Inferred);
  }

  /// Reads the line with simdjson; false when nlohmann's parser must judge it.
  bool read_with_simdjson(std::string_view text) {
    simdjson::dom::element root;
    if (parser_.parse(text.data(), text.size(), false).get(root) != simdjson::SUCCESS) return false;
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) return false;
    pending_.clear();
    if (!nested_.empty()) nested_.clear();
    ignored_.clear();
    try {
      for (simdjson::dom::key_value_pair field : object) take_field(field.key, field.value);
    } catch (const ReparseLine&) {
      ++stamp_;  // forget which columns this attempt filled
      return false;
    }
    for (Pending& value : pending_) {
      JsonlColumn& column = columns_[value.column];
      if (value.scalar.kind == JsonScalar::Kind::Nested) {
        column.append_json(std::move(nested_[value.nested]));
      } else if (!column.append(value.scalar)) {
        column.append_json(json_of_scalar(value.scalar));
      }
    }
    return true;
  }

  void take_field(std::string_view key, simdjson::dom::element value) {
    const size_t c = column_for(key);
    if (c == kIgnored) {
      // Not kept, but checked as nlohmann's parser checks every value.
      for (std::string_view seen : ignored_) {
        if (seen == key) throw ReparseLine{};
      }
      ignored_.push_back(key);
      json_of_element(value, 1);
      return;
    }
    if (stamps_[c] == stamp_) throw ReparseLine{};  // the key twice
    stamps_[c] = stamp_;
    Pending& pending = pending_.emplace_back(Pending{c, scalar_of_element(value), 0});
    if (pending.scalar.kind == JsonScalar::Kind::Nested) {
      pending.nested = nested_.size();
      nested_.push_back(json_of_element(value, 1));
    }
  }

  /// The line as parse_jsonl_line reads it: its error, or its value (an integer beyond 64
  /// bits, which simdjson refuses, is a float there).
  void read_with_nlohmann(std::string_view text, int64_t number) {
    const nlohmann::ordered_json parsed = detail::parse_jsonl_line(text, number);
    if (!parsed.is_object())
      throw FrameError(fmt::format("JSONL line {}: expected an object, got {}", number, parsed.type_name()));
    for (const auto& [key, value] : parsed.items()) {
      const size_t c = column_for(key);
      if (c == kIgnored) continue;
      stamps_[c] = stamp_;
      columns_[c].append_json(nlohmann::json(value));
    }
  }

  void end_row(int64_t number) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (stamps_[c] != stamp_) columns_[c].append_null();
    }
    lines_.push_back(number);
    ++rows_;
    ++stamp_;
    guess_ = 0;
  }

  const JsonlSchema& schema_;
  simdjson::dom::parser parser_;
  std::vector<JsonlColumn> columns_;
  std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> by_name_;
  std::vector<uint64_t> stamps_;  // per column: the attempt (stamp_) that last gave it a value
  uint64_t stamp_ = 1;
  size_t guess_ = 0;
  std::vector<Pending> pending_;
  std::vector<nlohmann::json> nested_;     // the line's nested values, until the line is known good
  std::vector<std::string_view> ignored_;  // keys of the line that no column takes (Exact mode)
  int64_t rows_ = 0;
  std::vector<int64_t> lines_;  // the line of each row, for the messages
};

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

}  // namespace

namespace detail {

std::int64_t read_jsonl_frames(std::istream& input, std::uint64_t max_bytes, const JsonlSchema& schema,
                               const JsonlReadOptions& options, std::uint64_t frame_bytes,
                               const std::function<void(JsonlChunk)>& on_frame, std::int64_t lines_before) {
  detail::JsonlLineSource source(input, options.chunk_bytes, max_bytes);
  std::optional<JsonlRead> read(std::in_place, schema);
  std::string_view line;
  int64_t number = lines_before;
  int64_t first_line = 0;
  std::uint64_t frame_start = 0;  // consumed() when the frame being read began
  // After this many rows of a frame, the input's size says how many rows to make room for.
  constexpr int64_t kRowsToEstimate = 8192;
  const auto deliver = [&] {
    on_frame(JsonlChunk{read->finish(), first_line, number, source.consumed()});
    read.emplace(schema);
    frame_start = source.consumed();
  };
  while (source.next(line)) {
    ++number;
    if (options.on_progress && source.take_refilled()) options.on_progress(source.consumed(), options.total_bytes);
    if (blank(line)) continue;
    if (read->rows() == 0) first_line = number;
    read->read_line(line, number);
    const std::uint64_t in_frame = source.consumed() - frame_start;
    if (read->rows() == kRowsToEstimate && options.total_bytes > source.consumed()) {
      const double per_row = static_cast<double>(in_frame) / kRowsToEstimate;
      const std::uint64_t expected = std::min(options.total_bytes - frame_start, frame_bytes);
      read->reserve(static_cast<int64_t>(static_cast<double>(expected) / per_row * 1.05));
    }
    // At a line's end only, so that no row is split between two frames.
    if (in_frame >= frame_bytes) deliver();
  }
  if (options.on_progress) options.on_progress(source.consumed(), options.total_bytes);
  if (read->rows() > 0) deliver();
  return number - lines_before;
}

Frame read_jsonl_range(std::istream& input, std::uint64_t max_bytes, const JsonlSchema& schema,
                       const JsonlReadOptions& options) {
  std::optional<Frame> whole;
  read_jsonl_frames(input, max_bytes, schema, options, UINT64_MAX,
                    [&whole](JsonlChunk chunk) { whole = std::move(chunk.frame); });
  // No row: the columns of an exact schema, still, as the reader has always returned them.
  return whole ? std::move(*whole) : JsonlRead(schema).finish();
}

}  // namespace detail

Frame read_jsonl(std::istream& input, const JsonlSchema& schema, const JsonlReadOptions& options) {
  return detail::read_jsonl_range(input, UINT64_MAX, schema, options);
}

Frame frame_from_jsonl(std::istream& input, const std::optional<std::vector<Field>>& schema) {
  return read_jsonl(input, schema ? JsonlSchema{*schema, JsonlSchema::Mode::Exact} : JsonlSchema{});
}

}  // namespace crv::frame
