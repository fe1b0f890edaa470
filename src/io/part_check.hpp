#pragma once
// What a reader checks of a part file before reading its rows (private to the io layer):
// its footer only (no data page is read), so the checks stay on for every read.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crv/core/table_name.hpp"
#include "crv/frame/data_type.hpp"
#include "crv/io/manifest.hpp"
#include "crv/io/settings.hpp"
#include "crv/parquet/reader.hpp"

namespace crv::io::detail {

/// What a part must agree with.
struct PartExpectation {
  std::string_view run_id;
  core::TableName table = core::TableName::IdentityEdges;
  /// The manifest's (or the log's) entry for the part; nullopt when the part was found by a
  /// directory walk (nothing to agree with but the run, the table and the descriptor).
  const PartEntry* listed = nullptr;
  /// Where `listed` comes from, for the messages ("the append log"); "the manifest '<path>'"
  /// when empty and `settings` is given, "the manifest" otherwise. Only built on an error.
  std::string_view listed_by;
  const IoSettings* settings = nullptr;
};

/// The columns `fields` against the table's descriptor: every required column present,
/// every descriptor column of the descriptor's type family (i64: an integer type, f64: a
/// float or integer type, str: a string, struct: a struct, list[struct]: a list). Columns
/// outside the descriptor are not checked (non-strict tables keep them). An IoSchemaError
/// naming `what`, the column, both types; nothing when they agree.
void check_fields_against_descriptor(core::TableName table, const std::vector<frame::Field>& fields,
                                     std::string_view what);

/// The footer of the part `file` against `expected`: the descriptor (as above), the
/// `crv_run_id` and `crv_table_name` key-value metadata (absent keys are accepted, a
/// different value is not), and, when the part is listed, its row count and its tick range
/// (from the row groups' statistics; a row group without statistics widens nothing, so the
/// range is then only required to lie within the listed one). IoManifestError (metadata,
/// rows, ticks) or IoSchemaError (columns) naming the file and the disagreement.
void check_part(const parquet::FileReader& reader, const std::string& file, const PartExpectation& expected);

}  // namespace crv::io::detail
