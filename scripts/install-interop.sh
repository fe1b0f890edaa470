#!/usr/bin/env bash
# Installs the npm packages of the interoperability tests and benchmark peers
# (Polars, DuckDB, parquet-wasm) from the registry, exactly as the lockfile says.
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)/tests/interop"
[ -f "$dir/package-lock.json" ] || exit 0
stamp="$dir/node_modules/.crv-lock-stamp"
if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json"; then
  exit 0
fi
echo "install-interop: npm ci in tests/interop"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
cp "$dir/package-lock.json" "$stamp"
