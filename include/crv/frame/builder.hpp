#pragma once

#include <crv/export.hpp>
#include <crv/frame/buffer.hpp>
#include <crv/frame/column.hpp>
#include <crv/frame/data_type.hpp>
#include <crv/frame/error.hpp>
#include <crv/frame/frame.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace crv::frame {

/// A validity bitmap built one bit at a time; the bitmap is only materialised once the
/// first null is appended (finish() returns nullptr when every value is valid).
class CRV_IO_EXPORT ValidityBuilder {
 public:
  /// Makes room for `additional` more bits (once materialised).
  void reserve(int64_t additional) {
    if (materialized_) bits_.reserve(bytes_needed(length_ + additional) - bits_.size());
  }
  /// One valid row.
  void append_valid() {
    if (materialized_) push_bit(true);
    ++length_;
  }
  /// `count` valid rows.
  void append_valid(int64_t count);
  /// One null row (materialises the bitmap).
  void append_null() {
    if (!materialized_) materialize();
    push_bit(false);
    ++length_;
    ++null_count_;
  }
  /// A valid or a null row.
  void append(bool valid) {
    if (valid) {
      append_valid();
    } else {
      append_null();
    }
  }
  int64_t length() const { return length_; }          ///< rows appended
  int64_t null_count() const { return null_count_; }  ///< null rows appended
  /// The bitmap (nullptr when there are no nulls); resets the builder.
  std::shared_ptr<Buffer> finish();

 private:
  static int64_t bytes_needed(int64_t bits) { return (bits + 7) / 8; }
  void push_bit(bool valid) {
    if ((length_ & 7) == 0) bits_.append_value<uint8_t>(0);
    if (valid)
      bits_.mutable_data()[length_ >> 3] =
          static_cast<uint8_t>(bits_.mutable_data()[length_ >> 3] | (1u << (length_ & 7)));
  }
  void materialize();

  BufferBuilder bits_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  bool materialized_ = false;
};

/// Base of the row-by-row builders, for generic, type-driven code (ArrayBuilder::make).
/// Typed appends are non-virtual members of the concrete builders.
class CRV_IO_EXPORT ArrayBuilder {
 public:
  /// A builder of columns of `type`.
  explicit ArrayBuilder(TypePtr type) : type_(std::move(type)) {}
  virtual ~ArrayBuilder() = default;
  ArrayBuilder(const ArrayBuilder&) = delete;
  ArrayBuilder& operator=(const ArrayBuilder&) = delete;

  const TypePtr& type() const { return type_; }                  ///< the type of the column built
  int64_t length() const { return validity_.length(); }          ///< values appended so far
  int64_t null_count() const { return validity_.null_count(); }  ///< nulls appended so far

  /// Makes room for `additional` more values (children included where meaningful).
  virtual void reserve(int64_t additional) = 0;
  /// A null value (structs: also a null in every child, so lengths stay aligned).
  virtual void append_null() = 0;
  /// `count` null values.
  void append_nulls(int64_t count) {
    for (int64_t i = 0; i < count; ++i) append_null();
  }
  /// The column built so far; the builder is reset to empty and can be reused.
  virtual Column finish() = 0;

  /// A builder for any type: BoolBuilder, NumericBuilder<T>, BinaryBuilder/StringBuilder,
  /// FixedSizeBinaryBuilder (also Decimal128), StructBuilder, ListBuilder.
  static std::unique_ptr<ArrayBuilder> make(const TypePtr& type);

 protected:
  /// The type, length, null count and validity bitmap of the values appended so far, as
  /// the start of the finished array; the validity is reset (length() is 0 afterwards).
  ArrayData finish_validity();

  TypePtr type_;              ///< the type of the column built
  ValidityBuilder validity_;  ///< one bit per value appended: the length and nulls
};

/// Bool values, bit-packed.
class CRV_IO_EXPORT BoolBuilder final : public ArrayBuilder {
 public:
  BoolBuilder() : ArrayBuilder(boolean()) {}
  void reserve(int64_t additional) override;
  /// One value.
  void append(bool value) {
    const int64_t i = length();
    if ((i & 7) == 0) bits_.append_value<uint8_t>(0);
    if (value) bits_.mutable_data()[i >> 3] = static_cast<uint8_t>(bits_.mutable_data()[i >> 3] | (1u << (i & 7)));
    validity_.append_valid();
  }
  void append_null() override;
  Column finish() override;

 private:
  BufferBuilder bits_;
};

