#pragma once

#include <crv/export.hpp>
#include <crv/frame/buffer.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/frame/error.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crv::frame {

/// Marks a null count that Column::make must compute from the validity bitmap.
inline constexpr int64_t kUnknownNullCount = -1;

/// Arrow memory layout of one array.
///  - validity: LSB-ordered bitmap, nullptr = all valid. Bit (offset + i) is row i.
///  - values: bit-packed Bool, fixed-width values, or int32 offsets (String/Binary/List;
///    entries offset .. offset + length, i.e. length + 1 of them are used).
///  - data: String/Binary bytes.
///  - children: Struct fields (same logical length as the struct; the struct's offset
///    applies to them), List: one child, the items, addressed by the offsets.
struct ArrayData {
  TypePtr type;                      ///< the logical type
  int64_t length = 0;                ///< logical rows
  int64_t offset = 0;                ///< rows of the buffers skipped (a slice shares them)
  int64_t null_count = 0;            ///< nulls among the length rows
  std::shared_ptr<Buffer> validity;  ///< bit per row, set when valid; null when there are no nulls
  std::shared_ptr<Buffer> values;    ///< see above
  std::shared_ptr<Buffer> data;      ///< String/Binary bytes
  std::vector<std::shared_ptr<const ArrayData>> children;  ///< see above
};

/// An immutable, cheap-to-copy handle on ArrayData. A default-constructed Column holds
/// nothing (operator bool is false) and must be assigned before use.
class CRV_IO_EXPORT Column {
 public:
  Column() = default;
  /// Wraps without validating (internal use by kernels that build correct data).
  explicit Column(std::shared_ptr<const ArrayData> data) : data_(std::move(data)) {}

  /// Validates (see validate()) and wraps. A null_count of kUnknownNullCount is computed.
  static Column make(ArrayData data);
  /// As make(ArrayData), sharing `data`.
  static Column make(std::shared_ptr<const ArrayData> data);

  /// A column of `length` nulls of any type (nested children included).
  static Column nulls(const TypePtr& type, int64_t length);

  /// Whole columns from vectors, for T in bool, int8..int64, uint8..uint64, float, double,
  /// std::string (utf8). Nulls through std::optional.
  template <class T>
  static Column from(const std::vector<T>& values);
  /// As from(const std::vector<T>&), std::nullopt giving a null.
  template <class T>
  static Column from(const std::vector<std::optional<T>>& values);
  /// Column::from<int64_t>({0, 1, 2}), Column::from<std::string>({"a", std::nullopt, "c"}).
  template <class T>
  static Column from(std::initializer_list<std::optional<T>> values) {
    return from<T>(std::vector<std::optional<T>>(values));
  }

  /// A struct column from named child columns of equal length; `validity` empty = all
  /// valid, else one entry per row (false = null struct).
  static Column struct_of(std::vector<std::pair<std::string, Column>> children, const std::vector<bool>& validity = {});
  /// A list column from length + 1 offsets into `items`; `validity` as for struct_of.
  static Column list_of(const std::vector<int32_t>& offsets, const Column& items,
                        const std::vector<bool>& validity = {}, bool item_nullable = true);

  explicit operator bool() const { return data_ != nullptr; }  ///< whether it holds data

  const TypePtr& type() const { return data_->type; }                         ///< the logical type
  TypeId type_id() const { return data_->type->id(); }                        ///< the type's id
  int64_t length() const { return data_->length; }                            ///< rows
  int64_t null_count() const { return data_->null_count; }                    ///< null rows
  int64_t offset() const { return data_->offset; }                            ///< ArrayData::offset
  const ArrayData& data() const { return *data_; }                            ///< the buffers
  const std::shared_ptr<const ArrayData>& data_ptr() const { return data_; }  ///< the buffers, shared

  /// Whether row i is not null.
  bool is_valid(int64_t i) const {
    const auto& v = data_->validity;
    if (!v) return true;
    const int64_t bit = data_->offset + i;
    return (v->data()[bit >> 3] >> (bit & 7)) & 1;
  }
  bool is_null(int64_t i) const { return !is_valid(i); }  ///< whether row i is null

  /// Pointer to logical element 0 of fixed-width values (offset applied).
  template <class T>
  const T* values() const {
    return data_->values->data_as<T>() + data_->offset;
  }
  /// Row i of a fixed-width column as T (unspecified for a null row).
  template <class T>
  T value(int64_t i) const {
    return values<T>()[i];
  }
  /// Row i of a Bool column (unspecified for a null row).
  bool bool_value(int64_t i) const {
    const int64_t bit = data_->offset + i;
    return (data_->values->data()[bit >> 3] >> (bit & 7)) & 1;
  }
  /// The bytes of row i for String, Binary and FixedSizeBinary (and Decimal128).
  std::string_view string_value(int64_t i) const;
  /// String/Binary/List offsets with the column offset applied: length + 1 entries.
  const int32_t* list_offsets() const { return data_->values->data_as<int32_t>() + data_->offset; }

  int num_children() const { return static_cast<int>(data_->children.size()); }  ///< struct fields, or 1 for a list
  /// Struct: field k sliced to this struct's offset/length. List: the whole item column.
  Column child(int k) const;
  /// Struct field by name (FrameError listing the names when missing).
  Column field(std::string_view name) const;
  /// List: the whole item column (child(0)).
  Column list_items() const { return child(0); }

  /// Zero-copy slice (FrameError when out of range).
  Column slice(int64_t offset, int64_t length) const;

  /// Checks buffer presence and sizes, offsets monotonic and in range, children lengths,
  /// null count; recursively. FrameError naming the problem.
  void validate() const;

  /// Same type and same values (NaN == NaN).
  bool equals(const Column& other) const;
  /// One value per line via pretty printing of a one-column frame.
  std::string to_string() const;

 private:
  std::shared_ptr<const ArrayData> data_;
};

}  // namespace crv::frame
