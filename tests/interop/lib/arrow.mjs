// Apache Arrow (apache-arrow JS) <-> canonical types and raw values.
// Reads go straight to the buffers (no Vector.get), so 64-bit values and nanoseconds stay exact.
import * as arrow from 'apache-arrow';
import { t, INT_TYPES, isInt } from './types.mjs';

const UNIT_FROM_ARROW = { [arrow.TimeUnit.SECOND]: 's', [arrow.TimeUnit.MILLISECOND]: 'ms', [arrow.TimeUnit.MICROSECOND]: 'us', [arrow.TimeUnit.NANOSECOND]: 'ns' };
const UNIT_TO_ARROW = { s: arrow.TimeUnit.SECOND, ms: arrow.TimeUnit.MILLISECOND, us: arrow.TimeUnit.MICROSECOND, ns: arrow.TimeUnit.NANOSECOND };

export function canonicalTypeOf(type) {
  switch (type.typeId) {
    case arrow.Type.Int: return t.int(`${type.isSigned ? 'i' : 'u'}${type.bitWidth}`);
    case arrow.Type.Float: return type.precision === arrow.Precision.DOUBLE ? t.f64() : t.f32();
    case arrow.Type.Bool: return t.bool();
    case arrow.Type.Utf8: case arrow.Type.LargeUtf8: case arrow.Type.Utf8View: return t.str();
    case arrow.Type.Binary: case arrow.Type.LargeBinary: case arrow.Type.BinaryView: return t.binary();
    case arrow.Type.FixedSizeBinary: return t.binary();
    case arrow.Type.Date: return t.date();
    case arrow.Type.Time: return t.time(UNIT_FROM_ARROW[type.unit]);
    case arrow.Type.Timestamp: return t.datetime(UNIT_FROM_ARROW[type.unit], type.timezone || null);
    case arrow.Type.Decimal: return t.decimal(type.precision, type.scale);
    case arrow.Type.Struct: return t.struct(type.children.map((f) => ({ name: f.name, type: canonicalTypeOf(f.type) })));
    case arrow.Type.List: case arrow.Type.LargeList: case arrow.Type.FixedSizeList: return t.list(canonicalTypeOf(type.children[0].type));
    case arrow.Type.Map: {
      const entry = type.children[0].type;
      return t.map(canonicalTypeOf(entry.children[0].type), canonicalTypeOf(entry.children[1].type));
    }
    case arrow.Type.Dictionary: return canonicalTypeOf(type.dictionary);
    case arrow.Type.Null: return t.null();
    default: throw new TypeError(`arrow type ${type} has no canonical form`);
  }
}

function decimalRaw(words, index, stride) {
  let v = 0n;
  for (let w = stride - 1; w >= 0; w--) v = (v << 32n) | BigInt(words[index * stride + w]);
  return BigInt.asIntN(stride * 32, v);
}

function viewBytes(data, i) {
  const view = new DataView(data.values.buffer, data.values.byteOffset + i * 16, 16);
  const len = view.getInt32(0, true);
  if (len <= 12) return data.values.subarray(i * 16 + 4, i * 16 + 4 + len);
  const buf = view.getInt32(8, true);
  const off = view.getInt32(12, true);
  return data.variadicBuffers[buf].subarray(off, off + len);
}

