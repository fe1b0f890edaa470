#include "parquet/thrift/compact_reader.hpp"

#include <bit>
#include <cstring>
#include <limits>

#include "crv/parquet/error.hpp"
#include "parquet/thrift/compact_writer.hpp"

namespace crv::parquet::thrift {

namespace {

// Smallest encoded size of one element of a container of `type`; 0 for invalid types.
size_t min_element_size(CompactType type) {
  switch (type) {
    case CompactType::DOUBLE: return 8;
    case CompactType::UUID: return 16;
    case CompactType::BOOLEAN_TRUE:
    case CompactType::BOOLEAN_FALSE:
    case CompactType::I8:
    case CompactType::I16:
    case CompactType::I32:
    case CompactType::I64:
    case CompactType::BINARY:
    case CompactType::LIST:
    case CompactType::SET:
    case CompactType::MAP:
    case CompactType::STRUCT: return 1;
    case CompactType::STOP: return 0;
  }
  return 0;
}

}  // namespace

void CompactReader::fail(std::string_view what) const {
  std::string message = "malformed Thrift data";
  if (depth_ > 0) {
    message += " (in ";
    message += current_struct();
    message += ')';
  }
  message += " at byte " + std::to_string(pos_) + ": ";
  message += what;
  throw ParquetError(message);
}

void CompactReader::fail_missing(const char* field) const {
  throw ParquetError(std::string("Thrift struct ") + current_struct() + " is missing required field '" + field + "'");
}

void CompactReader::begin_struct(const char* name) {
  if (depth_ >= kMaxNestingDepth || nesting_ >= kMaxNestingDepth) {
    fail("nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels");
  }
  last_field_id_[static_cast<size_t>(depth_)] = 0;
  struct_name_[static_cast<size_t>(depth_)] = name;
  ++depth_;
  ++nesting_;
}

void CompactReader::end_struct() {
  --depth_;
  --nesting_;
}

void CompactReader::enter_container() {
  if (nesting_ >= kMaxNestingDepth) {
    fail("nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels");
  }
  ++nesting_;
}

bool CompactReader::next_field(FieldHeader& field) {
  need(1);
  const uint8_t byte = data_[pos_++];
  const uint8_t type = byte & 0x0F;
  if (type == static_cast<uint8_t>(CompactType::STOP)) {
    if (byte != 0) fail("stop field with non-zero high bits");
    return false;
  }
  if (type > static_cast<uint8_t>(CompactType::UUID)) {
    fail("invalid field type " + std::to_string(type));
  }
  int16_t& last = last_field_id_[static_cast<size_t>(depth_ - 1)];
  const uint8_t delta = byte >> 4;
  int32_t id = 0;
  if (delta != 0) {
    id = static_cast<int32_t>(last) + delta;
    if (id > std::numeric_limits<int16_t>::max()) fail("field id overflows int16");
  } else {
    id = read_i16();
  }
  last = static_cast<int16_t>(id);
  field.id = static_cast<int16_t>(id);
  field.type = static_cast<CompactType>(type);
  return true;
}

void CompactReader::skip_field(const FieldHeader& field) { skip_value(field.type, false); }

void CompactReader::skip_element(CompactType type) { skip_value(type, true); }

void CompactReader::skip_value(CompactType type, bool in_container) {
  switch (type) {
    case CompactType::BOOLEAN_TRUE:
    case CompactType::BOOLEAN_FALSE:
      if (in_container) skip_bytes(1);
      return;
    case CompactType::I8: skip_bytes(1); return;
    case CompactType::I16:
    case CompactType::I32:
    case CompactType::I64: read_varint64(); return;
    case CompactType::DOUBLE: skip_bytes(8); return;
    case CompactType::UUID: skip_bytes(16); return;
    case CompactType::BINARY: skip_bytes(read_varint32()); return;
    case CompactType::STRUCT: {
      begin_struct("unknown struct");
      FieldHeader field;
      while (next_field(field)) skip_field(field);
      end_struct();
      return;
    }
    case CompactType::LIST:
    case CompactType::SET: {
      const ListHeader list = read_list_header();
      enter_container();
      for (uint32_t i = 0; i < list.size; ++i) skip_element(list.element_type);
      --nesting_;
      return;
    }
    case CompactType::MAP: {
      const uint32_t size = read_varint32();
      if (size == 0) return;
      need(1);
      const uint8_t types = data_[pos_++];
      const auto key = static_cast<CompactType>(types >> 4);
      const auto value = static_cast<CompactType>(types & 0x0F);
      const size_t key_size = min_element_size(key);
      const size_t value_size = min_element_size(value);
      if (key_size == 0 || value_size == 0 || (types >> 4) > 13 || (types & 0x0F) > 13) {
        fail("invalid map key/value types " + std::to_string(types));
      }
      if (size > remaining() / (key_size + value_size)) {
        fail("map of " + std::to_string(size) + " entries exceeds the remaining " + std::to_string(remaining()) +
             " bytes");
      }
      enter_container();
      for (uint32_t i = 0; i < size; ++i) {
        skip_element(key);
        skip_element(value);
      }
      --nesting_;
      return;
    }
    case CompactType::STOP: break;
  }
  fail("invalid value type " + std::to_string(static_cast<int>(type)));
}

ListHeader CompactReader::read_list_header() {
  need(1);
  const uint8_t byte = data_[pos_++];
  ListHeader list;
  const uint8_t type = byte & 0x0F;
  list.element_type = static_cast<CompactType>(type);
  const size_t element_size = type > 13 ? 0 : min_element_size(list.element_type);
  if (element_size == 0) fail("invalid list element type " + std::to_string(type));
  const uint32_t short_size = byte >> 4;
  list.size = short_size == 15 ? read_varint32() : short_size;
  if (list.size > remaining() / element_size) {
    fail("list of " + std::to_string(list.size) + " elements exceeds the remaining " + std::to_string(remaining()) +
         " bytes");
  }
  return list;
}

ListHeader CompactReader::read_list_header(CompactType expected, const char* field) {
  const ListHeader list = read_list_header();
  const bool expected_bool = expected == CompactType::BOOLEAN_TRUE || expected == CompactType::BOOLEAN_FALSE;
  if (expected_bool ? !list.is_bool() : list.element_type != expected) {
    fail(std::string("list '") + field + "' has element type " + std::to_string(static_cast<int>(list.element_type)) +
         ", expected " + std::to_string(static_cast<int>(expected)));
  }
  return list;
}

bool CompactReader::read_bool_element() {
  need(1);
  return data_[pos_++] == static_cast<uint8_t>(CompactType::BOOLEAN_TRUE);
}

int8_t CompactReader::read_i8() {
  need(1);
  return static_cast<int8_t>(data_[pos_++]);
}

int16_t CompactReader::read_i16() {
  const int64_t value = zigzag_decode(read_varint64());
  if (value < std::numeric_limits<int16_t>::min() || value > std::numeric_limits<int16_t>::max()) {
    fail("i16 value " + std::to_string(value) + " out of range");
  }
  return static_cast<int16_t>(value);
}

int32_t CompactReader::read_i32() {
  const int64_t value = zigzag_decode(read_varint64());
  if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max()) {
    fail("i32 value " + std::to_string(value) + " out of range");
  }
  return static_cast<int32_t>(value);
}

int64_t CompactReader::read_i64() { return zigzag_decode(read_varint64()); }

double CompactReader::read_double() {
  need(8);
  uint64_t bits = 0;
  for (int i = 7; i >= 0; --i) bits = (bits << 8) | data_[pos_ + static_cast<size_t>(i)];
  pos_ += 8;
  return std::bit_cast<double>(bits);
}

std::string_view CompactReader::read_binary_view() {
  const uint32_t length = read_varint32();
  need(length);
  std::string_view view(reinterpret_cast<const char*>(data_ + pos_), length);
  pos_ += length;
  return view;
}

void CompactReader::read_binary(std::string& out) {
  const std::string_view view = read_binary_view();
  out.assign(view.data(), view.size());
}

uint64_t CompactReader::read_varint64() {
  uint64_t value = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    need(1);
    const uint8_t byte = data_[pos_++];
    if (shift == 63 && byte > 1) fail("varint overflows 64 bits");
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  fail("varint longer than 10 bytes");
}

uint32_t CompactReader::read_varint32() {
  const uint64_t value = read_varint64();
  if (value > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
    fail("size " + std::to_string(value) + " exceeds the int32 limit");
  }
  return static_cast<uint32_t>(value);
}

}  // namespace crv::parquet::thrift
