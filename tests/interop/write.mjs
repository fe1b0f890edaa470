#!/usr/bin/env node
// Writes the interop matrix: Parquet files written by Polars, DuckDB and parquet-wasm in
// their defaults and the variants each offers, for crv-io to read.
//   node write.mjs --out DIR [--engines polars,duckdb,parquet-wasm]
// For each case: DIR/<name>.parquet, DIR/<name>.expected.jsonl (canonical rows computed from
// the source values, not read back), DIR/<name>.expected.schema.json; DIR/cases.json lists
// {file, engine, description, expected, schema}.
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import pl from 'nodejs-polars';
import * as pw from 'parquet-wasm';
import { buildTable } from './lib/arrow.mjs';
import { datasets } from './lib/datasets.mjs';
import { canonicalRows, stringify } from './lib/canonical.mjs';
import { schemaForm } from './lib/types.mjs';
import { openDuckDB, closeDuckDB, sqlType, sqlLiteral, quoteIdent } from './lib/duckdb.mjs';
import { parseArgs } from './lib/args.mjs';
import { ENGINES } from './lib/engines.mjs';

const args = parseArgs(process.argv.slice(2), { out: 'string', engines: 'list' }, 0);
if (!args.out) {
  process.stderr.write('usage: write.mjs --out DIR [--engines polars,duckdb,parquet-wasm]\n');
  process.exit(2);
}
const outDir = args.out;
const engines = args.engines ?? ENGINES;
mkdirSync(outDir, { recursive: true });

const cases = [];
function record(name, engine, description, data) {
  writeFileSync(join(outDir, `${name}.expected.jsonl`), canonicalRows(data.fields, data.columns).map((r) => stringify(r) + '\n').join(''));
  writeFileSync(join(outDir, `${name}.expected.schema.json`), JSON.stringify(schemaForm(data.fields)) + '\n');
  cases.push({ file: `${name}.parquet`, engine, description, expected: `${name}.expected.jsonl`, schema: `${name}.expected.schema.json`, rows: data.columns[0].length });
}

const toIPC = (data) => arrow.tableToIPC(buildTable(data.fields, data.columns), 'stream');

// ---- parquet-wasm (Arrow Rust) -----------------------------------------------------------
function writeParquetWasm() {
  const C = pw.Compression;
  const variants = [
    ['default', 'scalars', 'arrow-rs defaults: uncompressed, dictionary on, data page v1, chunk statistics', (b) => b],
    ['v2', 'scalars', 'data page v2 (writer version 2)', (b) => b.setWriterVersion(pw.WriterVersion.V2)],
    ['plain', 'scalars', 'dictionary off: PLAIN everywhere', (b) => b.setDictionaryEnabled(false)],
    ['nostats', 'scalars', 'statistics off', (b) => b.setStatisticsEnabled(pw.EnabledStatistics.None)],
    ['pagestats', 'scalars', 'page-level statistics (page index), small pages', (b) => b.setStatisticsEnabled(pw.EnabledStatistics.Page).setDataPageSizeLimit(512)],
    ['delta', 'scalars', 'dictionary off, v2: DELTA_BINARY_PACKED ints, DELTA_LENGTH_BYTE_ARRAY str, DELTA_BYTE_ARRAY str_unique, BYTE_STREAM_SPLIT floats',
      (b) => ['i8', 'i16', 'i32', 'i64', 'u8', 'u16', 'u32', 'u64', 'row', 'date', 'time_ms', 'time_us', 'time_ns', 'datetime_us', 'datetime_ns_utc']
        .reduce((bb, c) => bb.setColumnEncoding(c, pw.Encoding.DELTA_BINARY_PACKED), b.setDictionaryEnabled(false).setWriterVersion(pw.WriterVersion.V2))
        .setColumnEncoding('str', pw.Encoding.DELTA_LENGTH_BYTE_ARRAY).setColumnEncoding('binary', pw.Encoding.DELTA_LENGTH_BYTE_ARRAY)
        .setColumnEncoding('str_unique', pw.Encoding.DELTA_BYTE_ARRAY)
        .setColumnEncoding('f32', pw.Encoding.BYTE_STREAM_SPLIT).setColumnEncoding('f64', pw.Encoding.BYTE_STREAM_SPLIT)],
    ['kv_metadata', 'scalars', 'file key-value metadata crv_schema_version/crv_table_name/crv_run_id',
      (b) => b.setKeyValueMetadata(new Map([['crv_schema_version', '0.1@2025-09-20'], ['crv_table_name', 'identity_edges'], ['crv_run_id', 'run_abc123']]))],
    ...[['uncompressed', C.UNCOMPRESSED], ['snappy', C.SNAPPY], ['gzip', C.GZIP], ['brotli', C.BROTLI], ['lz4', C.LZ4], ['lz4_raw', C.LZ4_RAW], ['zstd', C.ZSTD]]
      .map(([name, codec]) => [`codec_${name}`, 'scalars', `compression ${name}`, (b) => b.setCompression(codec)]),
    ['nested', 'nested', 'struct, list, list of struct, struct of list, list of list, map', (b) => b],
    ['nested_v2_plain', 'nested', 'nested, data page v2, dictionary off, zstd', (b) => b.setWriterVersion(pw.WriterVersion.V2).setDictionaryEnabled(false).setCompression(C.ZSTD)],
    ['long_rowgroups', 'long', '20000 rows in row groups of 1000, pages of about 1 KiB, page statistics',
      (b) => b.setMaxRowGroupSize(1000).setDataPageSizeLimit(1024).setStatisticsEnabled(pw.EnabledStatistics.Page)],
    ['long_v2_rowgroups', 'long', '20000 rows, row groups of 3000, data page v2, snappy',
      (b) => b.setMaxRowGroupSize(3000).setWriterVersion(pw.WriterVersion.V2).setCompression(C.SNAPPY)],
  ];
  for (const [variant, set, description, configure] of variants) {
    const data = datasets[set]('parquet-wasm');
    const props = configure(new pw.WriterPropertiesBuilder()).build();
    const bytes = pw.writeParquet(pw.Table.fromIPCStream(toIPC(data)), props);
    const name = `parquet-wasm_${variant}`;
    writeFileSync(join(outDir, `${name}.parquet`), bytes);
    record(name, 'parquet-wasm', description, data);
  }
}

