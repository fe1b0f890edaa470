#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crv/export.hpp"

namespace crv::frame {

/// The logical type of a column (Arrow's type ids, restricted to what crv-io needs).
enum class TypeId : uint8_t {
  Bool,
  Int8,
  Int16,
  Int32,
  Int64,
  UInt8,
  UInt16,
  UInt32,
  UInt64,
  Float32,
  Float64,
  Decimal128,
  Date32,
  Time32,
  Time64,
  Timestamp,
  Binary,
  String,
  FixedSizeBinary,
  Struct,
  List
};

enum class TimeUnit : uint8_t { Second, Milli, Micro, Nano };

/// "s", "ms", "us", "ns".
CRV_IO_EXPORT std::string_view time_unit_suffix(TimeUnit unit);
/// "Bool", "Int64", ... (the enumerator name).
CRV_IO_EXPORT std::string_view type_id_name(TypeId id);

class DataType;
using TypePtr = std::shared_ptr<const DataType>;

/// A named, typed, possibly nullable slot: a frame column or a struct/list child.
struct CRV_IO_EXPORT Field {
  std::string name;
  TypePtr type;
  bool nullable = true;

  /// Deep comparison: name, nullability and type.
  bool equals(const Field& other) const;
  /// "name: type" (with " not null" when not nullable).
  std::string to_string() const;
};

/// An immutable description of a column's type. Create instances with the factory
/// functions below (boolean(), int64(), utf8(), struct_(...), list(...) ...).
class CRV_IO_EXPORT DataType {
 public:
  /// Parameters of a type; only the ones meaningful for `id` are used.
  struct Params {
    int32_t width = 0;                 ///< FixedSizeBinary byte width
    int32_t precision = 0;             ///< Decimal128
    int32_t scale = 0;                 ///< Decimal128
    TimeUnit unit = TimeUnit::Second;  ///< Time32, Time64, Timestamp
    std::string timezone;              ///< Timestamp, "" = naive
    std::vector<Field> fields;         ///< Struct children; List: exactly one (the item)
  };

  /// Validates the parameters for `id` (FrameError when invalid). Prefer the factories.
  DataType(TypeId id, Params params);

  TypeId id() const { return id_; }

  /// 1 for Bool, 8..128 for fixed widths, width*8 for FixedSizeBinary, 0 for var/nested.
  int bit_width() const;
  /// Bytes per value for fixed-width types (0 for Bool and var/nested types).
  int byte_width() const;
  int precision() const { return params_.precision; }
  int scale() const { return params_.scale; }
  TimeUnit unit() const { return params_.unit; }
  const std::string& timezone() const { return params_.timezone; }
  /// Struct children; for List exactly one Field, the item. Empty otherwise.
  const std::vector<Field>& fields() const { return params_.fields; }
  int num_fields() const { return static_cast<int>(params_.fields.size()); }
  /// Struct: index of the child named `name`.
  std::optional<size_t> field_index(std::string_view name) const;
  /// List only (FrameError otherwise).
  const Field& item_field() const;
  const TypePtr& item_type() const;
  const Params& params() const { return params_; }

  bool is_integer() const;
  bool is_signed_integer() const;
  bool is_unsigned_integer() const;
  bool is_floating() const;
  /// Integers and floats (not Decimal128).
  bool is_numeric() const;
  /// Types stored in one values buffer of a fixed number of bits per value (Bool included).
  bool is_fixed_width() const;
  /// Binary and String.
  bool is_binary_like() const;
  /// Struct and List.
  bool is_nested() const;
  /// Date32, Time32, Time64, Timestamp.
  bool is_temporal() const;

  /// Polars-like: "i64", "str", "datetime[us, UTC]", "list[struct{a: i64}]".
  std::string to_string() const;
  /// Deep equality: ids, params, children names, nullability and types.
  bool equals(const DataType& other) const;
  /// Arrow C Data Interface format string ("l", "u", "+s", "tss:UTC", "d:10,2" ...).
  std::string arrow_format() const;

 private:
  TypeId id_;
  Params params_;
};

inline bool operator==(const DataType& a, const DataType& b) { return a.equals(b); }

/// Deep equality of two type pointers (both null counts as equal).
CRV_IO_EXPORT bool type_equals(const TypePtr& a, const TypePtr& b);

CRV_IO_EXPORT TypePtr boolean();
CRV_IO_EXPORT TypePtr int8();
CRV_IO_EXPORT TypePtr int16();
CRV_IO_EXPORT TypePtr int32();
CRV_IO_EXPORT TypePtr int64();
CRV_IO_EXPORT TypePtr uint8();
CRV_IO_EXPORT TypePtr uint16();
CRV_IO_EXPORT TypePtr uint32();
CRV_IO_EXPORT TypePtr uint64();
CRV_IO_EXPORT TypePtr float32();
CRV_IO_EXPORT TypePtr float64();
CRV_IO_EXPORT TypePtr decimal128(int precision, int scale);
CRV_IO_EXPORT TypePtr date32();
/// unit: Second or Milli.
CRV_IO_EXPORT TypePtr time32(TimeUnit unit);
/// unit: Micro or Nano.
CRV_IO_EXPORT TypePtr time64(TimeUnit unit);
CRV_IO_EXPORT TypePtr timestamp(TimeUnit unit, std::string timezone = "");
CRV_IO_EXPORT TypePtr binary();
CRV_IO_EXPORT TypePtr utf8();
CRV_IO_EXPORT TypePtr fixed_size_binary(int width);
CRV_IO_EXPORT TypePtr struct_(std::vector<Field> fields);
/// The item field is named "item", like Arrow.
CRV_IO_EXPORT TypePtr list(TypePtr item, bool item_nullable = true);
CRV_IO_EXPORT TypePtr list(Field item);

/// The type of a primitive C++ value: bool -> boolean(), int64_t -> int64(), std::string -> utf8() ...
template <class T>
TypePtr type_of();
template <>
CRV_IO_EXPORT TypePtr type_of<bool>();
template <>
CRV_IO_EXPORT TypePtr type_of<int8_t>();
template <>
CRV_IO_EXPORT TypePtr type_of<int16_t>();
template <>
CRV_IO_EXPORT TypePtr type_of<int32_t>();
template <>
CRV_IO_EXPORT TypePtr type_of<int64_t>();
template <>
CRV_IO_EXPORT TypePtr type_of<uint8_t>();
template <>
CRV_IO_EXPORT TypePtr type_of<uint16_t>();
template <>
CRV_IO_EXPORT TypePtr type_of<uint32_t>();
template <>
CRV_IO_EXPORT TypePtr type_of<uint64_t>();
template <>
CRV_IO_EXPORT TypePtr type_of<float>();
template <>
CRV_IO_EXPORT TypePtr type_of<double>();
template <>
CRV_IO_EXPORT TypePtr type_of<std::string>();

}  // namespace crv::frame
