#!/usr/bin/env node
// ctest interop_engines_load: the three npm engines load in this Node, and a tiny file written
// by each is read by all three with the canonical rows of its source values.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import pl from 'nodejs-polars';
import * as pw from 'parquet-wasm';
import { buildTable } from './lib/arrow.mjs';
import { t } from './lib/types.mjs';
import { canonicalRows, stringify } from './lib/canonical.mjs';
import { readWith, ENGINES } from './lib/engines.mjs';
import { openDuckDB, closeDuckDB, sqlType, sqlLiteral, quoteIdent } from './lib/duckdb.mjs';

const data = {
  fields: [
    { name: 'tick', type: t.int('i64') }, { name: 'agent', type: t.str() }, { name: 'weight', type: t.f64() },
    { name: 'at', type: t.datetime('us', 'UTC') }, { name: 'tags', type: t.list(t.str()) },
    { name: 'payload', type: t.struct([{ name: 'legs', type: t.int('i64') }]) },
  ],
  columns: [
    [0n, 1n, 9007199254740993n], ['agent_1', null, 'Grüße 🙂'], [0.1, -0, NaN],
    [1700000000000001n, null, -1n], [['a', null], [], null], [{ legs: 1n }, null, { legs: null }],
  ],
};
const expected = canonicalRows(data.fields, data.columns).map(stringify);
const dir = mkdtempSync(join(tmpdir(), 'crv-interop-'));
let passed = 0;
let failed = 0;
try {
  const files = {};
  files['parquet-wasm'] = join(dir, 'parquet-wasm.parquet');
  const ipc = arrow.tableToIPC(buildTable(data.fields, data.columns), 'stream');
  writeFileSync(files['parquet-wasm'], pw.writeParquet(pw.Table.fromIPCStream(ipc)));
  files.polars = join(dir, 'polars.parquet');
  pl.readIPCStream(Buffer.from(ipc)).writeParquet(files.polars, { compression: 'zstd' });
  files.duckdb = join(dir, 'duckdb.parquet');
  const db = await openDuckDB();
  try {
    await db.connection.run(`CREATE TABLE src (${data.fields.map((f) => `${quoteIdent(f.name)} ${sqlType(f.type)}`).join(', ')})`);
    const rows = data.columns[0].map((_, i) => `(${data.fields.map((f, c) => sqlLiteral(f.type, data.columns[c][i])).join(', ')})`);
    await db.connection.run(`INSERT INTO src VALUES ${rows.join(', ')}`);
    await db.connection.run(`COPY src TO '${files.duckdb}' (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    closeDuckDB(db);
  }
  for (const writer of ENGINES) {
    for (const reader of ENGINES) {
      const { fields, columns } = await readWith(reader, files[writer]);
      const actual = canonicalRows(fields, columns).map(stringify);
      const ok = actual.length === expected.length && actual.every((r, i) => r === expected[i]);
      if (ok) passed++;
      else {
        failed++;
        process.stderr.write(`FAIL ${reader} reading the ${writer} file\n  expected: ${expected.join('\n            ')}\n  actual:   ${actual.join('\n            ')}\n`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`interop_engines_load: ${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
