#pragma once
// What an append wrote (REFERENCE.md section 5).

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crv/export.hpp"

namespace crv::io {

/// One part written by an append; `path` is relative to the bucket directory.
struct AppendedPart {
  std::int64_t bucket_id = 0;
  std::string path;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  std::int64_t tick_min = 0;
  std::int64_t tick_max = 0;

  bool operator==(const AppendedPart&) const = default;
};

struct CRV_IO_EXPORT AppendSummary {
  std::string table;
  std::string run_id;
  std::vector<AppendedPart> parts;  ///< one per bucket (an AppendStream: per bucket per frame), in bucket order
  std::int64_t rows = 0;
  std::vector<std::int64_t> buckets;  ///< sorted

  bool operator==(const AppendSummary&) const = default;

  /// {"table", "run_id", "parts": [{"bucket_id", "path", "rows", "bytes", "tick_min",
  /// "tick_max"}], "rows", "buckets"}.
  /// Keys in the reference order (table, run_id, parts, rows, buckets).
  nlohmann::ordered_json to_json() const;
};

}  // namespace crv::io
