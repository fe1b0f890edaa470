#pragma once
// The shape of what a scan returns (private to the io layer): the rows within the tick
// range, and one output schema over parts whose columns differ. Used by every execution
// of a scan plan, by Dataset::follow and by sealing.

#include <string>
#include <utility>
#include <vector>

#include "crv/core/table_name.hpp"
#include "crv/frame/frame.hpp"
#include "crv/io/scan.hpp"

namespace crv::io::detail {

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
