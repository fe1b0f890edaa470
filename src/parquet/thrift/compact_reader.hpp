#pragma once
// Reader of the Thrift compact protocol over a byte range, safe on hostile input: every
// read is bounds-checked, container sizes are checked against the bytes left before the
// caller allocates, nesting is limited to kMaxNestingDepth, and any violation throws
// ParquetError naming the struct being read and the byte offset. Performs no heap
// allocation itself (only the strings the caller asks for).
//
// Usage for a struct:
//   r.begin_struct("PageHeader");
//   FieldHeader f;
//   while (r.next_field(f)) {
//     switch (f.id) { case 1: if (f.type == CompactType::I32) { x = r.read_i32(); continue; } break; }
//     r.skip_field(f);   // unknown id or unexpected type
//   }
//   r.end_struct();

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parquet/thrift/compact_type.hpp"

namespace crv::parquet::thrift {

struct FieldHeader {
  int16_t id = 0;
  CompactType type = CompactType::STOP;
  // For bool fields the value is carried by the header type.
  [[nodiscard]] bool is_bool() const noexcept {
    return type == CompactType::BOOLEAN_TRUE || type == CompactType::BOOLEAN_FALSE;
  }
  [[nodiscard]] bool bool_value() const noexcept { return type == CompactType::BOOLEAN_TRUE; }
};

struct ListHeader {
  CompactType element_type = CompactType::STOP;  // BOOLEAN_TRUE / BOOLEAN_FALSE both mean bool
  uint32_t size = 0;
  [[nodiscard]] bool is_bool() const noexcept {
    return element_type == CompactType::BOOLEAN_TRUE || element_type == CompactType::BOOLEAN_FALSE;
  }
};

class CompactReader {
 public:
  CompactReader(const uint8_t* data, size_t size) noexcept : data_(data), size_(size) {}

  [[nodiscard]] size_t position() const noexcept { return pos_; }
  [[nodiscard]] size_t remaining() const noexcept { return size_ - pos_; }

  // `name` must outlive the struct (a string literal); it is used in error messages.
  void begin_struct(const char* name);
  void end_struct();
  // Reads the next field header; false at the stop field.
  bool next_field(FieldHeader& field);

  // Skips the value of a field / of one container element, including nested unknown
  // structs, lists, sets and maps.
  void skip_field(const FieldHeader& field);
  void skip_element(CompactType type);

  // Reads a list (or set) header; the size is checked against the remaining bytes (every
  // element takes at least one byte, doubles eight), so the caller can reserve `size`.
  ListHeader read_list_header();
  // Like read_list_header(), and throws unless the element type is `expected`
  // (bool accepts either bool code). `field` names the list in the error message.
  ListHeader read_list_header(CompactType expected, const char* field);

  bool read_bool_element();
  int8_t read_i8();
  int16_t read_i16();
  int32_t read_i32();
  int64_t read_i64();
  double read_double();
  void read_binary(std::string& out);
  std::string read_string() {
    std::string s;
    read_binary(s);
    return s;
  }
  // A view into the input (valid while the input is).
  std::string_view read_binary_view();

  uint64_t read_varint64();
  uint32_t read_varint32();

  // Throws ParquetError "malformed Thrift data (in <struct>) at byte <pos>: <what>".
  [[noreturn]] void fail(std::string_view what) const;
  // Throws ParquetError "Thrift struct <struct> is missing required field '<field>'".
  [[noreturn]] void fail_missing(const char* field) const;

  [[nodiscard]] const char* current_struct() const noexcept {
    return depth_ > 0 ? struct_name_[static_cast<size_t>(depth_ - 1)] : "";
  }

 private:
  void need(size_t n) const {
    if (n > size_ - pos_) fail("unexpected end of data");
  }
  void skip_bytes(size_t n) {
    need(n);
    pos_ += n;
  }
  void enter_container();
  void skip_value(CompactType type, bool in_container);

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  int depth_ = 0;    // struct depth (field id stack)
  int nesting_ = 0;  // struct + container depth while skipping
  std::array<int16_t, kMaxNestingDepth> last_field_id_{};
  std::array<const char*, kMaxNestingDepth> struct_name_{};
};

}  // namespace crv::parquet::thrift
