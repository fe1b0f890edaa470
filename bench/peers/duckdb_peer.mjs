#!/usr/bin/env node
// DuckDB benchmark peer (../shared/bench/WORKLOADS.md W1-W5, W10): COPY ... TO dir (FORMAT parquet,
// PARTITION_BY (bucket), COMPRESSION zstd) and read_parquet(..., hive_partitioning = true).
//   node bench/peers/duckdb_peer.mjs --workload W1 --n 1000000 --ticks 1000 [--repeat 3]
// W2 and W5 append with COPY ... (PARTITION_BY (bucket), APPEND): DuckDB keeps no manifest.
// Prints {engine, workload, n, seconds (median), peak_rss_bytes, bytes_on_disk} (W5 adds
// window_appends, first_window_seconds and last_window_seconds: the first and last --window appends,
// and p50_append_seconds and p99_append_seconds).
// Rows are generated into an in-memory table before the timed phase. W10: COPY (SELECT ... FROM
// read_json(file)) of the JSONL file crv_bench --write-jsonl writes (--crv-bench PATH).
import { DuckDBInstance } from '../../tests/interop/lib/duckdb_api.mjs';
import { duckdbBenchmarkSql } from '../../tests/interop/lib/benchmark_rows.mjs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { peerArgs, bytesOnDisk, median, now, scratch, removeDir, report } from '../../tests/interop/lib/peer_common.mjs';

// --crv-bench PATH (W10) is this peer's own option (peer_common's parser knows the shared ones).
const argv = process.argv.slice(2);
const crvBenchAt = argv.indexOf('--crv-bench');
const crvBench = crvBenchAt >= 0 ? argv.splice(crvBenchAt, 2)[1] : null;
const args = peerArgs(argv);
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const quote = (s) => `'${s.replace(/'/g, "''")}'`;
const copy = (source, dir, append) => db.run(`COPY (SELECT tick // 100 AS bucket, * FROM ${source}) TO ${quote(dir)}
  (FORMAT parquet, PARTITION_BY (bucket), COMPRESSION zstd${append ? ', APPEND' : ''})`);

// The nearest-rank q-quantile, as crv_bench computes it.
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(Math.max(Math.ceil(q * s.length), 1), s.length) - 1];
}

const w = args.workload;
const n = args.n ?? 1000000;
const ticks = args.ticks ?? 1000;
const times = [];
const extra = {};
let disk = 0;
if (w === 'W1' || w === 'W3' || w === 'W4') {
  await db.run(`CREATE TABLE src AS ${duckdbBenchmarkSql(0, n, Math.floor(n / ticks))}`);
  if (w === 'W1') {
    for (let r = 0; r < args.repeat; r++) {
      const dir = scratch(args.dir);
      const t0 = now();
      await copy('src', dir, false);
      times.push(now() - t0);
      disk = bytesOnDisk(dir);
      removeDir(dir);
    }
  } else {
    const dir = scratch(args.dir);
    await copy('src', dir, false);
    disk = bytesOnDisk(dir);
    const lo = Math.floor(ticks / 2);
    const where = w === 'W3' ? ` WHERE tick BETWEEN ${lo} AND ${lo + 99}` : '';
    for (let r = 0; r < args.repeat; r++) {
      const t0 = now();
      const reader = await db.runAndReadAll(`SELECT * FROM read_parquet(${quote(dir + '/**/*.parquet')}, hive_partitioning = true)${where}`);
      times.push(now() - t0);
      extra.rows = reader.currentRowCount;
    }
    removeDir(dir);
  }
} else if (w === 'W2' || w === 'W5') {
  const k = w === 'W2' ? ticks : (args.appends ?? 20000);
  const per = Math.floor(n / k);
  for (let j = 0; j < k; j++) await db.run(`CREATE TABLE a${j} AS ${duckdbBenchmarkSql(j * per, per, per)}`);
  for (let r = 0; r < args.repeat; r++) {
    const dir = scratch(args.dir);
    const perAppend = [];
    const t0 = now();
    for (let j = 0; j < k; j++) {
      const s = now();
      await copy(`a${j}`, dir, true);
      perAppend.push(now() - s);
    }
    times.push(now() - t0);
    if (w === 'W5') {
      const window = Math.min(args.window ?? 1000, perAppend.length);
      extra.window_appends = window;
      extra.first_window_seconds = perAppend.slice(0, window).reduce((a, b) => a + b, 0);
      extra.last_window_seconds = perAppend.slice(-window).reduce((a, b) => a + b, 0);
      extra.p50_append_seconds = quantile(perAppend, 0.5);
      extra.p99_append_seconds = quantile(perAppend, 0.99);
    }
    disk = bytesOnDisk(dir);
    removeDir(dir);
  }
} else if (w === 'W10') {
  // The JSONL file crv-io's W10 appends, written by crv_bench (untimed), read by read_json.
  if (!crvBench) throw new Error('W10 needs --crv-bench PATH (the crv_bench that writes the JSONL file)');
  const inputDir = scratch(args.dir);
  const file = join(inputDir, 'rows.jsonl');
  execFileSync(crvBench, ['--workload', 'W10', '--n', String(n), '--ticks', String(ticks), '--write-jsonl', file]);
  for (let r = 0; r < args.repeat; r++) {
    const dir = scratch(args.dir);
    const t0 = now();
    await copy(`read_json(${quote(file)}, format = 'newline_delimited')`, dir, false);
    times.push(now() - t0);
    disk = bytesOnDisk(dir);
    removeDir(dir);
  }
  removeDir(inputDir);
} else {
  throw new Error(`unknown workload ${w}`);
}
db.closeSync();
instance.closeSync();
report({ engine: 'duckdb', workload: w, n, seconds: median(times), bytes_on_disk: disk, ...extra });