/// Fixed-width values of C type T: ints, floats, and temporal types (Date32/Time32 as
/// int32_t, Time64/Timestamp as int64_t, given as `type`).
template <class T>
class CRV_IO_EXPORT NumericBuilder final : public ArrayBuilder {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);

 public:
  NumericBuilder() : NumericBuilder(type_of<T>()) {}
  /// FrameError when `type` is not stored as T.
  explicit NumericBuilder(TypePtr type);
  void reserve(int64_t additional) override {
    values_.reserve(additional * static_cast<int64_t>(sizeof(T)));
    validity_.reserve(additional);
  }
  /// One value.
  void append(T value) {
    values_.append_value(value);
    validity_.append_valid();
  }
  /// `count` valid values at `values`, copied at once.
  void append_values(const T* values, int64_t count) {
    values_.append(values, count * static_cast<int64_t>(sizeof(T)));
    validity_.append_valid(count);
  }
  void append_null() override {
    values_.append_value(T{});
    validity_.append_null();
  }
  Column finish() override;

 private:
  BufferBuilder values_;
};

using Int8Builder = NumericBuilder<int8_t>;      ///< int8 values
using Int16Builder = NumericBuilder<int16_t>;    ///< int16 values
using Int32Builder = NumericBuilder<int32_t>;    ///< int32 values (or Date32, Time32)
using Int64Builder = NumericBuilder<int64_t>;    ///< int64 values (or Time64, Timestamp)
using UInt8Builder = NumericBuilder<uint8_t>;    ///< uint8 values
using UInt16Builder = NumericBuilder<uint16_t>;  ///< uint16 values
using UInt32Builder = NumericBuilder<uint32_t>;  ///< uint32 values
using UInt64Builder = NumericBuilder<uint64_t>;  ///< uint64 values
using Float32Builder = NumericBuilder<float>;    ///< float32 values
using Float64Builder = NumericBuilder<double>;   ///< float64 values

/// Variable-length bytes: Binary, or String (utf8) through StringBuilder.
class CRV_IO_EXPORT BinaryBuilder : public ArrayBuilder {
 public:
  BinaryBuilder() : BinaryBuilder(binary()) {}
  /// `type` must be Binary or String.
  explicit BinaryBuilder(TypePtr type);
  void reserve(int64_t additional) override;
  /// Makes room for `bytes` more data bytes.
  void reserve_data(int64_t bytes) { data_.reserve(bytes); }
  /// One value.
  void append(std::string_view value) {
    data_.append(value.data(), static_cast<int64_t>(value.size()));
    push_offset();
    validity_.append_valid();
  }
  /// One value of `length` bytes.
  void append(const uint8_t* bytes, int64_t length) {
    data_.append(bytes, length);
    push_offset();
    validity_.append_valid();
  }
  void append_null() override {
    push_offset();
    validity_.append_null();
  }
  Column finish() override;

 private:
  void push_offset() {
    if (data_.size() > INT32_MAX) throw_overflow();
    offsets_.append_value(static_cast<int32_t>(data_.size()));
  }
  [[noreturn]] void throw_overflow() const;

  BufferBuilder offsets_;  ///< starts with the leading 0 offset
  BufferBuilder data_;
};

/// utf8 values: a BinaryBuilder of type String.
class CRV_IO_EXPORT StringBuilder final : public BinaryBuilder {
 public:
  StringBuilder() : BinaryBuilder(utf8()) {}
};

/// FixedSizeBinary(width) and Decimal128 (16 little-endian two's-complement bytes).
class CRV_IO_EXPORT FixedSizeBinaryBuilder final : public ArrayBuilder {
 public:
  /// `type` must be FixedSizeBinary or Decimal128.
  explicit FixedSizeBinaryBuilder(TypePtr type);
  void reserve(int64_t additional) override;
  /// FrameError unless value.size() == width.
  void append(std::string_view value);
  /// One value: width() bytes at `bytes`.
  void append(const uint8_t* bytes) {
    values_.append(bytes, width_);
    validity_.append_valid();
  }
  void append_null() override {
    values_.append_fill(0, width_);
    validity_.append_null();
  }
  Column finish() override;
  int32_t width() const { return width_; }  ///< bytes per value

 private:
  int32_t width_;
  BufferBuilder values_;
};

/// One child builder per field. Append the children's values, then append() the struct
/// row; append_null() appends a null to the struct and to every child.
class CRV_IO_EXPORT StructBuilder final : public ArrayBuilder {
 public:
  /// Child builders made with ArrayBuilder::make.
  explicit StructBuilder(TypePtr type);
  void reserve(int64_t additional) override;
  /// Ends a struct row whose children's values were appended (`valid` false: a null struct
  /// row over them).
  void append(bool valid = true) { validity_.append(valid); }
  void append_null() override;
  Column finish() override;

