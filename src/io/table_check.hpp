#pragma once
// One table checked against its files (private to the io layer): what `verify` reports and
// what `repair` acts on.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crv/io/verify.hpp"
#include "io/log/run_log.hpp"
#include "io/log/table_snapshot.hpp"
#include "io/table_walk.hpp"

namespace crv::io::detail {

/// A part the manifest or the log lists, and what is wrong with it (kind empty: nothing).
struct ListedPartCheck {
  std::int64_t bucket_id = 0;
  PartEntry listed;
  std::string kind;  ///< a TableProblem kind: "missing", "size", "unreadable", "disagreement", "decode"
  std::string detail;
  std::int64_t actual_bytes = -1;  ///< the file's size when it exists
};

struct TableCheck {
  core::TableName table = core::TableName::IdentityEdges;
  bool exists = false;           ///< the table has a directory
  std::string manifest_problem;  ///< why manifest.json could not be used (empty: fine or absent)
  bool manifest_intact = false;  ///< a manifest.json was loaded and passed its checks
  TableSnapshot snapshot;        ///< manifest (or the committed walk) + the live log
  std::vector<ListedPartCheck> listed;
  TableWalk walk;  ///< the files no manifest or log record lists, judged
  std::vector<Adoption> verdicts;
  std::vector<std::string> decode_problems;  ///< inline rows that fail to decode (deep)
  std::int64_t rows = 0;
};

/// Checks one table; never throws for what it finds on disk (it reports it).
TableCheck check_table(RunLog& run, core::TableName table, bool deep);

/// The check's problems, appended to `report`.
void add_problems(const TableCheck& check, VerifyReport& report);

}  // namespace crv::io::detail
