#!/usr/bin/env node
// A port of the Python reference's append (../shared/spec/REFERENCE.md sections 2-5) on
// nodejs-polars, used by the dataset interop test and as the Polars benchmark peer.
//   node ref_append.mjs --root DIR --run RUN_ID [--table identity_edges] --rows N --ticks T
//                       [--appends K] [--bucket-size 100]
// writes the WORKLOADS.md benchmark rows (N rows over T ticks) in K appends of N/K rows.
//
// Faithful to the reference, weaknesses included: one part per touched bucket written with
// writeParquet(zstd) to part-<32 hex>.parquet.tmp, fsync of the part, rename; then
// manifest.json rewritten whole (manifest.json.tmp + rename, no fsync of it or of the
// directories). The reference's file key-value metadata (crv_schema_version, crv_table_name,
// crv_run_id) CANNOT be written: nodejs-polars 0.25.2 writeParquet/sinkParquet take no
// metadata option, so these parts carry none.
import { mkdirSync, openSync, fsyncSync, closeSync, renameSync, writeFileSync, readFileSync, statSync, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pl from 'nodejs-polars';

const TABLE_COLUMNS = {
  identity_edges: ['bucket', 'tick', 'observer_agent_id', 'edge_kind', 'subject_id', 'object_id', 'related_agent_id', 'token_id', 'edge_weight', 'edge_sign'],
};

// ISO-8601 UTC with microseconds and +00:00, as Python's datetime.now(timezone.utc).isoformat().
function isoNow() {
  return new Date().toISOString().replace('Z', '000+00:00');
}

export const bucketDirName = (bucket) => `bucket=${String(bucket).padStart(6, '0')}`;

function fsyncFile(path) {
  const fd = openSync(path, 'r+');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

export function tableDir(root, runId, table) {
  return join(root, 'runs', runId, 'tables', table);
}

function loadManifest(dir, table) {
  const path = join(dir, 'manifest.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  const now = isoNow();
  return { table, version: 1, created_at: now, updated_at: now, partitions: {} };
}

// append(table, frame): returns the summary of REFERENCE.md section 5.
export function append({ root, runId, table, frame, bucketSize = 100 }) {
  const summary = { table, run_id: runId, parts: [], rows: 0, buckets: [] };
  if (frame.height === 0) return summary;
  if (!frame.columns.includes('tick')) throw new Error(`append ${table}: column 'tick' is missing`);
  if (frame.getColumn('tick').min() < 0) throw new Error(`append ${table}: negative tick`);
  const columns = TABLE_COLUMNS[table] ?? ['bucket', ...frame.columns.filter((c) => c !== 'bucket')];
  const withBucket = frame
    .withColumns(pl.col('tick').cast(pl.Int64).sub(pl.col('tick').cast(pl.Int64).modulo(pl.lit(bucketSize).cast(pl.Int64)))
      .div(pl.lit(bucketSize).cast(pl.Int64)).cast(pl.Int64).alias('bucket'))
    .select(...columns.filter((c) => c === 'bucket' || frame.columns.includes(c)));
  const dir = tableDir(root, runId, table);
  mkdirSync(dir, { recursive: true });
  const manifest = loadManifest(dir, table);
  for (const part of withBucket.partitionBy('bucket', true, true)) {
    const bucket = Number(part.getColumn('bucket').get(0));
    const bucketDir = join(dir, bucketDirName(bucket));
    mkdirSync(bucketDir, { recursive: true });
    const name = `part-${randomUUID().replace(/-/g, '')}.parquet`;
    const tmp = join(bucketDir, `${name}.tmp`);
    part.writeParquet(tmp, { compression: 'zstd' });
    fsyncFile(tmp);
    renameSync(tmp, join(bucketDir, name));
    const bytes = statSync(join(bucketDir, name)).size;
    const ticks = part.getColumn('tick');
    const entry = { path: name, rows: part.height, bytes, tick_min: Number(ticks.min()), tick_max: Number(ticks.max()), created_at: isoNow() };
    const key = String(bucket).padStart(6, '0');
    const p = manifest.partitions[key] ?? { bucket_id: bucket, state: 'ready', tick_min: entry.tick_min, tick_max: entry.tick_max, row_count: 0, byte_size: 0, parts: [] };
    p.tick_min = Math.min(p.tick_min, entry.tick_min);
    p.tick_max = Math.max(p.tick_max, entry.tick_max);
    p.row_count += entry.rows;
    p.byte_size += bytes;
    p.parts.push(entry);
    manifest.partitions[key] = p;
    summary.parts.push({ bucket_id: bucket, path: join(bucketDirName(bucket), name), rows: entry.rows, bytes, tick_min: entry.tick_min, tick_max: entry.tick_max });
    summary.rows += entry.rows;
    summary.buckets.push(bucket);
  }
  manifest.updated_at = isoNow();
  writeFileSync(join(dir, 'manifest.json.tmp'), JSON.stringify(manifest, null, 2));
  renameSync(join(dir, 'manifest.json.tmp'), join(dir, 'manifest.json'));
  summary.buckets.sort((a, b) => a - b);
  return summary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { parseArgs } = await import('./lib/args.mjs');
  const { polarsBenchmarkFrame } = await import('./lib/benchmark_rows.mjs');
  const args = parseArgs(process.argv.slice(2), { root: 'string', run: 'string', table: 'string', rows: 'int', ticks: 'int', appends: 'int', 'bucket-size': 'int' }, 0);
  if (!args.root || !args.run || !args.rows || !args.ticks) {
    process.stderr.write('usage: ref_append.mjs --root DIR --run RUN_ID --rows N --ticks T [--appends K] [--bucket-size 100]\n');
    process.exit(2);
  }
  const appends = args.appends ?? 1;
  const perAppend = Math.floor(args.rows / appends);
  const rowsPerTick = Math.floor(args.rows / args.ticks);
  let total = 0;
  for (let k = 0; k < appends; k++) {
    const frame = polarsBenchmarkFrame(k * perAppend, perAppend, rowsPerTick);
    total += append({ root: args.root, runId: args.run, table: args.table ?? 'identity_edges', frame, bucketSize: args['bucket-size'] ?? 100 }).rows;
  }
  process.stdout.write(JSON.stringify({ table: args.table ?? 'identity_edges', run_id: args.run, rows: total, appends }) + '\n');
}
