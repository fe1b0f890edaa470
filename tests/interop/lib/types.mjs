// Canonical column types of the interop contract (README.md, "Schema form").
// A type is a plain object: {id: 'i64'} ... {id: 'struct', fields: [{name, type}]}.

export const INT_TYPES = {
  i8: { bits: 8, signed: true }, i16: { bits: 16, signed: true },
  i32: { bits: 32, signed: true }, i64: { bits: 64, signed: true },
  u8: { bits: 8, signed: false }, u16: { bits: 16, signed: false },
  u32: { bits: 32, signed: false }, u64: { bits: 64, signed: false },
  i128: { bits: 128, signed: true }, u128: { bits: 128, signed: false }, // DuckDB HUGEINT, read only
};

export const TIME_UNITS = ['s', 'ms', 'us', 'ns'];

export const t = {
  int: (id) => ({ id }),
  f32: () => ({ id: 'f32' }),
  f64: () => ({ id: 'f64' }),
  bool: () => ({ id: 'bool' }),
  str: () => ({ id: 'str' }),
  binary: () => ({ id: 'binary' }),
  uuid: () => ({ id: 'uuid' }),
  date: () => ({ id: 'date' }),
  time: (unit) => ({ id: 'time', unit }),
  datetime: (unit, tz = null) => ({ id: 'datetime', unit, tz: tz ? 'UTC' : null }),
  decimal: (precision, scale) => ({ id: 'decimal', precision, scale }),
  struct: (fields) => ({ id: 'struct', fields }),
  list: (item) => ({ id: 'list', item }),
  map: (key, value) => ({ id: 'map', key, value }),
  null: () => ({ id: 'null' }),
};

export function isInt(type) {
  return Object.prototype.hasOwnProperty.call(INT_TYPES, type.id);
}

// The canonical type name, e.g. "datetime[us, UTC]", "struct{a: i64, b: list[str]}".
export function typeName(type) {
  switch (type.id) {
    case 'time': return `time[${type.unit}]`;
    case 'datetime': return type.tz ? `datetime[${type.unit}, UTC]` : `datetime[${type.unit}]`;
    case 'decimal': return `decimal(${type.precision},${type.scale})`;
    case 'struct': return `struct{${type.fields.map((f) => `${f.name}: ${typeName(f.type)}`).join(', ')}}`;
    case 'list': return `list[${typeName(type.item)}]`;
    case 'map': return `map[${typeName(type.key)}, ${typeName(type.value)}]`;
    default: return type.id;
  }
}

export function schemaForm(fields) {
  return fields.map((f) => ({ name: f.name, type: typeName(f.type) }));
}
