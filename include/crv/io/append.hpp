#pragma once
/// @file
/// The append path of a table (REFERENCE.md section 5), usable without a Dataset.

#include <string_view>

#include "crv/export.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/append_summary.hpp"
#include "crv/io/env.hpp"
#include "crv/io/settings.hpp"
#include "crv/io/table_ref.hpp"

namespace crv::io {

/// How an append checks its frame before writing it.
struct AppendOptions {
  bool validate_schema = true;  ///< check columns and types against the table's descriptor
  bool validate_rows = false;   ///< also check every value (vocabularies, ids, ranges): slower
};

/// Appends `frame` to a table of a run: validates it, recomputes `bucket` from `tick`,
/// writes one part per bucket (tmp, fsync, rename, directory fsync) and then the manifest
/// (likewise), holding the table's lock (`<table>/.lock`) throughout. Returns once the
/// manifest is durable. An empty frame is a no-op.
/// Errors: IoSchemaError (validation, missing or negative tick), IoWriteError (a part),
/// IoManifestError (the manifest). On any error the parts of this append are removed and
/// the manifest is unchanged.
CRV_IO_EXPORT AppendSummary append_to_table(Env& env, const IoSettings& settings, std::string_view run_id,
                                            TableRef table, const frame::Frame& frame,
                                            const AppendOptions& options = {});

}  // namespace crv::io
