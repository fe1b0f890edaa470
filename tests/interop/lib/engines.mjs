// Reading a Parquet file natively with each engine, into {fields, columns} of raw values.
import { readFileSync } from 'node:fs';
import * as arrow from 'apache-arrow';
import pl from 'nodejs-polars';
import * as parquetWasm from 'parquet-wasm';
import { tableToRaw } from './arrow.mjs';
import { openDuckDB, closeDuckDB, queryRaw, quoteIdent } from './duckdb.mjs';

export const ENGINES = ['polars', 'duckdb', 'parquet-wasm'];

// Polars readParquet; the frame leaves Polars as Arrow IPC, read buffer by buffer.
function readPolars(file, columns) {
  const df = pl.readParquet(file, columns ? { columns } : {});
  return tableToRaw(arrow.tableFromIPC(df.writeIPCStream()));
}

async function readDuckDB(file, columns) {
  const db = await openDuckDB();
  try {
    const list = columns ? columns.map(quoteIdent).join(', ') : '*';
    return await queryRaw(db.connection, `SELECT ${list} FROM read_parquet('${file.replace(/'/g, "''")}', hive_partitioning = false)`);
  } finally {
    closeDuckDB(db);
  }
}

// parquet-wasm (Arrow Rust's parquet crate) readParquet; the table leaves WASM as Arrow IPC.
function readParquetWasm(file, columns) {
  const table = parquetWasm.readParquet(new Uint8Array(readFileSync(file)), columns ? { columns } : undefined);
  return tableToRaw(arrow.tableFromIPC(table.intoIPCStream()));
}

export async function readWith(engine, file, columns = null) {
  switch (engine) {
    case 'polars': return readPolars(file, columns);
    case 'duckdb': return readDuckDB(file, columns);
    case 'parquet-wasm': return readParquetWasm(file, columns);
    default: throw new Error(`unknown engine '${engine}' (one of ${ENGINES.join(', ')})`);
  }
}
