#!/usr/bin/env bash
# `make bench` / `make bench-quick`: W1-W9 of ../shared/bench/WORKLOADS.md for crv-io, Polars
# and DuckDB side by side, each workload x engine in its own process.
#   bench/run.sh BUILD_DIR [--quick]
# BUILD_DIR: a Release build configured with -DCRV_BUILD_BENCH=ON (crv_bench built); the
# peers need tests/interop/node_modules (scripts/install-interop.sh).
# Prints one table; writes bench/results/latest.json and bench/results/latest.svg.
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# -eq 2 ] && [ "$2" != "--quick" ]; }; then
  echo "usage: bench/run.sh BUILD_DIR [--quick]" >&2
  exit 2
fi
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -d "$repo/tests/interop/node_modules/nodejs-polars" ] || [ ! -d "$repo/tests/interop/node_modules/@duckdb/node-api" ]; then
  echo "bench/run.sh: the peers are not installed; run scripts/install-interop.sh" >&2
  exit 2
fi
exec node "$repo/bench/runner.mjs" "$@"
