#pragma once
// The framing of the append log's records, in the manner of LevelDB's log format:
//
//   record := crc32 (u32 LE) | length (u32 LE) | type (u8) | payload (length bytes)
//
// The checksum (zlib's CRC-32, masked as LevelDB masks its CRCs, so that a log stored
// inside a log does not checksum to itself) covers the length, the type and the payload.
// A record that is truncated or whose checksum does not match ends the readable log of its
// segment: a torn tail is detected and dropped, never read as data. Unlike LevelDB there
// are no 32 KiB blocks: a segment is read from a known good offset up to the zeros its
// writers fill ahead of their records, and a writer that finds a torn tail starts a new
// segment instead of writing after it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crv::io::detail {

enum class RecordType : std::uint8_t {
  Commit = 1,  ///< one durable commit: rows or parts for one or more tables
  Seal = 2,    ///< a bucket's inline rows and small parts replaced by one part
};

inline constexpr std::size_t kRecordHeaderSize = 9;
/// Larger lengths are refused as corruption before any allocation.
inline constexpr std::uint32_t kMaxRecordPayload = 1u << 30;

/// The bytes of one framed record.
std::string frame_record(RecordType type, std::string_view payload);

/// One record found in a segment; `payload` views the parsed bytes.
struct RawRecord {
  RecordType type = RecordType::Commit;
  std::uint64_t offset = 0;  ///< of its header in the segment
  std::uint64_t end = 0;     ///< offset just past it
  std::string_view payload;
};

struct ParsedRecords {
  std::vector<RawRecord> records;
  std::uint64_t valid_end = 0;  ///< just past the last good record
  /// Why parsing stopped before the end of the bytes (empty when it did not): a truncated
  /// record, a checksum mismatch, an unknown type.
  std::string problem;
  /// Parsing stopped at zeros: the space a writer fills ahead of its records (a header of
  /// nine zero bytes is never a record: type 0 does not exist). The clean end of the data.
  bool at_zeros = false;
  /// For a record cut off by the end of the bytes: how many bytes from valid_end it needs
  /// (0 otherwise), so that a reader of part of a segment knows how much more to read.
  std::uint64_t truncated_need = 0;
};

/// Parses the records of `bytes`, which start at `base_offset` of their segment.
ParsedRecords parse_records(std::string_view bytes, std::uint64_t base_offset);

}  // namespace crv::io::detail
