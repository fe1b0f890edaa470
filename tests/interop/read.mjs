#!/usr/bin/env node
// Reads a Parquet file with one engine and prints it in the canonical form (README.md):
//   node read.mjs --engine polars|duckdb|parquet-wasm FILE [--columns a,b] [--jsonl OUT]
// Without --jsonl: one JSON document {"schema": [...], "rows": [...]} on stdout.
// With --jsonl OUT: the rows as JSONL to OUT, the schema JSON on stdout.
import { writeFileSync } from 'node:fs';
import { readWith } from './lib/engines.mjs';
import { canonicalRows, stringify } from './lib/canonical.mjs';
import { schemaForm } from './lib/types.mjs';
import { parseArgs } from './lib/args.mjs';

const args = parseArgs(process.argv.slice(2), { engine: 'string', columns: 'list', jsonl: 'string' }, 1);
if (!args.engine || args.positional.length !== 1) {
  process.stderr.write('usage: read.mjs --engine polars|duckdb|parquet-wasm FILE [--columns a,b] [--jsonl OUT]\n');
  process.exit(2);
}
const { fields, columns } = await readWith(args.engine, args.positional[0], args.columns);
const schema = schemaForm(fields);
const rows = canonicalRows(fields, columns);
if (args.jsonl) {
  writeFileSync(args.jsonl, rows.map((r) => stringify(r) + '\n').join(''));
  process.stdout.write(JSON.stringify(schema) + '\n');
} else {
  process.stdout.write(`{"schema":${JSON.stringify(schema)},"rows":[${rows.map(stringify).join(',\n')}]}\n`);
}
