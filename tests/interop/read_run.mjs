#!/usr/bin/env node
// Reads a table of a crv-io run with Polars or DuckDB (hive partitioning on bucket=) and
// prints its flat columns (i64 as exact integers, f64, str, nulls) as one JSON object per row.
// The Python tests (tests/python/test_cli_and_interop.py) compare them with crv_io's rows.
//   node read_run.mjs --root DIR --run RUN --table TABLE --engine polars|duckdb
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { DuckDBInstance } from '@duckdb/node-api';
import { parseArgs } from './lib/args.mjs';

const args = parseArgs(process.argv.slice(2), { root: 'string', run: 'string', table: 'string', engine: 'string' }, 0);
if (!args.root || !args.run || !args.table || !['polars', 'duckdb'].includes(args.engine)) {
  process.stderr.write('usage: read_run.mjs --root DIR --run RUN --table TABLE --engine polars|duckdb\n');
  process.exit(2);
}
const files = join(args.root, 'runs', args.run, 'tables', args.table, 'bucket=*', '*.parquet');
const plain = (v) => (typeof v === 'bigint' ? Number(v) : v);
const out = [];
if (args.engine === 'polars') {
  const frame = pl.scanParquet(files, { hivePartitioning: true }).collectSync();
  for (const record of frame.toRecords()) {
    const row = {};
    for (const [k, v] of Object.entries(record)) row[k] = plain(v);
    out.push(row);
  }
} else {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  // The hive key is read as text ('000000'); the file's bucket column is the same number.
  const reader = await connection.runAndReadAll(
    `SELECT * REPLACE (CAST(bucket AS BIGINT) AS bucket) FROM read_parquet('${files}', hive_partitioning = true)`);
  const names = reader.columnNames();
  for (const values of reader.getRows()) {
    const row = {};
    names.forEach((name, i) => { row[name] = plain(values[i]); });
    out.push(row);
  }
  connection.closeSync();
  instance.closeSync();
}
process.stdout.write(out.map((row) => JSON.stringify(row)).join('\n') + (out.length ? '\n' : ''));
