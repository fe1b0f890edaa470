#!/usr/bin/env node
// Dataset interoperability (issue 4):
//  1. a run written by `crv-io append` is read through Polars and DuckDB with hive
//     partitioning on bucket=, giving the rows `crv-io read` gives;
//  2. a run laid out by ref_append.mjs (the reference's append on nodejs-polars) is read,
//     scanned (with pruning) and rebuilt by crv-io;
//  3. a tick stream (examples/simulation_loop.cpp: two tables per commit, rows inline in the
//     append log until their buckets are sealed) is read by Polars and DuckDB once sealed,
//     as crv-io reads it, and the reference's append adds to its checkpointed manifest;
//  4. a table whose struct fields drifted between appends (issue 13) is read by DuckDB with
//     union_by_name as crv-io reads it.
//   node dataset_interop.mjs --crv-io PATH --simulation-loop PATH
import { mkdtempSync, writeFileSync, rmSync, unlinkSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { DuckDBInstance } from '@duckdb/node-api';
import { append as refAppend, tableDir } from './ref_append.mjs';
import { parseArgs } from './lib/args.mjs';

const args = parseArgs(process.argv.slice(2), { 'crv-io': 'string', 'simulation-loop': 'string' }, 0);
const crvIo = args['crv-io'];
const simulationLoop = args['simulation-loop'];
if (!crvIo || !simulationLoop) {
  process.stderr.write('usage: dataset_interop.mjs --crv-io PATH --simulation-loop PATH\n');
  process.exit(2);
}
const root = mkdtempSync(join(tmpdir(), 'crv_dataset_interop_'));
let failures = 0;
const check = (ok, what) => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) failures += 1;
};
const crv = (...argv) => execFileSync(crvIo, [...argv, '--root', root], { encoding: 'utf8' });
// Rows as sorted "tick|observer|weight|bucket" keys.
const key = (tick, observer, weight, bucket) => `${tick}|${observer}|${Number(weight)}|${Number(bucket)}`;
const crvRows = (run) => crv('read', '--run', run, '--table', 'identity_edges', '--format', 'jsonl')
  .split('\n').filter((l) => l.length).map((l) => JSON.parse(l))
  .map((r) => key(r.tick, r.observer_agent_id, r.edge_weight, r.bucket)).sort();

