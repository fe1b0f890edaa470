#pragma once
// What a scan reads (private to the io layer): Dataset::scan makes it from the run's
// manifest and append log; the scan plan (scan_plan.hpp) decides what of it to read.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "crv/core/table_name.hpp"
#include "crv/io/env.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/scan.hpp"
#include "crv/io/settings.hpp"

namespace crv::io {

/// Rows of the append log that are not in a part yet (a bucket not sealed), as a Parquet
/// file in memory.
struct InlineRowsInput {
  std::int64_t bucket_id = 0;
  std::int64_t tick_min = 0;
  std::int64_t tick_max = 0;
  std::int64_t rows = 0;
  std::shared_ptr<const std::string> parquet;
  std::string label;  ///< where they were logged, for explain() and errors
};

/// What a scan reads: a table of a run, the parts as they were when the scan was made (the
/// manifest merged with the append log; null: no manifest and no log, the parts are found
/// by a directory walk), and the inline rows of the log.
struct ScanInput {
  Env* env = nullptr;
  IoSettings settings;
  std::string run_id;
  core::TableName table = core::TableName::IdentityEdges;
  std::shared_ptr<const TableManifest> manifest;
  /// `manifest` was made by walking the directories (there is no manifest.json).
  bool walked = false;
  std::vector<InlineRowsInput> inline_rows;
};

}  // namespace crv::io
