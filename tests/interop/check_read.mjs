#!/usr/bin/env node
// Reads FILE with an engine and compares its canonical rows with EXPECTED.jsonl.
//   node check_read.mjs FILE EXPECTED.jsonl --engine polars|duckdb|parquet-wasm [--columns a,b]
//                       [--schema EXPECTED.schema.json]
// Exit 0 when equal; exit 1 with the first mismatching row (expected and actual) otherwise.
// --schema also compares the engine's schema form with the expected one, exactly.
import { readFileSync } from 'node:fs';
import { readWith } from './lib/engines.mjs';
import { canonicalValue, stringify } from './lib/canonical.mjs';
import { schemaForm } from './lib/types.mjs';
import { valuesEqual, parseCanonical } from './lib/compare.mjs';
import { parseArgs } from './lib/args.mjs';

const args = parseArgs(process.argv.slice(2), { engine: 'string', columns: 'list', schema: 'string' }, 2);
if (!args.engine || args.positional.length !== 2) {
  process.stderr.write('usage: check_read.mjs FILE EXPECTED.jsonl --engine polars|duckdb|parquet-wasm [--columns a,b] [--schema S.json]\n');
  process.exit(2);
}
const [file, expectedFile] = args.positional;
const { fields, columns } = await readWith(args.engine, file, args.columns);
const expected = readFileSync(expectedFile, 'utf8').split('\n').filter((l) => l.length).map(parseCanonical);
const where = `${args.engine} reading ${file}`;

if (args.schema) {
  const want = JSON.stringify(JSON.parse(readFileSync(args.schema, 'utf8')));
  const got = JSON.stringify(schemaForm(fields));
  if (want !== got) {
    process.stderr.write(`${where}: schema differs\n  expected: ${want}\n  actual:   ${got}\n`);
    process.exit(1);
  }
}
const n = columns.length ? columns[0].length : 0;
for (let i = 0; i < Math.max(n, expected.length); i++) {
  if (i >= n || i >= expected.length) {
    process.stderr.write(`${where}: ${n} rows, expected ${expected.length}\n`);
    process.exit(1);
  }
  const row = {};
  fields.forEach((f, c) => { row[f.name] = canonicalValue(f.type, columns[c][i]); });
  const actualText = stringify(row);
  if (!valuesEqual(expected[i], parseCanonical(actualText))) {
    const diff = Object.keys({ ...expected[i], ...row }).filter((k) => !valuesEqual(expected[i][k] ?? null, parseCanonical(stringify(row[k] ?? null))));
    process.stderr.write(`${where}: row ${i} differs in ${diff.join(', ')}\n  expected: ${JSON.stringify(expected[i])}\n  actual:   ${actualText}\n`);
    process.exit(1);
  }
}
process.stdout.write(`${where}: ${n} rows match\n`);
