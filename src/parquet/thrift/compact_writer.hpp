#pragma once
// Writer of the Thrift compact protocol: appends to a caller-owned byte vector.
//
// Usage for a struct: begin_struct(); field_*(id, value)...; end_struct(). Field ids of a
// struct must be written in increasing order to get the short (delta) field header form;
// any order is valid on the wire. A nested struct field is field_struct_header(id) followed
// by begin_struct() ... end_struct(); a list field is field_list_begin(id, element_type, size) followed by exactly
// `size` element writes (write_* / begin_struct..end_struct).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "parquet/thrift/compact_type.hpp"

namespace crv::parquet::thrift {

class CompactWriter {
 public:
  explicit CompactWriter(std::vector<uint8_t>& out) : out_(out) {}

  void begin_struct();
  void end_struct();  // writes the stop field

  void field_bool(int16_t id, bool value);
  void field_i8(int16_t id, int8_t value);
  void field_i16(int16_t id, int16_t value);
  void field_i32(int16_t id, int32_t value);
  void field_i64(int16_t id, int64_t value);
  void field_double(int16_t id, double value);
  void field_binary(int16_t id, std::string_view value);
  void field_struct_header(int16_t id);  // then begin_struct() .. end_struct()
  // A field header alone; the value follows (write_*, or a struct / list).
  void field_header(int16_t id, CompactType type);
  void field_list_begin(int16_t id, CompactType element_type, size_t size);

  // Container elements and raw values.
  void list_begin(CompactType element_type, size_t size);
  void write_bool(bool value);  // as an element: one byte, 1 true / 2 false (as Thrift C++/Java)
  void write_i8(int8_t value);
  void write_i16(int16_t value);
  void write_i32(int32_t value);
  void write_i64(int64_t value);
  void write_double(double value);
  void write_binary(std::string_view value);
  void write_varint(uint64_t value);

  [[nodiscard]] int depth() const noexcept { return depth_; }

 private:
  std::vector<uint8_t>& out_;
  std::array<int16_t, kMaxNestingDepth> last_field_id_{};
  int depth_ = 0;
};

[[nodiscard]] inline uint64_t zigzag_encode(int64_t value) noexcept {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

[[nodiscard]] inline int64_t zigzag_decode(uint64_t value) noexcept {
  return static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
}

}  // namespace crv::parquet::thrift