  int num_children() const { return static_cast<int>(children_.size()); }       ///< one per field
  ArrayBuilder& child(int k) { return *children_.at(static_cast<size_t>(k)); }  ///< field k's builder
  /// FrameError listing the field names when missing.
  ArrayBuilder& child(std::string_view name);
  /// The child as its concrete builder type (FrameError on a mismatch).
  template <class B>
  B& child_as(int k) {
    return checked_cast<B>(child(k));
  }
  /// The named child as its concrete builder type (FrameError on a mismatch).
  template <class B>
  B& child_as(std::string_view name) {
    return checked_cast<B>(child(name));
  }

 private:
  template <class B>
  static B& checked_cast(ArrayBuilder& builder) {
    auto* typed = dynamic_cast<B*>(&builder);
    if (typed == nullptr)
      throw FrameError("builder of type " + builder.type()->to_string() + " is not of the requested builder class");
    return *typed;
  }
  std::vector<std::unique_ptr<ArrayBuilder>> children_;
};

/// Lists: append() starts a new (valid) list whose items are then appended to items();
/// append_empty() appends an empty list, append_null() a null list.
class CRV_IO_EXPORT ListBuilder final : public ArrayBuilder {
 public:
  /// The item builder is made with ArrayBuilder::make(type->item_type()).
  explicit ListBuilder(TypePtr list_type);
  /// Lists of the items `item_builder` builds.
  ListBuilder(std::unique_ptr<ArrayBuilder> item_builder, bool item_nullable = true);
  void reserve(int64_t additional) override;
  /// Starts a valid list: the items appended to items() until the next row belong to it.
  void append() {
    push_offset();
    validity_.append_valid();
  }
  void append_empty() { append(); }  ///< an empty (valid) list
  void append_null() override {
    push_offset();
    validity_.append_null();
  }
  Column finish() override;

  ArrayBuilder& items() { return *items_; }  ///< the builder of every list's items
  /// items() as its concrete builder type (FrameError on a mismatch).
  template <class B>
  B& items_as() {
    auto* typed = dynamic_cast<B*>(items_.get());
    if (typed == nullptr)
      throw FrameError("list item builder of type " + items_->type()->to_string() +
                       " is not of the requested builder class");
    return *typed;
  }

 private:
  void push_offset();

  std::unique_ptr<ArrayBuilder> items_;
  BufferBuilder offsets_;  ///< list starts; the final end offset is added by finish()
};

/// Builds a Frame row by row from named typed builders:
///   FrameBuilder fb;
///   auto& tick = fb.add<Int64Builder>("tick");
///   auto& name = fb.add<StringBuilder>("name");
///   tick.append(0); name.append("a");
///   Frame f = fb.finish();
class CRV_IO_EXPORT FrameBuilder {
 public:
  FrameBuilder() = default;
  /// One builder per field, made with ArrayBuilder::make.
  explicit FrameBuilder(const std::vector<Field>& schema);

  /// Adds a column built by a new B(args...); returns it (stable reference).
  template <class B, class... Args>
  B& add(std::string name, Args&&... args) {
    auto builder = std::make_unique<B>(std::forward<Args>(args)...);
    B& ref = *builder;
    add_builder(std::move(name), std::move(builder), true);
    return ref;
  }
  /// Adds a column of any type (builder made with ArrayBuilder::make).
  ArrayBuilder& add(const Field& field);

  size_t num_columns() const { return builders_.size(); }       ///< columns added
  ArrayBuilder& builder(size_t i) { return *builders_.at(i); }  ///< column i's builder
  /// FrameError listing the names when missing.
  ArrayBuilder& builder(std::string_view name);
  /// The named column's builder as its concrete type (FrameError on a mismatch).
  template <class B>
  B& builder_as(std::string_view name) {
    auto* typed = dynamic_cast<B*>(&builder(name));
    if (typed == nullptr)
      throw FrameError("column '" + std::string(name) + "' is not built by the requested builder class");
    return *typed;
  }
  /// Makes room for `rows` more rows in every column.
  void reserve(int64_t rows);
  /// The columns as a frame. FrameError naming the column when lengths differ. Resets the builders.
  Frame finish();

 private:
  void add_builder(std::string name, std::unique_ptr<ArrayBuilder> builder, bool nullable);

  std::vector<Field> fields_;
  std::vector<std::unique_ptr<ArrayBuilder>> builders_;
};

using RowBuilder = FrameBuilder;  ///< another name of FrameBuilder

}  // namespace crv::frame
