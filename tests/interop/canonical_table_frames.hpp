#pragma once
// Frames shaped like the eight canonical tables of crv::core (REFERENCE.md section 1), for
// the writer interop matrix: the descriptor's columns in its order with its dtypes (i64 as
// int64, f64 as float64, str as utf8, struct as a struct of scalar fields, list[struct] as
// a list of such structs), `bucket` = tick / 100, nulls only in nullable columns and in
// struct fields, empty and non-ASCII strings, empty lists and null structs in lists.

#include <cstdint>

#include "crv/core/table_descriptor.hpp"
#include "crv/frame/frame.hpp"

namespace crv::interop {

/// `rows` rows of `table`, ticks rising by 3 from 0 (several buckets). Deterministic.
frame::Frame canonical_table_frame(const core::TableDescriptor& table, int64_t rows);

}  // namespace crv::interop
