// @duckdb/node-api, re-exported for scripts outside tests/interop (bench/peers).
export * from '@duckdb/node-api';
