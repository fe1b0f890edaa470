// Canonical values of the interop contract (README.md, "Canonical row form").
// canonicalValue(type, raw) turns a raw value into a JSON tree; stringify() prints it.
// Raw values: integers as BigInt (or safe Numbers), floats as Number, date as days since
// 1970-01-01, time and datetime as BigInt counts of their unit, decimal as the BigInt
// unscaled value, binary and uuid as Uint8Array, struct as {field: raw}, list as [raw],
// map as [[key, value]], null/undefined as null.
import { isInt } from './types.mjs';

// A JSON number printed verbatim (exact integers, shortest floats).
export class JsonNumber {
  constructor(text) { this.text = text; }
}

export function stringify(value) {
  if (value === null || value === undefined) return 'null';
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(stringify).join(',')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)}`).join(',')}}`;
  }
  throw new TypeError(`stringify: unexpected ${typeof value} ${String(value)}`);
}

const UNIT_PER_SECOND = { s: 1n, ms: 1000n, us: 1000000n, ns: 1000000000n };
const UNIT_DIGITS = { s: 0, ms: 3, us: 6, ns: 9 };

function floorDiv(a, b) {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

// Days since 1970-01-01 to [year, month, day] (proleptic Gregorian, H. Hinnant's algorithm).
export function civilFromDays(days) {
  const z = BigInt(days) + 719468n;
  const era = (z >= 0n ? z : z - 146096n) / 146097n;
  const doe = z - era * 146097n;
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
  let y = yoe + era * 400n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const d = doy - (153n * mp + 2n) / 5n + 1n;
  const m = mp < 10n ? mp + 3n : mp - 9n;
  if (m <= 2n) y += 1n;
  return [y, m, d];
}

// Days since 1970-01-01 of a civil date (inverse of civilFromDays).
export function daysFromCivil(year, month, day) {
  let y = BigInt(year);
  const m = BigInt(month);
  if (m <= 2n) y -= 1n;
  const era = (y >= 0n ? y : y - 399n) / 400n;
  const yoe = y - era * 400n;
  const doy = (153n * (m > 2n ? m - 3n : m + 9n) + 2n) / 5n + BigInt(day) - 1n;
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return Number(era * 146097n + doe - 719468n);
}

const pad = (v, n) => v.toString().padStart(n, '0');

function formatYear(y) {
  if (y >= 0n && y <= 9999n) return pad(y, 4);
  return (y < 0n ? '-' : '+') + pad(y < 0n ? -y : y, 6);
}

export function formatDate(days) {
  const [y, m, d] = civilFromDays(days);
  return `${formatYear(y)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function formatTimeOfDay(secondOfDay, fraction, unit) {
  const h = secondOfDay / 3600n;
  const mi = (secondOfDay % 3600n) / 60n;
  const s = secondOfDay % 60n;
  const digits = UNIT_DIGITS[unit];
  return `${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${digits ? '.' + pad(fraction, digits) : ''}`;
}

export function formatTime(count, unit) {
  const c = BigInt(count);
  const per = UNIT_PER_SECOND[unit];
  const secs = floorDiv(c, per);
  return formatTimeOfDay(secs, c - secs * per, unit);
}

export function formatDatetime(count, unit, utc) {
  const c = BigInt(count);
  const per = UNIT_PER_SECOND[unit];
  const secs = floorDiv(c, per);
  const days = floorDiv(secs, 86400n);
  return `${formatDate(days)}T${formatTimeOfDay(secs - days * 86400n, c - secs * per, unit)}${utc ? 'Z' : ''}`;
}

export function formatDecimal(unscaled, scale) {
  let v = BigInt(unscaled);
  if (scale <= 0) return (v * 10n ** BigInt(-scale)).toString();
  const negative = v < 0n;
  if (negative) v = -v;
  const digits = v.toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

function nonFinite(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return null;
}

// Shortest round-trip form of a double, in ECMAScript Number::toString layout; -0 as "-0".
export function formatF64(x) {
  const special = nonFinite(x);
  if (special) return special;
  return new JsonNumber(Object.is(x, -0) ? '-0' : String(x));
}

// Shortest round-trip form of a float32 (x is the float32 value as a double): the decimal
// with the fewest significant digits (1..9) that rounds back to x as a float32; among those
// the one nearest to x. Printed in ECMAScript Number::toString layout.
export function formatF32(x) {
  const special = nonFinite(x);
  if (special) return special;
  if (x === 0) return new JsonNumber(Object.is(x, -0) ? '-0' : '0');
  for (let p = 1; p <= 9; p++) {
    const nearest = Number(x.toPrecision(p));
    const candidates = [nearest];
    // The nearest p-digit decimal may miss at a power-of-two boundary where the rounding
    // interval is asymmetric: also try the p-digit neighbours.
    const exp = Math.floor(Math.log10(Math.abs(nearest))) - (p - 1);
    const step = 10 ** exp;
    candidates.push(Number((nearest - step).toPrecision(p)), Number((nearest + step).toPrecision(p)));
    let best = null;
    for (const c of candidates) {
      if (Math.fround(c) === x && (best === null || Math.abs(c - x) < Math.abs(best - x))) best = c;
    }
    if (best !== null) return new JsonNumber(String(best));
  }
  return new JsonNumber(String(x));
}

export function base64(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function formatUuid(bytes) {
  const h = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function canonicalValue(type, raw) {
  if (raw === null || raw === undefined) return null;
  if (isInt(type)) return new JsonNumber(BigInt(raw).toString());
  switch (type.id) {
    case 'f64': return formatF64(Number(raw));
    case 'f32': return formatF32(Number(raw));
    case 'bool': return Boolean(raw);
    case 'str': return String(raw);
    case 'binary': return base64(raw);
    case 'uuid': return typeof raw === 'string' ? raw.toLowerCase() : formatUuid(raw);
    case 'date': return formatDate(raw);
    case 'time': return formatTime(raw, type.unit);
    case 'datetime': return formatDatetime(raw, type.unit, type.tz !== null);
    case 'decimal': return formatDecimal(raw, type.scale);
    case 'struct': {
      const out = {};
      for (const f of type.fields) out[f.name] = canonicalValue(f.type, raw[f.name]);
      return out;
    }
    case 'list': return Array.from(raw, (v) => canonicalValue(type.item, v));
    case 'map': return Array.from(raw, ([k, v]) => ({ key: canonicalValue(type.key, k), value: canonicalValue(type.value, v) }));
    case 'null': return null;
    default: throw new TypeError(`canonicalValue: unknown type ${type.id}`);
  }
}

// Rows of columns: fields [{name, type}], columns [[raw]] -> [{name: canonical}].
export function canonicalRows(fields, columns) {
  const n = columns.length ? columns[0].length : 0;
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = {};
    fields.forEach((f, c) => { row[f.name] = canonicalValue(f.type, columns[c][i]); });
    rows[i] = row;
  }
  return rows;
}
