#include "io/log/log_format.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace crv::io::detail {
namespace {

constexpr std::uint32_t kMaskDelta = 0xa282ead8u;

std::uint32_t mask(std::uint32_t crc) { return ((crc >> 15) | (crc << 17)) + kMaskDelta; }

std::uint32_t checksum(const char* length_type_payload, std::size_t size) {
  const auto crc = ::crc32(0L, reinterpret_cast<const Bytef*>(length_type_payload), static_cast<uInt>(size));
  return mask(static_cast<std::uint32_t>(crc));
}

void put_u32(char* out, std::uint32_t value) {
  for (int k = 0; k < 4; ++k) out[k] = static_cast<char>((value >> (8 * k)) & 0xFF);
}

std::uint32_t get_u32(const char* in) {
  std::uint32_t value = 0;
  for (int k = 0; k < 4; ++k) value |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[k])) << (8 * k);
  return value;
}

bool known_type(std::uint8_t type) {
  return type == static_cast<std::uint8_t>(RecordType::Commit) || type == static_cast<std::uint8_t>(RecordType::Seal);
}

bool all_zero(const char* bytes, std::size_t size) {
  for (std::size_t k = 0; k < size; ++k) {
    if (bytes[k] != 0) return false;
  }
  return true;
}

}  // namespace

std::string frame_record(RecordType type, std::string_view payload) {
  std::string out(kRecordHeaderSize + payload.size(), '\0');
  put_u32(out.data() + 4, static_cast<std::uint32_t>(payload.size()));
  out[8] = static_cast<char>(type);
  std::memcpy(out.data() + kRecordHeaderSize, payload.data(), payload.size());
  put_u32(out.data(), checksum(out.data() + 4, out.size() - 4));
  return out;
}

ParsedRecords parse_records(std::string_view bytes, std::uint64_t base_offset) {
  ParsedRecords parsed;
  std::size_t position = 0;
  while (position < bytes.size()) {
    const std::size_t left = bytes.size() - position;
    const std::uint64_t offset = base_offset + position;
    const char* header = bytes.data() + position;
    if (all_zero(header, std::min(left, kRecordHeaderSize))) {
      parsed.at_zeros = true;
      break;
    }
    if (left < kRecordHeaderSize) {
      parsed.problem = "truncated record header at offset " + std::to_string(offset);
      parsed.truncated_need = kRecordHeaderSize;
      break;
    }
    const std::uint32_t length = get_u32(header + 4);
    if (length > kMaxRecordPayload) {
      parsed.problem = "record at offset " + std::to_string(offset) + " claims a length of " + std::to_string(length) +
                       " bytes, more than any record has";
      break;
    }
    if (length > left - kRecordHeaderSize) {
      parsed.problem = "truncated record at offset " + std::to_string(offset) + " (length " + std::to_string(length) +
                       ", " + std::to_string(left - kRecordHeaderSize) + " bytes left)";
      parsed.truncated_need = kRecordHeaderSize + length;
      break;
    }
    if (checksum(header + 4, kRecordHeaderSize - 4 + length) != get_u32(header)) {
      parsed.problem = "checksum mismatch in the record at offset " + std::to_string(offset);
      break;
    }
    const auto type = static_cast<std::uint8_t>(header[8]);
    if (!known_type(type)) {
      parsed.problem = "unknown record type " + std::to_string(type) + " at offset " + std::to_string(offset);
      break;
    }
    position += kRecordHeaderSize + length;
    parsed.records.push_back(
        {static_cast<RecordType>(type), offset, base_offset + position, bytes.substr(position - length, length)});
  }
  parsed.valid_end = parsed.records.empty() ? base_offset : parsed.records.back().end;
  return parsed;
}

}  // namespace crv::io::detail