try {
  // 1. crv-io writes, Polars and DuckDB read with hive partitioning.
  const ticks = Array.from({ length: 250 }, (_, i) => i);
  const input = join(root, 'edges.jsonl');
  writeFileSync(input, ticks.map((t) => JSON.stringify({
    tick: t, observer_agent_id: `A${t % 7}`, edge_kind: 'self_to_positive_valence', edge_weight: t / 4,
  })).join('\n') + '\n');
  const summary = JSON.parse(crv('append', '--run', 'crv_run', '--table', 'identity_edges', input));
  check(summary.rows === 250 && summary.buckets.join() === '0,1,2', 'crv-io append: 250 rows in buckets 0,1,2');
  const expected = crvRows('crv_run');
  check(expected.length === 250, 'crv-io read: 250 rows');

  const dir = tableDir(root, 'crv_run', 'identity_edges');
  const polars = pl.scanParquet(join(dir, 'bucket=*', '*.parquet'), { hivePartitioning: true }).collectSync();
  const polarsRows = polars.toRecords().map((r) => key(r.tick, r.observer_agent_id, r.edge_weight, r.bucket)).sort();
  check(JSON.stringify(polarsRows) === JSON.stringify(expected), `Polars (hive) reads the crv-io run: ${polarsRows.length} rows`);

  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(
    `SELECT tick, observer_agent_id, edge_weight, bucket FROM read_parquet('${join(dir, 'bucket=*', '*.parquet')}', hive_partitioning = true)`);
  const duckRows = reader.getRows().map(([t, o, w, b]) => key(t, o, w, b)).sort();
  check(JSON.stringify(duckRows) === JSON.stringify(expected), `DuckDB (hive) reads the crv-io run: ${duckRows.length} rows`);
  const pruned = await connection.runAndReadAll(
    `SELECT count(*) FROM read_parquet('${join(dir, 'bucket=*', '*.parquet')}', hive_partitioning = true) WHERE bucket = 1`);
  check(Number(pruned.getRows()[0][0]) === 100, 'DuckDB filters on the hive bucket key');
  connection.closeSync();
  instance.closeSync();

  // 2. The reference's layout, written by ref_append.mjs on nodejs-polars, read by crv-io.
  const frame = pl.DataFrame({
    tick: [0, 1, 2, 101, 150, 250],
    observer_agent_id: ['A0', 'A1', 'A2', 'A0', 'A1', 'A2'],
    edge_kind: Array(6).fill('self_to_object'),
    edge_weight: [0.0, 0.1, 0.2, 0.3, 0.4, 0.5],
  }).withColumns(pl.col('tick').cast(pl.Int64));
  refAppend({ root, runId: 'ref_run', table: 'identity_edges', frame: frame.slice(0, 3) });
  refAppend({ root, runId: 'ref_run', table: 'identity_edges', frame: frame.slice(3, 3) });
  const refRows = crvRows('ref_run');
  const wanted = [[0, 'A0', 0.0, 0], [1, 'A1', 0.1, 0], [2, 'A2', 0.2, 0], [101, 'A0', 0.3, 1], [150, 'A1', 0.4, 1], [250, 'A2', 0.5, 2]]
    .map((r) => key(...r)).sort();
  check(JSON.stringify(refRows) === JSON.stringify(wanted), 'crv-io reads the reference layout: 6 rows');
  const scanned = crv('read', '--run', 'ref_run', '--table', 'identity_edges', '--tick-min', '0', '--tick-max', '120', '--count').trim();
  check(scanned === '4', `crv-io scan [0, 120] of the reference layout: ${scanned} rows`);
  const plan = crv('read', '--run', 'ref_run', '--table', 'identity_edges', '--tick-min', '0', '--tick-max', '120', '--explain');
  check(/bucket=000002 pruned/.test(plan), 'crv-io explain prunes bucket 2 of the reference manifest');

  const manifestFile = join(tableDir(root, 'ref_run', 'identity_edges'), 'manifest.json');
  const before = JSON.parse(crv('manifest', '--run', 'ref_run', '--table', 'identity_edges'));
  unlinkSync(manifestFile);
  check(crvRows('ref_run').length === 6, 'crv-io reads the reference layout without its manifest (directory walk)');
  const report = JSON.parse(crv('rebuild-manifest', '--run', 'ref_run', '--table', 'identity_edges'));
  const after = JSON.parse(crv('manifest', '--run', 'ref_run', '--table', 'identity_edges'));
  check(existsSync(manifestFile) && report.rows === 6 && report.unreadable.length === 0, 'crv-io rebuilds the reference manifest');
  const ranges = (m) => JSON.stringify(Object.entries(m.partitions).map(([k, p]) => [k, p.tick_min, p.tick_max, p.row_count, p.byte_size, p.parts.length]));
  check(ranges(before) === ranges(after), 'the rebuilt manifest has the reference manifest\'s partitions');

  // 3. A tick stream, sealed at its end: every reader sees every row, each once.
  execFileSync(simulationLoop, [root, 'stream_run', '230'], { encoding: 'utf8' });
  const streamed = crvRows('stream_run');
  check(streamed.length === 1150, `crv-io reads the stream: ${streamed.length} rows`);
  const streamDir = tableDir(root, 'stream_run', 'identity_edges');
  const parts = readdirSync(streamDir).filter((d) => d.startsWith('bucket='))
    .map((d) => readdirSync(join(streamDir, d)).filter((f) => f.endsWith('.parquet')).length);
  check(parts.join() === '1,1,1', `one part per sealed bucket: ${parts.join()}`);
  const polarsStream = pl.scanParquet(join(streamDir, 'bucket=*', '*.parquet'), { hivePartitioning: true }).collectSync()
    .toRecords().map((r) => key(r.tick, r.observer_agent_id, r.edge_weight, r.bucket)).sort();
  check(JSON.stringify(polarsStream) === JSON.stringify(streamed), `Polars reads the sealed stream as crv-io does: ${polarsStream.length} rows`);
  const duck = await DuckDBInstance.create(':memory:', { threads: '1' });
  const duckConnection = await duck.connect();
  const duckStream = (await duckConnection.runAndReadAll(
    `SELECT tick, observer_agent_id, edge_weight, bucket FROM read_parquet('${join(streamDir, 'bucket=*', '*.parquet')}', hive_partitioning = true)`))
    .getRows().map(([t, o, w, b]) => key(t, o, w, b)).sort();
  check(JSON.stringify(duckStream) === JSON.stringify(streamed), `DuckDB reads the sealed stream as crv-io does: ${duckStream.length} rows`);
  const holdingsDir = tableDir(root, 'stream_run', 'holdings');
  const holdingsRows = Number((await duckConnection.runAndReadAll(
    `SELECT count(*) FROM read_parquet('${join(holdingsDir, 'bucket=*', '*.parquet')}', hive_partitioning = true)`)).getRows()[0][0]);
  check(holdingsRows === 1150, `DuckDB reads the other table of each commit: ${holdingsRows} rows`);
  duckConnection.closeSync();
  duck.closeSync();
  const manifest = JSON.parse(readFileSync(join(streamDir, 'manifest.json'), 'utf8'));
  const manifestRows = Object.values(manifest.partitions).reduce((n, p) => n + p.row_count, 0);
  check(manifestRows === 1150 && Object.keys(manifest).join() === 'table,version,created_at,updated_at,partitions',
    `the checkpointed manifest lists every row with the reference's keys: ${manifestRows}`);
  // The reference's append adds to the checkpointed manifest; crv-io reads both.
  refAppend({ root, runId: 'stream_run', table: 'identity_edges', frame: frame.slice(0, 3) });
  check(crvRows('stream_run').length === 1153, 'crv-io reads the stream plus the reference\'s append');

  // 4. Struct fields that drift between appends (issue 13): crv-io refuses a field of another
  //    type and accepts new and absent ones; the buckets' parts then have different struct
  //    types, which DuckDB with union_by_name reads by field name, as crv-io does.
  const drift = [[1, { legs: 1 }], [2, { legs: 'x' }], [150, { other: 2.5 }], [151, { legs: 3, other: 0.5 }]];
  const driftStatus = drift.map(([tick, payload]) => {
    const file = join(root, `exchange_${tick}.jsonl`);
    writeFileSync(file, `${JSON.stringify({ tick, venue_id: 'v', token_id: 'T', exchange_event_type: 'trade', additional_payload: payload })}\n`);
    try {
      // stderr piped: the refusal's message is expected, not shown.
      execFileSync(crvIo, ['append', '--run', 'drift_run', '--table', 'exchange', file, '--root', root], { stdio: 'pipe' });
      return 0;
    } catch (error) {
      return error.status;
    }
  });
  check(driftStatus.join() === '0,3,0,0', `crv-io refuses legs as str after i64 (exit 3) and accepts new fields: ${driftStatus.join()}`);
  const payloadKey = (tick, legs, other) => `${Number(tick)}|${legs === null ? null : Number(legs)}|${other === null ? null : Number(other)}`;
  const wantedDrift = [payloadKey(1, 1, null), payloadKey(150, null, 2.5), payloadKey(151, 3, 0.5)].sort();
  const crvDrift = crv('read', '--run', 'drift_run', '--table', 'exchange', '--format', 'jsonl')
    .split('\n').filter((l) => l.length).map((l) => JSON.parse(l))
    .map((r) => payloadKey(r.tick, r.additional_payload.legs ?? null, r.additional_payload.other ?? null)).sort();
  check(JSON.stringify(crvDrift) === JSON.stringify(wantedDrift), `crv-io reads the drifted table: ${crvDrift.join(' ')}`);
  const driftGlob = join(tableDir(root, 'drift_run', 'exchange'), 'bucket=*', '*.parquet');
  const driftDuck = await DuckDBInstance.create(':memory:', { threads: '1' });
  const driftConnection = await driftDuck.connect();
  const duckDrift = (await driftConnection.runAndReadAll(
    `SELECT tick, additional_payload.legs, additional_payload.other FROM read_parquet('${driftGlob}', hive_partitioning = true, union_by_name = true)`))
    .getRows().map(([t, l, o]) => payloadKey(t, l, o)).sort();
  check(JSON.stringify(duckDrift) === JSON.stringify(wantedDrift), `DuckDB (union_by_name) reads the drifted table as crv-io does: ${duckDrift.join(' ')}`);
  driftConnection.closeSync();
  driftDuck.closeSync();
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(failures === 0 ? 0 : 1);
