#include "io/log/byte_codec.hpp"

#include "crv/io/errors.hpp"

namespace crv::io::detail {

void ByteWriter::put_u64(std::uint64_t value) {
  while (value >= 0x80) {
    out_.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out_.push_back(static_cast<char>(value));
}

void ByteWriter::put_i64(std::int64_t value) {
  // Zig-zag: small negative numbers stay short.
  put_u64((static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
}

void ByteWriter::put_bytes(std::string_view bytes) {
  put_u64(bytes.size());
  out_.append(bytes);
}

void ByteReader::fail(std::string_view problem) const {
  throw IoManifestError("corrupt " + what_ + ": " + std::string(problem) + " at byte " + std::to_string(position_) +
                        " of " + std::to_string(bytes_.size()));
}

std::uint64_t ByteReader::u64() {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (position_ >= bytes_.size()) fail("truncated integer");
    const auto byte = static_cast<std::uint8_t>(bytes_[position_++]);
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  fail("integer longer than 10 bytes");
}

std::int64_t ByteReader::i64() {
  const std::uint64_t raw = u64();
  return static_cast<std::int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

std::string_view ByteReader::bytes() {
  const std::uint64_t size = u64();
  if (size > bytes_.size() - position_) fail("byte string longer than the record");
  const std::string_view out = bytes_.substr(position_, size);
  position_ += size;
  return out;
}

std::uint8_t ByteReader::u8() {
  if (position_ >= bytes_.size()) fail("truncated byte");
  return static_cast<std::uint8_t>(bytes_[position_++]);
}

void ByteReader::expect_end() const {
  if (!at_end()) fail("unexpected trailing bytes");
}

}  // namespace crv::io::detail
