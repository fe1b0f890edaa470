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

/// The unit of Time32, Time64 and Timestamp values.
enum class TimeUnit : uint8_t { Second, Milli, Micro, Nano };

/// "s", "ms", "us", "ns".
CRV_IO_EXPORT std::string_view time_unit_suffix(TimeUnit unit);
/// "Bool", "Int64", ... (the enumerator name).
CRV_IO_EXPORT std::string_view type_id_name(TypeId id);

class DataType;
using TypePtr = std::shared_ptr<const DataType>;  ///< types are shared and immutable

/// A named, typed, possibly nullable slot: a frame column or a struct/list child.
struct CRV_IO_EXPORT Field {
  std::string name;      ///< the column's or child's name
  TypePtr type;          ///< its type
  bool nullable = true;  ///< whether it may hold nulls

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

  TypeId id() const { return id_; }  ///< which type

  /// 1 for Bool, 8..128 for fixed widths, width*8 for FixedSizeBinary, 0 for var/nested.
  int bit_width() const;
  /// Bytes per value for fixed-width types (0 for Bool and var/nested types).
  int byte_width() const;
  int precision() const { return params_.precision; }               ///< Decimal128: total digits
  int scale() const { return params_.scale; }                       ///< Decimal128: digits after the point
  TimeUnit unit() const { return params_.unit; }                    ///< Time32, Time64, Timestamp
  const std::string& timezone() const { return params_.timezone; }  ///< Timestamp; "" when naive
  /// Struct children; for List exactly one Field, the item. Empty otherwise.
  const std::vector<Field>& fields() const { return params_.fields; }
  int num_fields() const { return static_cast<int>(params_.fields.size()); }  ///< fields().size()
  /// Struct: index of the child named `name`.
  std::optional<size_t> field_index(std::string_view name) const;
  /// List only (FrameError otherwise).
  const Field& item_field() const;
  const TypePtr& item_type() const;                 ///< item_field().type (List only)
  const Params& params() const { return params_; }  ///< every parameter

  bool is_integer() const;           ///< Int8..Int64, UInt8..UInt64
  bool is_signed_integer() const;    ///< Int8..Int64
  bool is_unsigned_integer() const;  ///< UInt8..UInt64
  bool is_floating() const;          ///< Float32, Float64
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

/// Deep equality (DataType::equals).
inline bool operator==(const DataType& a, const DataType& b) { return a.equals(b); }

/// Deep equality of two type pointers (both null counts as equal).
CRV_IO_EXPORT bool type_equals(const TypePtr& a, const TypePtr& b);

CRV_IO_EXPORT TypePtr boolean();  ///< bit-packed booleans
CRV_IO_EXPORT TypePtr int8();     ///< 8-bit signed integers
CRV_IO_EXPORT TypePtr int16();    ///< 16-bit signed integers
CRV_IO_EXPORT TypePtr int32();    ///< 32-bit signed integers
CRV_IO_EXPORT TypePtr int64();    ///< 64-bit signed integers
CRV_IO_EXPORT TypePtr uint8();    ///< 8-bit unsigned integers
CRV_IO_EXPORT TypePtr uint16();   ///< 16-bit unsigned integers
CRV_IO_EXPORT TypePtr uint32();   ///< 32-bit unsigned integers
CRV_IO_EXPORT TypePtr uint64();   ///< 64-bit unsigned integers
CRV_IO_EXPORT TypePtr float32();  ///< 32-bit floats
CRV_IO_EXPORT TypePtr float64();  ///< 64-bit floats
/// 128-bit decimals of `precision` digits, `scale` of them after the point.
CRV_IO_EXPORT TypePtr decimal128(int precision, int scale);
CRV_IO_EXPORT TypePtr date32();  ///< days since 1970-01-01 (int32)
/// unit: Second or Milli.
CRV_IO_EXPORT TypePtr time32(TimeUnit unit);
/// unit: Micro or Nano.
CRV_IO_EXPORT TypePtr time64(TimeUnit unit);
/// Time since the epoch in `unit` (int64); `timezone` "" for a naive timestamp.
CRV_IO_EXPORT TypePtr timestamp(TimeUnit unit, std::string timezone = "");
CRV_IO_EXPORT TypePtr binary();  ///< variable-length bytes (int32 offsets)
CRV_IO_EXPORT TypePtr utf8();    ///< UTF-8 strings (int32 offsets)
/// Values of exactly `width` bytes.
CRV_IO_EXPORT TypePtr fixed_size_binary(int width);
/// A struct of `fields`, in order.
CRV_IO_EXPORT TypePtr struct_(std::vector<Field> fields);
/// The item field is named "item", like Arrow.
CRV_IO_EXPORT TypePtr list(TypePtr item, bool item_nullable = true);
/// A list whose item is `item` (its name and nullability kept).
CRV_IO_EXPORT TypePtr list(Field item);

/// The type of a primitive C++ value: bool -> boolean(), int64_t -> int64(), std::string -> utf8() ...
template <class T>
TypePtr type_of();
/// type_of for bool.
template <>
CRV_IO_EXPORT TypePtr type_of<bool>();
/// type_of for int8_t.
template <>
CRV_IO_EXPORT TypePtr type_of<int8_t>();
/// type_of for int16_t.
template <>
CRV_IO_EXPORT TypePtr type_of<int16_t>();
/// type_of for int32_t.
template <>
CRV_IO_EXPORT TypePtr type_of<int32_t>();
/// type_of for int64_t.
template <>
CRV_IO_EXPORT TypePtr type_of<int64_t>();
/// type_of for uint8_t.
template <>
CRV_IO_EXPORT TypePtr type_of<uint8_t>();
/// type_of for uint16_t.
template <>
CRV_IO_EXPORT TypePtr type_of<uint16_t>();
/// type_of for uint32_t.
template <>
CRV_IO_EXPORT TypePtr type_of<uint32_t>();
/// type_of for uint64_t.
template <>
CRV_IO_EXPORT TypePtr type_of<uint64_t>();
/// type_of for float.
template <>
CRV_IO_EXPORT TypePtr type_of<float>();
/// type_of for double.
template <>
CRV_IO_EXPORT TypePtr type_of<double>();
/// type_of for std::string.
template <>
CRV_IO_EXPORT TypePtr type_of<std::string>();

}  // namespace crv::frame
