// The append log's records: parse_records (framing, checksums, torn tails, the zeros
// writers fill ahead) and the Commit / Seal payload decoders, then the inline rows a commit
// carries (Parquet in memory) as a reader of the log opens them. Every input must decode or
// fail with IoError (payloads) / ParquetError (inline rows); what decodes must re-encode to
// bytes that decode and re-encode the same.
//
// Input: the first byte picks what the rest is. 0: segment bytes, for parse_records (a
// mutated checksum stops parsing, so the payload decoders get their own modes); 1: a Commit
// payload; 2: a Seal payload.
#include <crv/io/errors.hpp>
#include <crv/parquet/error.hpp>
#include <crv/parquet/reader.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/log/inline_rows_io.hpp"
#include "io/log/log_format.hpp"
#include "io/log/log_record.hpp"

namespace {

using namespace crv::io;
using namespace crv::io::detail;

void read_inline_rows(const CommitRecord& commit) {
  for (const TableCommit& table : commit.tables) {
    for (const InlineRows& rows : table.inline_rows) {
      try {
        crv::parquet::ReadOptions options;
        options.threads = 1;
        (void)open_inline_rows(rows.parquet, "inline rows")->read(options);
      } catch (const crv::parquet::ParquetError&) {
      }
    }
  }
}

void decode_commit_payload(std::string_view payload) {
  CommitRecord commit;
  try {
    commit = decode_commit(payload, "fuzz commit");
  } catch (const IoError&) {
    return;
  }
  const std::string once = encode_commit(commit);
  if (encode_commit(decode_commit(once, "re-encoded commit")) != once) std::abort();
  read_inline_rows(commit);
}

void decode_seal_payload(std::string_view payload) {
  SealRecord seal;
  try {
    seal = decode_seal(payload, "fuzz seal");
  } catch (const IoError&) {
    return;
  }
  const std::string once = encode_seal(seal);
  if (encode_seal(decode_seal(once, "re-encoded seal")) != once) std::abort();
}

void parse_segment(std::string_view bytes) {
  const ParsedRecords parsed = parse_records(bytes, 4096);
  if (parsed.valid_end < 4096 || parsed.valid_end > 4096 + bytes.size()) std::abort();
  for (const RawRecord& record : parsed.records) {
    if (record.type == RecordType::Commit)
      decode_commit_payload(record.payload);
    else
      decode_seal_payload(record.payload);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0: parse_segment(rest); break;
    case 1: decode_commit_payload(rest); break;
    default: decode_seal_payload(rest); break;
  }
  return 0;
}