// Raw value (canonical.mjs convention) of row i of one arrow Data chunk.
function rawAt(data, i) {
  if (!data.getValid(i)) return null;
  const type = data.type;
  switch (type.typeId) {
    case arrow.Type.Int: case arrow.Type.Float: return data.values[i];
    case arrow.Type.Bool: {
      const idx = data.offset + i;
      return (data.values[idx >> 3] & (1 << (idx % 8))) !== 0;
    }
    case arrow.Type.Utf8: case arrow.Type.LargeUtf8: case arrow.Type.Binary: case arrow.Type.LargeBinary: {
      const bytes = data.values.subarray(Number(data.valueOffsets[i]), Number(data.valueOffsets[i + 1]));
      return type.typeId === arrow.Type.Utf8 || type.typeId === arrow.Type.LargeUtf8 ? Buffer.from(bytes).toString('utf8') : bytes;
    }
    case arrow.Type.Utf8View: return Buffer.from(viewBytes(data, i)).toString('utf8');
    case arrow.Type.BinaryView: return viewBytes(data, i);
    case arrow.Type.FixedSizeBinary: return data.values.subarray(i * type.byteWidth, (i + 1) * type.byteWidth);
    case arrow.Type.Date:
      return type.unit === arrow.DateUnit.DAY ? data.values[i] : Number(BigInt(data.values[i]) / 86400000n);
    case arrow.Type.Time: case arrow.Type.Timestamp: return BigInt(data.values[i]);
    case arrow.Type.Decimal: return decimalRaw(data.values, i, type.bitWidth / 32);
    case arrow.Type.Struct: {
      const out = {};
      type.children.forEach((f, c) => { out[f.name] = rawAt(data.children[c], i); });
      return out;
    }
    case arrow.Type.List: case arrow.Type.LargeList: case arrow.Type.Map: {
      const child = data.children[0];
      const out = [];
      for (let j = Number(data.valueOffsets[i]); j < Number(data.valueOffsets[i + 1]); j++) {
        const v = rawAt(child, j);
        out.push(type.typeId === arrow.Type.Map ? [v[child.type.children[0].name], v[child.type.children[1].name]] : v);
      }
      return out;
    }
    case arrow.Type.FixedSizeList: {
      const out = [];
      for (let j = i * type.listSize; j < (i + 1) * type.listSize; j++) out.push(rawAt(data.children[0], j));
      return out;
    }
    case arrow.Type.Dictionary: return rawAt(data.dictionary.data[0], Number(data.values[i]));
    case arrow.Type.Null: return null;
    default: throw new TypeError(`arrow type ${type} has no canonical form`);
  }
}

// {fields: [{name, type}], columns: [[raw]]} of an arrow Table.
export function tableToRaw(table) {
  const fields = table.schema.fields.map((f) => ({ name: f.name, type: canonicalTypeOf(f.type) }));
  const columns = table.schema.fields.map((f, c) => {
    const out = [];
    for (const data of table.getChildAt(c).data) {
      for (let i = 0; i < data.length; i++) out.push(rawAt(data, i));
    }
    return out;
  });
  return { fields, columns };
}

// ---- Building arrow data from raw values ------------------------------------------------

export function arrowTypeOf(type) {
  if (isInt(type)) return new arrow.Int(INT_TYPES[type.id].signed, INT_TYPES[type.id].bits);
  switch (type.id) {
    case 'f32': return new arrow.Float32();
    case 'f64': return new arrow.Float64();
    case 'bool': return new arrow.Bool();
    case 'str': return new arrow.Utf8();
    case 'binary': return new arrow.Binary();
    case 'uuid': return new arrow.FixedSizeBinary(16);
    case 'date': return new arrow.DateDay();
    case 'time': return new arrow.Time(UNIT_TO_ARROW[type.unit], type.unit === 's' || type.unit === 'ms' ? 32 : 64);
    case 'datetime': return new arrow.Timestamp(UNIT_TO_ARROW[type.unit], type.tz ? 'UTC' : null);
    case 'decimal': return new arrow.Decimal(type.scale, type.precision, 128);
    case 'struct': return new arrow.Struct(type.fields.map((f) => new arrow.Field(f.name, arrowTypeOf(f.type), true)));
    case 'list': return new arrow.List(new arrow.Field('item', arrowTypeOf(type.item), true));
    case 'map': return new arrow.Map_(new arrow.Field('entries', new arrow.Struct([
      new arrow.Field('key', arrowTypeOf(type.key), false),
      new arrow.Field('value', arrowTypeOf(type.value), true)]), false), false);
    default: throw new TypeError(`no arrow type for ${type.id}`);
  }
}

function validity(raws) {
  const bitmap = new Uint8Array(((raws.length + 63) >> 6) << 3);
  let nulls = 0;
  raws.forEach((v, i) => {
    if (v === null || v === undefined) nulls++;
    else bitmap[i >> 3] |= 1 << (i % 8);
  });
  return { nullBitmap: nulls ? bitmap : undefined, nullCount: nulls };
}

const encoder = new TextEncoder();

