#pragma once
/// @file
/// Validation of frames against the canonical table descriptors (REFERENCE.md section 7,
/// with the stricter rules of issue 4).

#include "crv/core/table_descriptor.hpp"
#include "crv/export.hpp"
#include "crv/frame/frame.hpp"

namespace crv::io {

/// Checks `frame` against `descriptor` and returns it conformed for writing:
///  - every required column (but `bucket`, which the io layer computes) must be present,
///    and hold no nulls;
///  - strict: a column outside required ∪ nullable is an error; non-strict keeps it;
///  - i64 / f64 / str columns of another type are cast only when nothing is lost:
///    integers, bool and integral floats to i64, integers (when exact) and floats to f64;
///    an all-null column of any scalar type becomes a null column of the target type;
///  - struct columns must be structs, list[struct] columns lists.
/// The result holds the descriptor's columns present in the frame, in descriptor order
/// (without `bucket`), then the extra columns in their frame order (non-strict only).
/// Throws IoSchemaError naming the table, the column, the types and the first
/// offending row.
CRV_IO_EXPORT frame::Frame validate_frame(const core::TableDescriptor& descriptor, const frame::Frame& frame,
                                          bool strict);

/// Row-level rules (validate_rows = true): the closed vocabularies (edge_kind,
/// exchange_event_type, side, visibility_scope), the identity_edges slots each edge kind
/// requires, and oracle_calls.cache_hit in {0, 1}. Throws IoSchemaError naming the
/// row, the column and the rule.
CRV_IO_EXPORT void validate_rows(const core::TableDescriptor& descriptor, const frame::Frame& frame);

}  // namespace crv::io
