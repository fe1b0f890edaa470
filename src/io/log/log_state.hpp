#pragma once
// What the live append log of a run says, replayed in memory and kept up to date
// incrementally: refresh() reads only what was appended since the last call (a follower's
// poll costs one directory listing and the new tail), and drops what was retired.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "io/log/append_log.hpp"
#include "io/log/log_record.hpp"

namespace crv::io::detail {

struct LoggedRows {
  LogPosition at;
  std::string created_at;
  InlineRows rows;
};

struct LoggedPart {
  LogPosition at;
  std::int64_t bucket_id = 0;
  PartEntry part;
};

struct LoggedSeal {
  LogPosition at;
  SealRecord seal;
};

/// The live log records of one table, in log order.
struct TableLog {
  std::int64_t tick_bucket_size = 0;  ///< of its latest commit (0: none in the live log)
  /// Inline rows that no seal covers (a seal's covered rows are dropped when it is read).
  std::vector<LoggedRows> rows;
  std::vector<LoggedPart> parts;
  std::vector<LoggedSeal> seals;

  bool empty() const { return rows.empty() && parts.empty() && seals.empty(); }
};

class LogState {
 public:
  /// Reads the records appended since the last refresh and forgets retired segments.
  void refresh(const AppendLog& log);

  /// The table's records; nullptr when the live log has none.
  const TableLog* table(std::string_view name) const;
  const std::map<std::string, TableLog, std::less<>>& tables() const { return tables_; }
  /// Just past the last record read.
  LogPosition end() const { return end_; }
  /// The oldest live segment (0 when there is no log).
  std::uint64_t first_segment() const { return segments_.empty() ? 0 : segments_.front(); }
  const std::vector<std::uint64_t>& segments() const { return segments_; }
  /// Torn or corrupt tails found and dropped since the last call (one line each).
  std::vector<std::string> take_warnings() { return std::move(warnings_); }

 private:
  void apply(const RawRecord& record, std::uint64_t segment, const std::filesystem::path& path);
  void forget_before(std::uint64_t segment);

  std::map<std::string, TableLog, std::less<>> tables_;
  std::vector<std::uint64_t> segments_;
  LogPosition end_;
  std::vector<std::string> warnings_;
};

}  // namespace crv::io::detail