function variableWidth(chunks) {
  const valueOffsets = new Int32Array(chunks.length + 1);
  let total = 0;
  chunks.forEach((b, i) => { total += b ? b.length : 0; valueOffsets[i + 1] = total; });
  const data = new Uint8Array(total);
  chunks.forEach((b, i) => { if (b) data.set(b, valueOffsets[i]); });
  return { valueOffsets, data };
}

export function buildData(type, raws) {
  const arrowType = arrowTypeOf(type);
  const { nullBitmap, nullCount } = validity(raws);
  const length = raws.length;
  const base = { type: arrowType, length, nullCount, nullBitmap };
  if (isInt(type)) {
    const bits = INT_TYPES[type.id].bits;
    const Ctor = arrowType.ArrayType;
    const values = new Ctor(length);
    raws.forEach((v, i) => { if (v !== null && v !== undefined) values[i] = bits === 64 ? BigInt(v) : Number(v); });
    return arrow.makeData({ ...base, data: values });
  }
  switch (type.id) {
    case 'f32': case 'f64': case 'date': {
      const values = new arrowType.ArrayType(length);
      raws.forEach((v, i) => { if (v !== null && v !== undefined) values[i] = v; });
      return arrow.makeData({ ...base, data: values });
    }
    case 'time': case 'datetime': {
      const wide = type.id === 'datetime' || type.unit === 'us' || type.unit === 'ns';
      const values = wide ? new BigInt64Array(length) : new Int32Array(length);
      raws.forEach((v, i) => { if (v !== null && v !== undefined) values[i] = wide ? BigInt(v) : Number(v); });
      return arrow.makeData({ ...base, data: values });
    }
    case 'bool': {
      const values = new Uint8Array(((length + 63) >> 6) << 3);
      raws.forEach((v, i) => { if (v) values[i >> 3] |= 1 << (i % 8); });
      return arrow.makeData({ ...base, data: values });
    }
    case 'str': case 'binary': {
      const { valueOffsets, data } = variableWidth(raws.map((v) => (v === null || v === undefined ? null : type.id === 'str' ? encoder.encode(v) : v)));
      return arrow.makeData({ ...base, valueOffsets, data });
    }
    case 'uuid': {
      const data = new Uint8Array(length * 16);
      raws.forEach((v, i) => { if (v) data.set(v, i * 16); });
      return arrow.makeData({ ...base, data });
    }
    case 'decimal': {
      const data = new Uint32Array(length * 4);
      raws.forEach((v, i) => {
        if (v === null || v === undefined) return;
        let u = BigInt.asUintN(128, BigInt(v));
        for (let w = 0; w < 4; w++) { data[i * 4 + w] = Number(u & 0xffffffffn); u >>= 32n; }
      });
      return arrow.makeData({ ...base, data });
    }
    case 'struct': {
      const children = type.fields.map((f) => buildData(f.type, raws.map((r) => (r === null || r === undefined ? null : r[f.name]))));
      return arrow.makeData({ ...base, children });
    }
    case 'list': case 'map': {
      const valueOffsets = new Int32Array(length + 1);
      const items = [];
      raws.forEach((r, i) => { if (r) items.push(...r); valueOffsets[i + 1] = items.length; });
      const child = type.id === 'list'
        ? buildData(type.item, items)
        : buildData(t.struct([{ name: 'key', type: type.key }, { name: 'value', type: type.value }]), items.map(([key, value]) => ({ key, value })));
      const childData = type.id === 'map'
        ? arrow.makeData({ type: arrowType.children[0].type, length: child.length, nullCount: 0, children: child.children })
        : child;
      return arrow.makeData({ ...base, valueOffsets, child: childData });
    }
    default: throw new TypeError(`buildData: no arrow data for ${type.id}`);
  }
}

// An arrow Table of fields [{name, type}] and columns [[raw]].
export function buildTable(fields, columns) {
  const schema = new arrow.Schema(fields.map((f) => new arrow.Field(f.name, arrowTypeOf(f.type), true)));
  const children = fields.map((f, c) => buildData(f.type, columns[c]));
  const length = columns.length ? columns[0].length : 0;
  const structData = arrow.makeData({ type: new arrow.Struct(schema.fields), length, nullCount: 0, children });
  return new arrow.Table(schema, [new arrow.RecordBatch(schema, structData)]);
}
