#pragma once
/// @file
/// Checking a run's tables against their files (`crv-io verify`) and making them consistent
/// again (`crv-io repair`).

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crv/export.hpp"

namespace crv::io {

/// One thing wrong with a table.
struct CRV_IO_EXPORT TableProblem {
  std::string table;  ///< the table's name
  /// What kind of problem: "manifest" (unreadable or hostile manifest.json), "missing" (a listed
  /// part is not on disk), "size" (its size is not the manifest's), "unreadable" (its footer
  /// cannot be read), "disagreement" (schema, rows, tick range, run or table against the
  /// manifest and descriptor), "decode" (a page fails to decode: --deep), "leftover" (a .tmp
  /// file, or a part of an append or seal that crashed before its commit), "orphan" (a whole
  /// part no manifest or log record lists).
  std::string kind;
  std::string path;                        ///< relative to the table directory; empty for the manifest itself
  std::string detail;                      ///< what is wrong, in a sentence
  nlohmann::ordered_json to_json() const;  ///< {"table", "kind", "path", "detail"}
};

/// How Dataset::verify checks.
struct CRV_IO_EXPORT VerifyOptions {
  /// Decode every page of every part and every inline row of the log, not only the footers.
  bool deep = false;
};

/// What Dataset::verify found (`crv-io verify`).
struct CRV_IO_EXPORT VerifyReport {
  std::vector<std::string> tables;                 ///< the tables checked
  std::int64_t parts = 0;                          ///< part files checked
  std::int64_t rows = 0;                           ///< rows their footers (and the log) hold
  std::vector<TableProblem> problems;              ///< empty when everything agrees
  bool clean() const { return problems.empty(); }  ///< no problem found
  nlohmann::ordered_json to_json() const;          ///< the report as `crv-io verify --json` prints it
};

/// What repair does with orphans: whole parts that no manifest or log record lists.
enum class OrphanPolicy {
  Keep,   ///< report them and leave them
  Drop,   ///< delete them
  Adopt,  ///< list them in the manifest; only parts of a complete committed append qualify
};

/// How Dataset::repair treats what verify reports.
struct CRV_IO_EXPORT RepairOptions {
  OrphanPolicy orphans = OrphanPolicy::Keep;  ///< what to do with orphan parts
};

/// What Dataset::repair did, and the verify that followed.
struct CRV_IO_EXPORT RepairReport {
  std::vector<std::string> actions;        ///< what repair did, one sentence each
  VerifyReport after;                      ///< a verify of the repaired tables
  nlohmann::ordered_json to_json() const;  ///< the report as `crv-io repair --json` prints it
};

}  // namespace crv::io
