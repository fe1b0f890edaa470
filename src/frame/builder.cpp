#include <crv/frame/bit_util.hpp>
#include <crv/frame/builder.hpp>

#include <fmt/format.h>

namespace crv::frame {

// ---- ValidityBuilder ----

void ValidityBuilder::append_valid(int64_t count) {
  if (materialized_) {
    const int64_t new_length = length_ + count;
    bits_.resize(bytes_needed(new_length), true);
    bits::fill_bits(bits_.mutable_data(), length_, count, true);
  }
  length_ += count;
}

void ValidityBuilder::materialize() {
  bits_.resize(bytes_needed(length_), true);
  bits::fill_bits(bits_.mutable_data(), 0, length_, true);
  materialized_ = true;
}

std::shared_ptr<Buffer> ValidityBuilder::finish() {
  std::shared_ptr<Buffer> out = null_count_ > 0 ? bits_.finish() : nullptr;
  bits_.reset();
  length_ = 0;
  null_count_ = 0;
  materialized_ = false;
  return out;
}

namespace {

Column finish_array(ArrayData d) { return Column(std::make_shared<const ArrayData>(std::move(d))); }

}  // namespace

ArrayData ArrayBuilder::finish_validity() {
  ArrayData d;
  d.type = type_;
  d.length = length();
  d.null_count = null_count();
  d.validity = validity_.finish();
  return d;
}

// ---- BoolBuilder ----

void BoolBuilder::reserve(int64_t additional) {
  bits_.reserve(bits::bytes_for_bits(length() + additional) - bits_.size());
  validity_.reserve(additional);
}

void BoolBuilder::append_null() {
  if ((length() & 7) == 0) bits_.append_value<uint8_t>(0);
  validity_.append_null();
}

Column BoolBuilder::finish() {
  ArrayData d = finish_validity();
  d.values = bits_.finish();
  return finish_array(std::move(d));
}

// ---- NumericBuilder ----

template <class T>
NumericBuilder<T>::NumericBuilder(TypePtr type) : ArrayBuilder(std::move(type)) {
  const DataType& t = *type_;
  const bool stored_as_t = !t.is_nested() && !t.is_binary_like() && t.id() != TypeId::Bool &&
                           t.id() != TypeId::Decimal128 && t.id() != TypeId::FixedSizeBinary &&
                           t.byte_width() == static_cast<int>(sizeof(T)) &&
                           (std::is_floating_point_v<T> == t.is_floating());
  if (!stored_as_t)
    throw FrameError(fmt::format("a builder of {}-byte values cannot build {}", sizeof(T), t.to_string()));
}

template <class T>
Column NumericBuilder<T>::finish() {
  ArrayData d = finish_validity();
  d.values = values_.finish();
  return finish_array(std::move(d));
}

template class NumericBuilder<int8_t>;
template class NumericBuilder<int16_t>;
template class NumericBuilder<int32_t>;
template class NumericBuilder<int64_t>;
template class NumericBuilder<uint8_t>;
template class NumericBuilder<uint16_t>;
template class NumericBuilder<uint32_t>;
template class NumericBuilder<uint64_t>;
template class NumericBuilder<float>;
template class NumericBuilder<double>;

// ---- BinaryBuilder ----

BinaryBuilder::BinaryBuilder(TypePtr type) : ArrayBuilder(std::move(type)) {
  if (!type_->is_binary_like()) throw FrameError("BinaryBuilder cannot build " + type_->to_string());
  offsets_.append_value<int32_t>(0);
}

void BinaryBuilder::reserve(int64_t additional) {
  offsets_.reserve(additional * 4);
  validity_.reserve(additional);
}

void BinaryBuilder::throw_overflow() const {
  throw FrameError(fmt::format("{} column of {} bytes exceeds 32-bit offsets", type_->to_string(), data_.size()));
}

Column BinaryBuilder::finish() {
  ArrayData d = finish_validity();
  d.values = offsets_.finish();
  d.data = data_.finish();
  offsets_.append_value<int32_t>(0);
  return finish_array(std::move(d));
}

// ---- FixedSizeBinaryBuilder ----

FixedSizeBinaryBuilder::FixedSizeBinaryBuilder(TypePtr type)
    : ArrayBuilder(std::move(type)), width_(type_->byte_width()) {
  if (type_->id() != TypeId::FixedSizeBinary && type_->id() != TypeId::Decimal128)
    throw FrameError("FixedSizeBinaryBuilder cannot build " + type_->to_string());
}

void FixedSizeBinaryBuilder::reserve(int64_t additional) {
  values_.reserve(additional * width_);
  validity_.reserve(additional);
}

void FixedSizeBinaryBuilder::append(std::string_view value) {
  if (static_cast<int64_t>(value.size()) != width_)
    throw FrameError(fmt::format("{} value of {} bytes, expected {}", type_->to_string(), value.size(), width_));
  values_.append(value.data(), width_);
  validity_.append_valid();
}

Column FixedSizeBinaryBuilder::finish() {
  ArrayData d = finish_validity();
  d.values = values_.finish();
  return finish_array(std::move(d));
}

// ---- StructBuilder ----

StructBuilder::StructBuilder(TypePtr type) : ArrayBuilder(std::move(type)) {
  if (type_->id() != TypeId::Struct) throw FrameError("StructBuilder cannot build " + type_->to_string());
  for (const Field& f : type_->fields()) children_.push_back(ArrayBuilder::make(f.type));
}

void StructBuilder::reserve(int64_t additional) {
  validity_.reserve(additional);
  for (auto& child : children_) child->reserve(additional);
}

void StructBuilder::append_null() {
  validity_.append_null();
  for (auto& child : children_) child->append_null();
}

ArrayBuilder& StructBuilder::child(std::string_view name) {
  auto index = type_->field_index(name);
  if (!index) {
    std::string names;
    for (const Field& f : type_->fields()) names += (names.empty() ? "" : ", ") + f.name;
    throw FrameError(fmt::format("struct builder has no field '{}'; fields: {}", name, names));
  }
  return *children_[*index];
}

Column StructBuilder::finish() {
  ArrayData d;
  d.type = type_;
  d.length = length();
  d.null_count = null_count();
  for (size_t k = 0; k < children_.size(); ++k) {
    Column child = children_[k]->finish();
    if (child.length() != d.length)
      throw FrameError(fmt::format("struct field '{}' has {} values for {} struct rows", type_->fields()[k].name,
                                   child.length(), d.length));
    d.children.push_back(child.data_ptr());
  }
  d.validity = validity_.finish();
  return finish_array(std::move(d));
}

// ---- ListBuilder ----

ListBuilder::ListBuilder(TypePtr list_type) : ArrayBuilder(std::move(list_type)) {
  if (type_->id() != TypeId::List) throw FrameError("ListBuilder cannot build " + type_->to_string());
  items_ = ArrayBuilder::make(type_->item_type());
}

ListBuilder::ListBuilder(std::unique_ptr<ArrayBuilder> item_builder, bool item_nullable)
    : ArrayBuilder(list(item_builder->type(), item_nullable)), items_(std::move(item_builder)) {}

void ListBuilder::reserve(int64_t additional) {
  offsets_.reserve(additional * 4);
  validity_.reserve(additional);
}

void ListBuilder::push_offset() {
  const int64_t start = items_->length();
  if (start > INT32_MAX)
    throw FrameError(fmt::format("{} column of {} items exceeds 32-bit offsets", type_->to_string(), start));
  offsets_.append_value(static_cast<int32_t>(start));
}

Column ListBuilder::finish() {
  ArrayData d = finish_validity();
  push_offset();
  d.values = offsets_.finish();
  d.children.push_back(items_->finish().data_ptr());
  return finish_array(std::move(d));
}

// ---- ArrayBuilder::make ----

std::unique_ptr<ArrayBuilder> ArrayBuilder::make(const TypePtr& type) {
  if (!type) throw FrameError("ArrayBuilder::make with no type");
  switch (type->id()) {
    case TypeId::Bool: return std::make_unique<BoolBuilder>();
    case TypeId::Int8: return std::make_unique<Int8Builder>(type);
    case TypeId::Int16: return std::make_unique<Int16Builder>(type);
    case TypeId::Int32:
    case TypeId::Date32:
    case TypeId::Time32: return std::make_unique<Int32Builder>(type);
    case TypeId::Int64:
    case TypeId::Time64:
    case TypeId::Timestamp: return std::make_unique<Int64Builder>(type);
    case TypeId::UInt8: return std::make_unique<UInt8Builder>(type);
    case TypeId::UInt16: return std::make_unique<UInt16Builder>(type);
    case TypeId::UInt32: return std::make_unique<UInt32Builder>(type);
    case TypeId::UInt64: return std::make_unique<UInt64Builder>(type);
    case TypeId::Float32: return std::make_unique<Float32Builder>(type);
    case TypeId::Float64: return std::make_unique<Float64Builder>(type);
    case TypeId::String:
      if (type.get() == utf8().get()) return std::make_unique<StringBuilder>();
      return std::make_unique<BinaryBuilder>(type);
    case TypeId::Binary: return std::make_unique<BinaryBuilder>(type);
    case TypeId::Decimal128:
    case TypeId::FixedSizeBinary: return std::make_unique<FixedSizeBinaryBuilder>(type);
    case TypeId::Struct: return std::make_unique<StructBuilder>(type);
    case TypeId::List: return std::make_unique<ListBuilder>(type);
  }
  throw FrameError("ArrayBuilder::make: unsupported type " + type->to_string());
}

// ---- FrameBuilder ----

FrameBuilder::FrameBuilder(const std::vector<Field>& schema) {
  for (const Field& f : schema) add_builder(f.name, ArrayBuilder::make(f.type), f.nullable);
}

ArrayBuilder& FrameBuilder::add(const Field& field) {
  add_builder(field.name, ArrayBuilder::make(field.type), field.nullable);
  return *builders_.back();
}

void FrameBuilder::add_builder(std::string name, std::unique_ptr<ArrayBuilder> builder, bool nullable) {
  for (const Field& f : fields_)
    if (f.name == name) throw FrameError("FrameBuilder: duplicate column name '" + name + "'");
  fields_.push_back(Field{std::move(name), builder->type(), nullable});
  builders_.push_back(std::move(builder));
}

ArrayBuilder& FrameBuilder::builder(std::string_view name) {
  for (size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i].name == name) return *builders_[i];
  std::string names;
  for (const Field& f : fields_) names += (names.empty() ? "" : ", ") + f.name;
  throw FrameError(fmt::format("FrameBuilder has no column '{}'; columns: {}", name, names));
}

void FrameBuilder::reserve(int64_t rows) {
  for (auto& b : builders_) b->reserve(rows);
}

Frame FrameBuilder::finish() {
  for (size_t i = 1; i < builders_.size(); ++i)
    if (builders_[i]->length() != builders_[0]->length())
      throw FrameError(fmt::format("FrameBuilder: column '{}' has {} rows but column '{}' has {}", fields_[i].name,
                                   builders_[i]->length(), fields_[0].name, builders_[0]->length()));
  std::vector<Column> columns;
  columns.reserve(builders_.size());
  for (auto& b : builders_) columns.push_back(b->finish());
  return Frame::make(fields_, std::move(columns));
}

}  // namespace crv::frame
