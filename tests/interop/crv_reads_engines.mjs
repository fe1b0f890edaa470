#!/usr/bin/env node
// ctest interop_crv_reads_engines: Polars, DuckDB and parquet-wasm write the matrix of
// write.mjs into a temporary folder; `crv-io parquet dump --format jsonl` of every file must
// equal its expected canonical rows byte for byte.
//   node crv_reads_engines.mjs --crv-io PATH [--keep DIR]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './lib/args.mjs';

const args = parseArgs(process.argv.slice(2), { 'crv-io': 'string', keep: 'string' }, 0);
if (!args['crv-io']) {
  process.stderr.write('usage: crv_reads_engines.mjs --crv-io PATH [--keep DIR]\n');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const dir = args.keep ?? mkdtempSync(join(tmpdir(), 'crv-reads-engines-'));
execFileSync(process.execPath, [join(here, 'write.mjs'), '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const failures = [];
for (const c of cases) {
  const expected = readFileSync(join(dir, c.expected), 'utf8');
  let actual;
  try {
    actual = execFileSync(args['crv-io'], ['parquet', 'dump', join(dir, c.file), '--format', 'jsonl'],
      { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    failures.push(`${c.file} (${c.description}): crv-io failed: ${e.stderr || e.message}`);
    continue;
  }
  if (actual === expected) continue;
  const a = actual.split('\n');
  const b = expected.split('\n');
  const row = a.findIndex((line, i) => line !== b[i]);
  failures.push(`${c.file} (${c.description}): row ${row} differs\n  crv-io:   ${a[row]}\n  expected: ${b[row]}`);
}
if (!args.keep) rmSync(dir, { recursive: true, force: true });
if (failures.length) {
  process.stderr.write(`${failures.length} of ${cases.length} files read differently:\n${failures.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`crv-io read all ${cases.length} engine-written files with the expected rows\n`);
