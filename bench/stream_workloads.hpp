#pragma once
// W7-W9 of ../shared/bench/WORKLOADS.md: the workloads of the append log (small appends kept
// inline, buckets sealed as the stream moves past them).
//   W7 read after a stream: --appends K --n K*10; the W5 stream (K appends of 10 rows, one
//      tick each, close(), vacuum(0)) read whole and for ticks [K/2, K/2 + 99], against the
//      same rows written by one bulk append; parts per sealed bucket counted.
//   W8 a tick of eight tables: --ticks T --n T*R; per tick R rows of each canonical table in
//      one append_batch, against eight separate durable appends (inline_max_rows = 0).
//   W9 many writers: --processes P --appends K --n P*K*R; P processes at once, each K appends
//      of R rows (its own ticks), against one process making the P*K appends.

#include <filesystem>

#include <nlohmann/json.hpp>

#include "bench_support.hpp"

namespace crv::bench {

Result run_read_after_stream(const Options& options);
/// W7 --write-to: writes the streamed table under `root` and keeps it; {root, table_dir, rows}.
nlohmann::json write_stream_only(const Options& options, const std::filesystem::path& root);
Result run_tick_of_eight_tables(const Options& options);
Result run_many_writers(const Options& options);

}  // namespace crv::bench
