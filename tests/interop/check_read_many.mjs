#!/usr/bin/env node
// Reads every file of a manifest with one engine and compares its canonical rows with the
// expected .jsonl next to it (the check of check_read.mjs, batched in one process).
//   node check_read_many.mjs MANIFEST.tsv --engine polars|duckdb|parquet-wasm
// MANIFEST.tsv: one "FILE<TAB>EXPECTED.jsonl" per line. Exit 1 listing every mismatch.
import { readFileSync } from 'node:fs';
import { readWith } from './lib/engines.mjs';
import { canonicalValue, stringify } from './lib/canonical.mjs';
import { valuesEqual, parseCanonical } from './lib/compare.mjs';
import { parseArgs } from './lib/args.mjs';

const args = parseArgs(process.argv.slice(2), { engine: 'string' }, 1);
if (!args.engine || args.positional.length !== 1) {
  process.stderr.write('usage: check_read_many.mjs MANIFEST.tsv --engine polars|duckdb|parquet-wasm\n');
  process.exit(2);
}
const entries = readFileSync(args.positional[0], 'utf8').split('\n').filter((l) => l.length).map((l) => l.split('\t'));

async function check(file, expectedFile) {
  const where = `${args.engine} reading ${file}`;
  let fields;
  let columns;
  try {
    ({ fields, columns } = await readWith(args.engine, file));
  } catch (e) {
    return `${where}: ${e.message ?? e}`;
  }
  const expected = readFileSync(expectedFile, 'utf8').split('\n').filter((l) => l.length).map(parseCanonical);
  const n = columns.length ? columns[0].length : 0;
  if (n !== expected.length) return `${where}: ${n} rows, expected ${expected.length}`;
  for (let i = 0; i < n; i++) {
    const row = {};
    fields.forEach((f, c) => { row[f.name] = canonicalValue(f.type, columns[c][i]); });
    const actualText = stringify(row);
    if (!valuesEqual(expected[i], parseCanonical(actualText))) {
      const diff = Object.keys({ ...expected[i], ...row })
        .filter((k) => !valuesEqual(expected[i][k] ?? null, parseCanonical(stringify(row[k] ?? null))));
      const pick = (o) => Object.fromEntries(diff.map((k) => [k, o[k]]));
      return `${where}: row ${i} differs in ${diff.join(', ')}\n  expected: ${JSON.stringify(pick(expected[i]))}\n  actual:   ${stringify(pick(row))}`;
    }
  }
  return null;
}

const failures = [];
for (const [file, expectedFile] of entries) {
  const failure = await check(file, expectedFile);
  if (failure) failures.push(failure);
}
if (failures.length) {
  process.stderr.write(`${failures.length} of ${entries.length} files differ:\n${failures.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${args.engine}: ${entries.length} files match\n`);
