#pragma once
// The planning and reading steps shared by Scan::collect, count, batches and explain
// (private to the io layer).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crv/frame/frame.hpp"
#include "crv/io/scan.hpp"
#include "crv/parquet/reader.hpp"

namespace crv::io::detail {

/// Levels 1 and 2: the manifest's partitions and each part's tick range, or a directory
/// walk when there is no manifest. Parts come in bucket order; row groups are not decided.
ScanExplanation plan_parts(const ScanInput& input, const Where& where);

/// Level 3: a decision per row group from the tick statistics (all kept when `where` is
/// unbounded).
std::vector<parquet::RowGroupDecision> decide_row_groups(const parquet::FileReader& reader,
                                                         const Where& where);

/// The indices of the kept row groups.
std::vector<int> kept_row_groups(const std::vector<parquet::RowGroupDecision>& decisions);

/// Opens a part for reading (IoManifestError naming the part when the manifest lists a
/// file that is gone, IoError or ParquetError otherwise).
std::unique_ptr<parquet::FileReader> open_part(const ScanInput& input, const PartDecision& part);

/// Read options of a part: the kept row groups, the tick filter, and the selection plus
/// `tick` (when the tick is needed for filtering) restricted to the part's columns.
parquet::ReadOptions part_read_options(const parquet::FileReader& reader, const Where& where,
                                       const std::vector<std::string>& selection,
                                       std::vector<int> row_groups);

/// Scan::collect() without a limit when every kept part selects the same columns with the
/// same types: the parts are decoded straight into the output columns (no per-part frames,
/// no concatenation copy), columns in parallel. nullopt when the parts differ (the caller
/// then reads part by part).
std::optional<frame::Frame> collect_concatenated(const ScanInput& input, const ScanExplanation& plan,
                                                 const Where& where, const std::vector<std::string>& selection);

/// The rows of `frame` whose tick is within `where` (the frame itself when all are).
frame::Frame filter_ticks(const frame::Frame& frame, const Where& where);

/// The output schema of a scan: the selection, or the descriptor's columns present in
/// some part (descriptor order) then the parts' other columns (first-seen order); types
/// from the parts (struct and list[struct] columns unified by field name, shape_unify.hpp),
/// or from the descriptor for a column no part has. IoSchemaError for a selected column the
/// table does not have, or a column or field whose type differs between parts.
std::vector<frame::Field> output_schema(core::TableName table,
                                        const std::vector<std::pair<std::string, std::vector<frame::Field>>>& parts,
                                        const std::vector<std::string>& selection);

/// `frame` with exactly the `schema` columns (nulls for the ones it lacks), each of the
/// schema's type (struct fields it lacks as nulls).
frame::Frame conform(const frame::Frame& frame, const std::vector<frame::Field>& schema);

/// A frame of no rows with `schema`.
frame::Frame empty_frame(const std::vector<frame::Field>& schema);

}  // namespace crv::io::detail
