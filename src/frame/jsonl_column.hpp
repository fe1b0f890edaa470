#pragma once
// One column of a JSONL read (private to the frame layer). A column of a known int64,
// float64 or utf8 type appends straight into its builder; any other column, and a typed one
// that meets a value its fast path does not take, keeps its values as JSON and converts
// them at the end, as frame_from_jsonl always did (crv/frame/jsonl_reader.hpp says when).

#include <crv/frame/builder.hpp>
#include <crv/frame/data_type.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crv::frame::detail {

/// A JSON value as the fast paths see it; Nested (an object or an array) never takes one.
struct JsonScalar {
  enum class Kind : uint8_t { Null, Bool, Int, UInt, Double, String, Nested };
  Kind kind = Kind::Null;
  bool boolean = false;
  int64_t int_value = 0;
  uint64_t uint_value = 0;
  double double_value = 0;
  std::string_view string;  // valid until the next line is parsed
};

/// The kind and value of a nlohmann value.
JsonScalar scalar_of(const nlohmann::json& value);

class JsonlColumn {
 public:
  enum class Role {
    Inferred,  ///< type inferred from all values
    Hinted,    ///< built in `type` while the values convert as the cast of the inferred column would
    Exact,     ///< converted to `type`
  };

  /// A column whose first value is in row `rows_before` (the earlier rows are null).
  JsonlColumn(std::string name, TypePtr type, bool nullable, Role role, int64_t rows_before);

  const std::string& name() const { return name_; }

  /// Appends `value` when the column's fast path takes it; false when it needs the value as
  /// JSON (append_json).
  bool append(const JsonScalar& value) {
    switch (fast_) {
      case Fast::None: return false;
      case Fast::Int64: return append_int64(value);
      case Fast::Float64: return append_float64(value);
      case Fast::Utf8: return append_utf8(value);
    }
    return false;
  }
  void append_json(nlohmann::json value);
  void append_null();
  /// Makes room for `rows` more values (string bytes estimated from those so far).
  void reserve(int64_t rows);

  /// The column's field and values; `lines` maps rows to line numbers, for the messages.
  std::pair<Field, Column> finish(const std::vector<int64_t>& lines);

 private:
  enum class Fast : uint8_t { None, Int64, Float64, Utf8 };

  /// Whether an integer converts to a double and back unchanged.
  static bool exact_in_double(int64_t v) {
    constexpr int64_t kExact = int64_t{1} << 53;
    if (v >= -kExact && v <= kExact) return true;
    const auto d = static_cast<double>(v);
    return d < 9223372036854775808.0 && static_cast<int64_t>(d) == v;
  }
  /// A double that is an integer in the int64 range (what a lossless cast accepts).
  static bool integral_int64(double d, int64_t& out) {
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) ||
        d != static_cast<double>(static_cast<int64_t>(d)))
      return false;
    out = static_cast<int64_t>(d);
    return true;
  }

  bool append_int64(const JsonScalar& value) {
    auto& builder = static_cast<Int64Builder&>(*builder_);
    switch (value.kind) {
      case JsonScalar::Kind::Null: builder.append_null(); return true;
      case JsonScalar::Kind::UInt:
        if (value.uint_value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
        return append_int64_integer(static_cast<int64_t>(value.uint_value));
      case JsonScalar::Kind::Int: return append_int64_integer(value.int_value);
      case JsonScalar::Kind::Double: {
        // Hinted: inference would make the column f64, every integer going through a double
        // (which may change one beyond 2^53): such a column is left to inference.
        int64_t integer = 0;
        if (role_ == Role::Hinted || !integral_int64(value.double_value, integer)) return false;
        builder.append(integer);
        return true;
      }
      default: return false;
    }
  }
  bool append_int64_integer(int64_t v) {
    static_cast<Int64Builder&>(*builder_).append(v);
    return true;
  }
  bool append_float64(const JsonScalar& value) {
    auto& builder = static_cast<Float64Builder&>(*builder_);
    switch (value.kind) {
      case JsonScalar::Kind::Null: builder.append_null(); return true;
      case JsonScalar::Kind::Int:
        if (role_ == Role::Hinted && !exact_in_double(value.int_value)) return false;
        builder.append(static_cast<double>(value.int_value));
        return true;
      case JsonScalar::Kind::UInt: {
        const auto d = static_cast<double>(value.uint_value);
        if (role_ == Role::Hinted && (d >= 18446744073709551616.0 || static_cast<uint64_t>(d) != value.uint_value))
          return false;
        builder.append(d);
        return true;
      }
      case JsonScalar::Kind::Double:
        saw_float_ = true;
        builder.append(value.double_value);
        return true;
      default: return false;
    }
  }
  bool append_utf8(const JsonScalar& value) {
    auto& builder = static_cast<StringBuilder&>(*builder_);
    if (value.kind == JsonScalar::Kind::String) {
      builder.append(value.string);
      string_bytes_ += static_cast<int64_t>(value.string.size());
    } else if (value.kind == JsonScalar::Kind::Null) {
      builder.append_null();
    } else {
      return false;
    }
    return true;
  }

  /// Leaves the fast path: the values built so far become JSON values as they were read.
  void to_json_values();

  std::string name_;
  TypePtr type_;
  bool nullable_;
  Role role_;
  Fast fast_ = Fast::None;
  bool saw_float_ = false;    // float64: a JSON float was read (else every value was an integer)
  int64_t string_bytes_ = 0;  // utf8: the bytes appended so far
  std::unique_ptr<ArrayBuilder> builder_;
  std::vector<nlohmann::json> values_;  // without a fast path
};

}  // namespace crv::frame::detail
