#pragma once
// Little binary writer and reader for the append log's record payloads: LEB128 varints,
// zig-zag signed integers, length-prefixed byte strings. The reader is bounds-checked: a
// payload whose checksum matched but whose fields do not decode is corruption, reported
// as an IoError naming what could not be read.

#include <cstdint>
#include <string>
#include <string_view>

namespace crv::io::detail {

class ByteWriter {
 public:
  void put_u64(std::uint64_t value);
  void put_i64(std::int64_t value);
  void put_bytes(std::string_view bytes);
  void put_u8(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
  std::string take() { return std::move(out_); }
  std::string& buffer() { return out_; }

 private:
  std::string out_;
};

class ByteReader {
 public:
  /// `what` names the payload in error messages ("log record at segment 3 offset 120").
  ByteReader(std::string_view bytes, std::string what) : bytes_(bytes), what_(std::move(what)) {}
  std::uint64_t u64();
  std::int64_t i64();
  std::string_view bytes();
  std::string string() { return std::string(bytes()); }
  std::uint8_t u8();
  bool at_end() const { return position_ == bytes_.size(); }
  /// Throws when bytes are left over (a record longer than its fields).
  void expect_end() const;

 private:
  [[noreturn]] void fail(std::string_view problem) const;
  std::string_view bytes_;
  std::size_t position_ = 0;
  std::string what_;
};

}  // namespace crv::io::detail
