// DuckDB (@duckdb/node-api) <-> canonical types, raw values and SQL literals.
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import { t, isInt } from './types.mjs';
import { canonicalValue, formatF64, formatF32, JsonNumber } from './canonical.mjs';

export async function openDuckDB() {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  return { instance, connection };
}

export function closeDuckDB({ instance, connection }) {
  connection.closeSync();
  instance.closeSync();
}

const INTS = {
  [DuckDBTypeId.TINYINT]: 'i8', [DuckDBTypeId.SMALLINT]: 'i16', [DuckDBTypeId.INTEGER]: 'i32', [DuckDBTypeId.BIGINT]: 'i64',
  [DuckDBTypeId.UTINYINT]: 'u8', [DuckDBTypeId.USMALLINT]: 'u16', [DuckDBTypeId.UINTEGER]: 'u32', [DuckDBTypeId.UBIGINT]: 'u64',
  [DuckDBTypeId.HUGEINT]: 'i128', [DuckDBTypeId.UHUGEINT]: 'u128',
};

export function canonicalTypeOf(type) {
  const id = type.typeId;
  if (INTS[id]) return t.int(INTS[id]);
  switch (id) {
    case DuckDBTypeId.FLOAT: return t.f32();
    case DuckDBTypeId.DOUBLE: return t.f64();
    case DuckDBTypeId.BOOLEAN: return t.bool();
    case DuckDBTypeId.VARCHAR: case DuckDBTypeId.ENUM: return t.str();
    case DuckDBTypeId.BLOB: return t.binary();
    case DuckDBTypeId.UUID: return t.uuid();
    case DuckDBTypeId.DATE: return t.date();
    case DuckDBTypeId.TIME: return t.time('us');
    case DuckDBTypeId.TIME_NS: return t.time('ns');
    case DuckDBTypeId.TIMESTAMP_S: return t.datetime('s');
    case DuckDBTypeId.TIMESTAMP_MS: return t.datetime('ms');
    case DuckDBTypeId.TIMESTAMP: return t.datetime('us');
    case DuckDBTypeId.TIMESTAMP_NS: return t.datetime('ns');
    case DuckDBTypeId.TIMESTAMP_TZ: return t.datetime('us', 'UTC');
    case DuckDBTypeId.DECIMAL: return t.decimal(type.width, type.scale);
    case DuckDBTypeId.STRUCT: return t.struct(type.entryNames.map((name, i) => ({ name, type: canonicalTypeOf(type.entryTypes[i]) })));
    case DuckDBTypeId.LIST: case DuckDBTypeId.ARRAY: return t.list(canonicalTypeOf(type.valueType));
    case DuckDBTypeId.MAP: return t.map(canonicalTypeOf(type.keyType), canonicalTypeOf(type.valueType));
    case DuckDBTypeId.SQLNULL: return t.null();
    default: throw new TypeError(`DuckDB type ${type} has no canonical form`);
  }
}

// Raw value (canonical.mjs convention) of a DuckDBValue of canonical type `type`.
export function rawOf(type, v) {
  if (v === null || v === undefined) return null;
  if (isInt(type)) return BigInt(v);
  switch (type.id) {
    case 'f32': case 'f64': case 'bool': case 'str': return v;
    case 'binary': return v.bytes;
    case 'uuid': return v.toString();
    case 'date': return v.days;
    case 'time': return type.unit === 'ns' ? v.nanos : v.micros;
    case 'datetime': return { s: v.seconds, ms: v.millis, us: v.micros, ns: v.nanos }[type.unit];
    case 'decimal': return v.value;
    case 'struct': {
      const out = {};
      for (const f of type.fields) out[f.name] = rawOf(f.type, v.entries[f.name]);
      return out;
    }
    case 'list': return v.items.map((x) => rawOf(type.item, x));
    case 'map': return v.entries.map(({ key, value }) => [rawOf(type.key, key), rawOf(type.value, value)]);
    case 'null': return null;
    default: throw new TypeError(`rawOf: unknown type ${type.id}`);
  }
}

