#!/usr/bin/env node
// Polars benchmark peer (../shared/bench/WORKLOADS.md W1-W5, W7, W8): the reference append
// ported on nodejs-polars (tests/interop/ref_append.mjs) and reads through scanParquet.
//   node bench/peers/polars_peer.mjs --workload W1 --n 1000000 --ticks 1000 [--repeat 3]
//   W2: --ticks T --n T*R (T appends of R rows, one tick each); W5: --appends 20000 --n 200000
//   [--window 1000]
//   W7: --appends K --n K*10 --crv-bench PATH: crv_bench writes the W5 stream (untimed; close,
//   vacuum), then one glob scan of <table dir>/**/*.parquet (hive partitioning) reads it
//   whole and for ticks [K/2, K/2 + 99]
//   W8: --ticks T --n T*R: per tick, eight reference appends of R rows (one per canonical
//   table, the rows of bench/canonical_rows.hpp)
// Prints {engine, workload, n, seconds (median), peak_rss_bytes, bytes_on_disk} (W5 adds
// window_appends, first_window_seconds and last_window_seconds: the first and last --window
// appends, and p50_append_seconds and p99_append_seconds; W7 adds range_seconds, rows and
// range_rows). Rows are generated before the timed phase.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pl from '../../tests/interop/lib/polars.mjs';
import { append, tableDir } from '../../tests/interop/ref_append.mjs';
import { polarsBenchmarkFrame } from '../../tests/interop/lib/benchmark_rows.mjs';
import { peerArgs, bytesOnDisk, median, now, scratch, removeDir, report, settleFilesystem } from '../../tests/interop/lib/peer_common.mjs';

// --crv-bench PATH is this peer's own option (peer_common's parser knows the shared ones).
const argv = process.argv.slice(2);
const crvBenchAt = argv.indexOf('--crv-bench');
const crvBench = crvBenchAt >= 0 ? argv.splice(crvBenchAt, 2)[1] : null;
const args = peerArgs(argv);
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

// The nearest-rank q-quantile, as crv_bench computes it.
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(Math.max(Math.ceil(q * s.length), 1), s.length) - 1];
}

const int = (v) => pl.lit(v).cast(pl.Int64); // nodejs-polars number literals are Float64
const between = (lo, hi) => pl.col('tick').gtEq(int(lo)).and(pl.col('tick').ltEq(int(hi)));

// The required columns of the eight canonical tables (src/core/table_descriptor.cpp), with
// the values of bench/canonical_rows.hpp for row k: str "v<k>" or the vocabulary's first
// value, i64 k (cache_hit k mod 2), f64 k / 2, struct {v: k}, list[struct] [{v: k}].
const EIGHT_TABLES = {
  exchange: { venue_id: 'str', token_id: 'str', exchange_event_type: 'trade', additional_payload: 'struct' },
  identity_edges: { observer_agent_id: 'str', edge_kind: 'self_to_positive_valence', edge_weight: 'f64' },
  scenarios_seen: { observer_agent_id: 'str', salient_agent_pairs: 'list', exchange_snapshot: 'struct', context_hash: 'str' },
  messages: {
    sender_agent_id: 'str', channel_name: 'str', visibility_scope: 'public', audience: 'struct', speech_act: 'str',
    topic_label: 'str', claims: 'struct', style: 'struct',
  },
  decisions: { agent_id: 'str', chosen_action: 'struct', action_candidates: 'list', token_value_estimates: 'struct' },
  oracle_calls: {
    agent_id: 'str', engine: 'str', signature_id: 'str', persona_id: 'str', persona_hash: 'str', representation_hash: 'str',
    context_hash: 'str', value_json: 'str', latency_ms: 'i64', cache_hit: 'bit', n_tool_calls: 'i64', tool_seq: 'struct',
  },
  holdings: { agent_id: 'str', token_id: 'str', quantity: 'i64' },
  holdings_valuation: { agent_id: 'str', token_id: 'str', quantity: 'i64' },
};

function columnOf(name, kind, rowsPerTick) {
  const k = pl.col('k');
  const value = {
    tick: () => k.sub(k.modulo(int(rowsPerTick))).div(int(rowsPerTick)).cast(pl.Int64),
    str: () => pl.concatString([pl.lit('v'), k.cast(pl.Utf8)], ''),
    i64: () => k,
    bit: () => k.modulo(int(2)),
    f64: () => k.cast(pl.Float64).div(2),
    struct: () => pl.struct([k.alias('v')]),
    list: () => pl.concatList([pl.struct([k.alias('v')])]),
  }[kind];
  return (value ? value() : pl.lit(kind)).alias(name);
}

// Per table, one frame of rows [0, T*R) (R rows a tick); the appends take slices of it.
function eightTableFrames(ticks, rowsPerTick) {
  const n = ticks * rowsPerTick;
  const base = pl.DataFrame({ k: pl.Series('k', Array.from({ length: n }, (_, j) => j), pl.Int64) });
  return Object.entries(EIGHT_TABLES).map(([table, columns]) => ({
    table,
    frame: base.select(columnOf('tick', 'tick', rowsPerTick), ...Object.entries(columns).map(([c, kind]) => columnOf(c, kind, rowsPerTick))),
  }));
}

// W7: crv_bench writes the streamed table (its timing is not this peer's); returns its table dir.
function crvStreamedTable(root, n, appends) {
  if (!crvBench) throw new Error('W7 needs --crv-bench PATH (the crv_bench that writes the streamed table)');
  const out = execFileSync(crvBench, ['--workload', 'W7', '--n', String(n), '--appends', String(appends), '--write-to', root], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()).table_dir;
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
      extra.p50_append_seconds = quantile(perAppend, 0.5);
      extra.p99_append_seconds = quantile(perAppend, 0.99);
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
    if (w === 'W3') lf = lf.filter(between(lo, lo + 99));
    const df = await lf.collect();
    times.push(now() - t0);
    extra.rows = df.height;
  }
  removeDir(root);
} else if (w === 'W7') {
  const appends = args.appends ?? 20000;
  const root = scratch(args.dir);
  const glob = join(crvStreamedTable(root, n, appends), '**', '*.parquet');
  disk = bytesOnDisk(root);
  settleFilesystem(); // the writer's writeback is not the reads' cost
  const lo = Math.floor(appends / 2);
  const rangeTimes = [];
  for (let r = 0; r < args.repeat; r++) {
    let t0 = now();
    const all = await pl.scanParquet(glob, { hivePartitioning: true }).collect();
    times.push(now() - t0);
    t0 = now();
    const range = await pl.scanParquet(glob, { hivePartitioning: true }).filter(between(lo, lo + 99)).collect();
    rangeTimes.push(now() - t0);
    extra.rows = all.height;
    extra.range_rows = range.height;
  }
  extra.range_seconds = median(rangeTimes);
  removeDir(root);
} else if (w === 'W8') {
  const tables = eightTableFrames(ticks, rowsPerTick);
  for (let r = 0; r < args.repeat; r++) {
    const root = scratch(args.dir);
    const t0 = now();
    for (let t = 0; t < ticks; t++) {
      for (const { table, frame } of tables) append({ root, runId: RUN, table, frame: frame.slice(t * rowsPerTick, rowsPerTick) });
    }
    times.push(now() - t0);
    disk = bytesOnDisk(root);
    removeDir(root);
  }
  extra.tables = tables.length;
  extra.rows_per_table = ticks * rowsPerTick;
} else {
  throw new Error(`unknown workload ${w}`);
}
report({ engine: 'polars', workload: w, n, seconds: median(times), bytes_on_disk: disk, ...extra });
