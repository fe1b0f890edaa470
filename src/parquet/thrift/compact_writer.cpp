#include "parquet/thrift/compact_writer.hpp"

#include <bit>
#include <cstring>
#include <limits>

#include "crv/parquet/error.hpp"

namespace crv::parquet::thrift {

void CompactWriter::begin_struct() {
  if (depth_ >= kMaxNestingDepth) {
    throw ParquetError("Thrift writer: structs nested deeper than " + std::to_string(kMaxNestingDepth) + " levels");
  }
  last_field_id_[static_cast<size_t>(depth_)] = 0;
  ++depth_;
}

void CompactWriter::end_struct() {
  if (depth_ == 0) throw ParquetError("Thrift writer: end_struct() without begin_struct()");
  out_.push_back(static_cast<uint8_t>(CompactType::STOP));
  --depth_;
}

void CompactWriter::field_header(int16_t id, CompactType type) {
  if (depth_ == 0) throw ParquetError("Thrift writer: field written outside of a struct");
  int16_t& last = last_field_id_[static_cast<size_t>(depth_ - 1)];
  const int delta = static_cast<int>(id) - static_cast<int>(last);
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<uint8_t>((delta << 4) | static_cast<int>(type)));
  } else {
    out_.push_back(static_cast<uint8_t>(type));
    write_i16(id);
  }
  last = id;
}

void CompactWriter::field_bool(int16_t id, bool value) {
  field_header(id, value ? CompactType::BOOLEAN_TRUE : CompactType::BOOLEAN_FALSE);
}

void CompactWriter::field_i8(int16_t id, int8_t value) {
  field_header(id, CompactType::I8);
  write_i8(value);
}

void CompactWriter::field_i16(int16_t id, int16_t value) {
  field_header(id, CompactType::I16);
  write_i16(value);
}

void CompactWriter::field_i32(int16_t id, int32_t value) {
  field_header(id, CompactType::I32);
  write_i32(value);
}

void CompactWriter::field_i64(int16_t id, int64_t value) {
  field_header(id, CompactType::I64);
  write_i64(value);
}

void CompactWriter::field_double(int16_t id, double value) {
  field_header(id, CompactType::DOUBLE);
  write_double(value);
}

void CompactWriter::field_binary(int16_t id, std::string_view value) {
  field_header(id, CompactType::BINARY);
  write_binary(value);
}

void CompactWriter::field_struct_header(int16_t id) { field_header(id, CompactType::STRUCT); }

void CompactWriter::field_list_begin(int16_t id, CompactType element_type, size_t size) {
  field_header(id, CompactType::LIST);
  list_begin(element_type, size);
}

void CompactWriter::list_begin(CompactType element_type, size_t size) {
  if (size > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw ParquetError("Thrift writer: list of " + std::to_string(size) + " elements exceeds the int32 size limit");
  }
  const auto type = static_cast<uint8_t>(element_type);
  if (size < 15) {
    out_.push_back(static_cast<uint8_t>((size << 4) | type));
  } else {
    out_.push_back(static_cast<uint8_t>(0xF0 | type));
    write_varint(size);
  }
}

void CompactWriter::write_bool(bool value) {
  out_.push_back(static_cast<uint8_t>(value ? CompactType::BOOLEAN_TRUE : CompactType::BOOLEAN_FALSE));
}

void CompactWriter::write_i8(int8_t value) { out_.push_back(static_cast<uint8_t>(value)); }

void CompactWriter::write_i16(int16_t value) { write_varint(zigzag_encode(value)); }

void CompactWriter::write_i32(int32_t value) { write_varint(zigzag_encode(value)); }

void CompactWriter::write_i64(int64_t value) { write_varint(zigzag_encode(value)); }

void CompactWriter::write_double(double value) {
  // Little endian, as every compact protocol implementation does.
  auto bits = std::bit_cast<uint64_t>(value);
  for (int i = 0; i < 8; ++i) {
    out_.push_back(static_cast<uint8_t>(bits & 0xFF));
    bits >>= 8;
  }
}

void CompactWriter::write_binary(std::string_view value) {
  if (value.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw ParquetError("Thrift writer: binary of " + std::to_string(value.size()) +
                       " bytes exceeds the int32 size limit");
  }
  write_varint(value.size());
  const size_t at = out_.size();
  out_.resize(at + value.size());
  if (!value.empty()) std::memcpy(out_.data() + at, value.data(), value.size());
}

void CompactWriter::write_varint(uint64_t value) {
  while (value >= 0x80) {
    out_.push_back(static_cast<uint8_t>(value | 0x80));
    value >>= 7;
  }
  out_.push_back(static_cast<uint8_t>(value));
}

}  // namespace crv::parquet::thrift
