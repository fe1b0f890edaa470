#pragma once
/// @file
/// What an append wrote (REFERENCE.md section 5).

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crv/export.hpp"

namespace crv::io {

/// One part written by an append; `path` is relative to the bucket directory.
struct AppendedPart {
  std::int64_t bucket_id = 0;  ///< the bucket the rows went to
  std::string path;            ///< the part's file name; empty for rows kept inline in the append log
  std::int64_t rows = 0;       ///< rows of this bucket
  std::int64_t bytes = 0;      ///< size of the part file
  std::int64_t tick_min = 0;   ///< smallest tick of these rows
  std::int64_t tick_max = 0;   ///< largest tick of these rows

  bool operator==(const AppendedPart&) const = default;  ///< memberwise
};

/// What an append wrote: returned by Dataset::append, the same dict as the reference's.
struct CRV_IO_EXPORT AppendSummary {
  std::string table;                  ///< the table's name
  std::string run_id;                 ///< the run appended to
  std::vector<AppendedPart> parts;    ///< one per bucket (an AppendStream: per bucket per frame), in bucket order
  std::int64_t rows = 0;              ///< rows appended in all
  std::vector<std::int64_t> buckets;  ///< sorted

  bool operator==(const AppendSummary&) const = default;  ///< memberwise

  /// {"table", "run_id", "parts": [{"bucket_id", "path", "rows", "bytes", "tick_min",
  /// "tick_max"}], "rows", "buckets"}.
  /// Keys in the reference order (table, run_id, parts, rows, buckets).
  nlohmann::ordered_json to_json() const;
};

}  // namespace crv::io
