#pragma once
// The benchmark rows of ../shared/bench/WORKLOADS.md ("The benchmark rows"): table
// identity_edges, row i of N rows spread over T ticks (R = N / T rows per tick). The same
// sequence as the peers' generator (tests/interop/lib/benchmark_rows.mjs).

#include <cstdint>

#include "crv/frame/frame.hpp"

namespace crv::bench {

/// Rows [start, start + count) of the sequence, `rows_per_tick` (R) rows per tick, as the
/// nine columns tick, observer_agent_id, edge_kind, subject_id, object_id,
/// related_agent_id, token_id, edge_weight, edge_sign (append adds bucket). Every buffer
/// is reserved at its exact final size, so building costs no reallocation.
frame::Frame benchmark_rows(std::int64_t start, std::int64_t count, std::int64_t rows_per_tick);

/// The bytes held by the frame's buffers (validity, values, data, children).
std::int64_t frame_bytes(const frame::Frame& frame);

}  // namespace crv::bench
