#pragma once
// The payloads of the append log's records (framing: log_format.hpp).
//
// A Commit record is one durable commit of one or more tables of a run: for each table,
// the rows of its small appends inline (one Parquet file in memory per bucket) and the
// names of the parts its large appends wrote beforehand. A Seal record says that a
// bucket's inline rows logged before `covers_before`, and the listed small parts, are now
// in one new part.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crv/io/log_cursor.hpp"
#include "crv/io/manifest.hpp"
#include "io/log/log_format.hpp"

namespace crv::io::detail {

using LogPosition = LogCursor;

/// The rows of one bucket of one commit, kept in the log as a Parquet file in memory.
struct InlineRows {
  std::int64_t bucket_id = 0;
  std::int64_t tick_min = 0;
  std::int64_t tick_max = 0;
  std::int64_t rows = 0;
  std::shared_ptr<const std::string> parquet;  ///< the encoded rows
};

/// What one commit adds to one table.
struct TableCommit {
  std::string table;
  std::int64_t tick_bucket_size = 0;
  std::vector<InlineRows> inline_rows;
  /// Parts written (durably, renamed) before the commit, with their bucket.
  std::vector<std::pair<std::int64_t, PartEntry>> parts;
};

struct CommitRecord {
  std::string commit_id;   ///< 32 hex digits
  std::string created_at;  ///< ISO-8601 UTC
  std::vector<TableCommit> tables;
};

struct SealRecord {
  std::string table;
  std::int64_t bucket_id = 0;
  /// Inline rows of this bucket logged before this position are in `part`.
  LogPosition covers_before;
  PartEntry part;
  /// Parts of the bucket that `part` replaces (names in the bucket directory).
  std::vector<std::string> replaced;

  /// A record with no part (an empty path) is a repair's drop: the `replaced` parts (missing or
  /// quarantined files) leave the table and nothing takes their place.
  bool is_drop() const { return part.path.empty(); }
};

std::string encode_commit(const CommitRecord& record);
std::string encode_seal(const SealRecord& record);
/// `what` names the record for errors (IoError on a payload that does not decode).
CommitRecord decode_commit(std::string_view payload, const std::string& what);
SealRecord decode_seal(std::string_view payload, const std::string& what);

}  // namespace crv::io::detail
