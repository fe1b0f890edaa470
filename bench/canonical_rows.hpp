#pragma once
// The W8 rows (../shared/bench/WORKLOADS.md "a tick of eight tables"): minimal valid rows of
// each canonical table, its required columns only. The Polars peer builds the same values
// (bench/peers/polars_peer.mjs eightTableFrames).

#include <cstdint>

#include "crv/core/table_descriptor.hpp"
#include "crv/frame/frame.hpp"

namespace crv::bench {

/// Rows [start, start + count) of `table`, `rows_per_tick` rows per tick (tick = k / R).
/// Row k: str columns "v<k>" (the closed vocabularies' first value where there is one:
/// edge_kind, exchange_event_type, visibility_scope), i64 k (cache_hit k mod 2), f64 k / 2,
/// struct columns {v: k} (one i64 field), list[struct] columns [{v: k}] (one item). Valid
/// with row validation on as well.
frame::Frame minimal_table_rows(const core::TableDescriptor& table, std::int64_t start, std::int64_t count,
                                std::int64_t rows_per_tick);

}  // namespace crv::bench
