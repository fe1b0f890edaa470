#include "io/log/log_record.hpp"

#include "io/log/byte_codec.hpp"

namespace crv::io::detail {
namespace {

// Bumped when a payload's layout changes; readers refuse versions they do not know.
constexpr std::uint8_t kPayloadVersion = 1;

void put_part(ByteWriter& out, const PartEntry& part) {
  out.put_bytes(part.path);
  out.put_i64(part.rows);
  out.put_i64(part.bytes);
  out.put_i64(part.tick_min);
  out.put_i64(part.tick_max);
  out.put_bytes(part.created_at);
}

PartEntry get_part(ByteReader& in) {
  PartEntry part;
  part.path = in.string();
  part.rows = in.i64();
  part.bytes = in.i64();
  part.tick_min = in.i64();
  part.tick_max = in.i64();
  part.created_at = in.string();
  return part;
}

void expect_version(ByteReader& in, const std::string& what) {
  const std::uint8_t version = in.u8();
  if (version != kPayloadVersion) {
    throw IoManifestError(what + ": payload version " + std::to_string(version) + " is not known to this crv-io (" +
                              std::to_string(kPayloadVersion) + "); use a newer crv-io to read this run",
                          ErrorKind::NotSupported);
  }
}

}  // namespace

std::string encode_commit(const CommitRecord& record) {
  ByteWriter out;
  out.put_u8(kPayloadVersion);
  out.put_bytes(record.commit_id);
  out.put_bytes(record.created_at);
  out.put_u64(record.tables.size());
  for (const TableCommit& table : record.tables) {
    out.put_bytes(table.table);
    out.put_i64(table.tick_bucket_size);
    out.put_u64(table.inline_rows.size());
    for (const InlineRows& rows : table.inline_rows) {
      out.put_i64(rows.bucket_id);
      out.put_i64(rows.tick_min);
      out.put_i64(rows.tick_max);
      out.put_i64(rows.rows);
      out.put_bytes(*rows.parquet);
    }
    out.put_u64(table.parts.size());
    for (const auto& [bucket_id, part] : table.parts) {
      out.put_i64(bucket_id);
      put_part(out, part);
    }
  }
  return out.take();
}

CommitRecord decode_commit(std::string_view payload, const std::string& what) {
  ByteReader in(payload, what);
  expect_version(in, what);
  CommitRecord record;
  record.commit_id = in.string();
  record.created_at = in.string();
  const std::uint64_t tables = in.u64();
  for (std::uint64_t t = 0; t < tables; ++t) {
    TableCommit table;
    table.table = in.string();
    table.tick_bucket_size = in.i64();
    const std::uint64_t chunks = in.u64();
    for (std::uint64_t k = 0; k < chunks; ++k) {
      InlineRows rows;
      rows.bucket_id = in.i64();
      rows.tick_min = in.i64();
      rows.tick_max = in.i64();
      rows.rows = in.i64();
      rows.parquet = std::make_shared<const std::string>(in.bytes());
      table.inline_rows.push_back(std::move(rows));
    }
    const std::uint64_t parts = in.u64();
    for (std::uint64_t k = 0; k < parts; ++k) {
      const std::int64_t bucket_id = in.i64();
      table.parts.emplace_back(bucket_id, get_part(in));
    }
    record.tables.push_back(std::move(table));
  }
  in.expect_end();
  return record;
}

std::string encode_seal(const SealRecord& record) {
  ByteWriter out;
  out.put_u8(kPayloadVersion);
  out.put_bytes(record.table);
  out.put_i64(record.bucket_id);
  out.put_u64(record.covers_before.segment);
  out.put_u64(record.covers_before.offset);
  put_part(out, record.part);
  out.put_u64(record.replaced.size());
  for (const std::string& name : record.replaced) out.put_bytes(name);
  return out.take();
}

SealRecord decode_seal(std::string_view payload, const std::string& what) {
  ByteReader in(payload, what);
  expect_version(in, what);
  SealRecord record;
  record.table = in.string();
  record.bucket_id = in.i64();
  record.covers_before.segment = in.u64();
  record.covers_before.offset = in.u64();
  record.part = get_part(in);
  const std::uint64_t replaced = in.u64();
  for (std::uint64_t k = 0; k < replaced; ++k) record.replaced.push_back(in.string());
  in.expect_end();
  return record;
}

}  // namespace crv::io::detail