// Runs a query; returns {fields: [{name, type}], columns: [[raw]]}.
export async function queryRaw(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const fields = reader.columnTypes().map((ty, i) => ({ name: names[i], type: canonicalTypeOf(ty) }));
  const columns = reader.getColumns().map((col, c) => col.map((v) => rawOf(fields[c].type, v)));
  return { fields, columns };
}

// ---- SQL types and literals ------------------------------------------------------------

const quoteString = (s) => `'${s.replace(/'/g, "''")}'`;
export const quoteIdent = (s) => `"${s.replace(/"/g, '""')}"`;

const DUCK_INTS = { i8: 'TINYINT', i16: 'SMALLINT', i32: 'INTEGER', i64: 'BIGINT', u8: 'UTINYINT', u16: 'USMALLINT', u32: 'UINTEGER', u64: 'UBIGINT' };

export function sqlType(type) {
  if (isInt(type)) return DUCK_INTS[type.id];
  switch (type.id) {
    case 'f32': return 'FLOAT';
    case 'f64': return 'DOUBLE';
    case 'bool': return 'BOOLEAN';
    case 'str': return 'VARCHAR';
    case 'binary': return 'BLOB';
    case 'uuid': return 'UUID';
    case 'date': return 'DATE';
    case 'time': return type.unit === 'ns' ? 'TIME_NS' : 'TIME';
    case 'datetime':
      if (type.tz) return 'TIMESTAMPTZ';
      return { s: 'TIMESTAMP_S', ms: 'TIMESTAMP_MS', us: 'TIMESTAMP', ns: 'TIMESTAMP_NS' }[type.unit];
    case 'decimal': return `DECIMAL(${type.precision},${type.scale})`;
    case 'struct': return `STRUCT(${type.fields.map((f) => `${quoteIdent(f.name)} ${sqlType(f.type)}`).join(', ')})`;
    case 'list': return `${sqlType(type.item)}[]`;
    case 'map': return `MAP(${sqlType(type.key)}, ${sqlType(type.value)})`;
    default: throw new TypeError(`sqlType: unknown type ${type.id}`);
  }
}

// A typed SQL literal of a raw value.
export function sqlLiteral(type, raw) {
  if (raw === null || raw === undefined) return `NULL::${sqlType(type)}`;
  if (isInt(type)) return `'${BigInt(raw)}'::${sqlType(type)}`;
  switch (type.id) {
    case 'f32': case 'f64': {
      const c = type.id === 'f32' ? formatF32(raw) : formatF64(raw);
      return `${c instanceof JsonNumber ? quoteString(c.text) : quoteString(c)}::${sqlType(type)}`;
    }
    case 'bool': return raw ? 'TRUE' : 'FALSE';
    case 'str': return `${quoteString(raw)}::VARCHAR`;
    case 'binary': return `from_base64(${quoteString(canonicalValue(type, raw))})`;
    case 'struct': return `{${type.fields.map((f) => `${quoteString(f.name)}: ${sqlLiteral(f.type, raw[f.name])}`).join(', ')}}::${sqlType(type)}`;
    case 'list': return `[${raw.map((v) => sqlLiteral(type.item, v)).join(', ')}]::${sqlType(type)}`;
    case 'map': return `MAP {${raw.map(([k, v]) => `${sqlLiteral(type.key, k)}: ${sqlLiteral(type.value, v)}`).join(', ')}}::${sqlType(type)}`;
    case 'datetime': {
      // The canonical text is a valid literal; 'Z' makes a TIMESTAMPTZ literal exact in UTC.
      return `${quoteString(canonicalValue(type, raw))}::${sqlType(type)}`;
    }
    default: return `${quoteString(canonicalValue(type, raw))}::${sqlType(type)}`;
  }
}
