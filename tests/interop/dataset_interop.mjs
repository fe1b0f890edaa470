#!/usr/bin/env node
// Dataset interoperability (issue 4):
//  1. a run written by `crv-io append` is read through Polars and DuckDB with hive
//     partitioning on bucket=, giving the rows `crv-io read` gives;
//  2. a run laid out by ref_append.mjs (the reference's append on nodejs-polars) is read,
//     scanned (with pruning) and rebuilt by crv-io.
//   node dataset_interop.mjs --crv-io PATH
import { mkdtempSync, writeFileSync, rmSync, unlinkSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { DuckDBInstance } from '@duckdb/node-api';
import { append as refAppend, tableDir } from './ref_append.mjs';
import { parseArgs } from './lib/args.mjs';

const args = parseArgs(process.argv.slice(2), { 'crv-io': 'string' }, 0);
const crvIo = args['crv-io'];
if (!crvIo) {
  process.stderr.write('usage: dataset_interop.mjs --crv-io PATH\n');
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
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(failures === 0 ? 0 : 1);
