#!/usr/bin/env node
// Polars benchmark peer (../shared/bench/WORKLOADS.md W1-W5): the reference append ported on
// nodejs-polars (tests/interop/ref_append.mjs) and reads through scanParquet.
//   node bench/peers/polars_peer.mjs --workload W1 --n 1000000 --ticks 1000 [--repeat 3]
//   W2: --ticks T --n T*R (T appends of R rows, one tick each); W5: --appends 20000 --n 200000
//   [--window 1000]
// Prints {engine, workload, n, seconds (median), peak_rss_bytes, bytes_on_disk} (W5 adds
// window_appends, first_window_seconds and last_window_seconds: the first and last --window appends). Rows are generated before the timed phase.
import { join } from 'node:path';
import pl from '../../tests/interop/lib/polars.mjs';
import { append, tableDir } from '../../tests/interop/ref_append.mjs';
import { polarsBenchmarkFrame } from '../../tests/interop/lib/benchmark_rows.mjs';
import { peerArgs, bytesOnDisk, median, now, scratch, removeDir, report } from '../../tests/interop/lib/peer_common.mjs';

const args = peerArgs(process.argv.slice(2));
const RUN = 'run_bench0';
const TABLE = 'identity_edges';

// Appends `frames` into a fresh root; returns {root, seconds, perAppend}.
function appendAll(frames) {
  const root = scratch(args.dir);
  const perAppend = [];
  const t0 = now();
  for (const frame of frames) {
    const s = now();
    append({ root, runId: RUN, table: TABLE, frame });
    perAppend.push(now() - s);
  }
  return { root, seconds: now() - t0, perAppend };
}

// The k appends of n / k rows: slices of one generated frame (the same rows as generating each
// chunk apart, and much faster to build for the 20,000 appends of W5).
function chunks(n, k, rowsPerTick) {
  const all = polarsBenchmarkFrame(0, n, rowsPerTick);
  return Array.from({ length: k }, (_, j) => all.slice(j * (n / k), n / k));
}

const w = args.workload;
const n = args.n ?? 1000000;
const ticks = args.ticks ?? 1000;
const rowsPerTick = Math.floor(n / ticks);
const times = [];
let disk = 0;
const extra = {};
if (w === 'W1' || w === 'W2' || w === 'W5') {
  const k = w === 'W1' ? 1 : w === 'W2' ? ticks : (args.appends ?? 20000);
  const frames = chunks(n, k, w === 'W5' ? Math.floor(n / k) : rowsPerTick);
  for (let r = 0; r < args.repeat; r++) {
    const { root, seconds, perAppend } = appendAll(frames);
    times.push(seconds);
    disk = bytesOnDisk(root);
    if (w === 'W5') {
      const window = Math.min(args.window ?? 1000, perAppend.length);
      extra.window_appends = window;
      extra.first_window_seconds = perAppend.slice(0, window).reduce((a, b) => a + b, 0);
      extra.last_window_seconds = perAppend.slice(-window).reduce((a, b) => a + b, 0);
    }
    removeDir(root);
  }
} else if (w === 'W3' || w === 'W4') {
  const { root } = appendAll([polarsBenchmarkFrame(0, n, rowsPerTick)]);
  const glob = join(tableDir(root, RUN, TABLE), 'bucket=*', '*.parquet');
  disk = bytesOnDisk(root);
  const lo = Math.floor(ticks / 2);
  for (let r = 0; r < args.repeat; r++) {
    const t0 = now();
    let lf = pl.scanParquet(glob, { hivePartitioning: false });
    if (w === 'W3') lf = lf.filter(pl.col('tick').gtEq(pl.lit(lo).cast(pl.Int64)).and(pl.col('tick').ltEq(pl.lit(lo + 99).cast(pl.Int64))));
    const df = await lf.collect();
    times.push(now() - t0);
    extra.rows = df.height;
  }
  removeDir(root);
} else {
  throw new Error(`unknown workload ${w}`);
}
report({ engine: 'polars', workload: w, n, seconds: median(times), bytes_on_disk: disk, ...extra });
