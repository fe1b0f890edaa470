#pragma once
// W10, JSONL ingestion (../shared/bench/WORKLOADS.md): the W1 rows of --n N over --ticks T
// as a JSONL file (canonical JSON, one object a line, nulls written; made untimed), appended
// by `crv-io append` in a process of its own. `seconds` is that whole process, start to exit;
// `peak_rss_bytes` its peak (wait4). The crv-io binary is --crv-io PATH, by default the one
// beside this build's bench/ directory.
//   --write-jsonl PATH only writes the file and exits: the DuckDB peer reads the same bytes.

#include <filesystem>

#include "bench_support.hpp"

namespace crv::bench {

/// Writes the W1 rows of `options` as JSONL to `path`.
void write_benchmark_jsonl(const Options& options, const std::filesystem::path& path);

Result run_jsonl_ingestion(const Options& options);

}  // namespace crv::bench