// ---- Polars --------------------------------------------------------------------------------
async function writePolars() {
  const variants = [
    ['default', 'scalars', 'writeParquet defaults (nodejs-polars: uncompressed)', { write: {} }],
    ...['snappy', 'gzip', 'brotli', 'lz4', 'zstd'].map((c) => [`codec_${c}`, 'scalars', `writeParquet compression ${c}`, { write: { compression: c } }]),
    ['sink_default', 'scalars', 'sinkParquet defaults (zstd, statistics on)', { sink: {} }],
    ['sink_nostats', 'scalars', 'sinkParquet statistics off', { sink: { statistics: false } }],
    ['sink_zstd22', 'scalars', 'sinkParquet zstd level 22', { sink: { compression: 'zstd', compressionLevel: 22 } }],
    ['nested', 'nested', 'struct, list, list of struct, struct of list, list of list (no map in Polars)', { write: { compression: 'zstd' } }],
    ['long_rowgroups', 'long', '20000 rows, sinkParquet row groups of 1000, data pages of 1 KiB', { sink: { rowGroupSize: 1000, dataPagesizeLimit: 1024 } }],
  ];
  for (const [variant, set, description, how] of variants) {
    const data = datasets[set]('polars');
    const df = pl.readIPCStream(Buffer.from(toIPC(data)));
    const name = `polars_${variant}`;
    const file = join(outDir, `${name}.parquet`);
    if (how.write) df.writeParquet(file, ...(how.write.compression ? [how.write] : []));
    else await df.lazy().sinkParquet(file, { ...how.sink }).collect();
    record(name, 'polars', description, data);
  }
}

// ---- DuckDB --------------------------------------------------------------------------------
async function loadDuckDBTable(connection, table, data) {
  await connection.run(`CREATE OR REPLACE TABLE ${table} (${data.fields.map((f) => `${quoteIdent(f.name)} ${sqlType(f.type)}`).join(', ')})`);
  const n = data.columns[0].length;
  for (let start = 0; start < n; start += 1000) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + 1000); i++) {
      rows.push(`(${data.fields.map((f, c) => sqlLiteral(f.type, data.columns[c][i])).join(', ')})`);
    }
    await connection.run(`INSERT INTO ${table} VALUES ${rows.join(',\n')}`);
  }
}

async function writeDuckDB() {
  const variants = [
    ['default', 'scalars', 'COPY defaults (snappy, v1 pages, dictionary when it pays)', ''],
    ['v2', 'scalars', 'PARQUET_VERSION V2 (data page v2, DELTA encodings)', 'PARQUET_VERSION V2'],
    ['plain', 'scalars', 'dictionary off (DICTIONARY_SIZE_LIMIT 0)', 'DICTIONARY_SIZE_LIMIT 0'],
    ['kv_metadata', 'scalars', 'KV_METADATA crv_schema_version/crv_table_name/crv_run_id',
      "KV_METADATA {crv_schema_version: '0.1@2025-09-20', crv_table_name: 'identity_edges', crv_run_id: 'run_abc123'}"],
    ...['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'lz4_raw'].map((c) => [`codec_${c}`, 'scalars', `COMPRESSION ${c}`, `COMPRESSION ${c}`]),
    ['nested', 'nested', 'struct, list, list of struct, struct of list, list of list, map', ''],
    ['nested_v2', 'nested', 'nested, PARQUET_VERSION V2, zstd', 'PARQUET_VERSION V2, COMPRESSION zstd'],
    ['long_rowgroups', 'long', '20000 rows, ROW_GROUP_SIZE 2048', 'ROW_GROUP_SIZE 2048'],
    ['long_v2_rowgroups', 'long', '20000 rows, ROW_GROUP_SIZE 4096, PARQUET_VERSION V2, zstd', 'ROW_GROUP_SIZE 4096, PARQUET_VERSION V2, COMPRESSION zstd'],
  ];
  const db = await openDuckDB();
  try {
    const loaded = new Set();
    for (const [variant, set, description, options] of variants) {
      const data = datasets[set]('duckdb');
      if (!loaded.has(set)) {
        await loadDuckDBTable(db.connection, set, data);
        loaded.add(set);
      }
      const name = `duckdb_${variant}`;
      const file = join(outDir, `${name}.parquet`);
      await db.connection.run(`COPY ${set} TO '${file.replace(/'/g, "''")}' (FORMAT parquet${options ? ', ' + options : ''})`);
      record(name, 'duckdb', description, data);
    }
  } finally {
    closeDuckDB(db);
  }
}

for (const engine of engines) {
  if (engine === 'parquet-wasm') writeParquetWasm();
  else if (engine === 'polars') await writePolars();
  else if (engine === 'duckdb') await writeDuckDB();
  else throw new Error(`unknown engine '${engine}'`);
}
rmSync(join(outDir, 'cases.json'), { force: true });
writeFileSync(join(outDir, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
process.stdout.write(`write.mjs: ${cases.length} cases in ${outDir}\n`);
