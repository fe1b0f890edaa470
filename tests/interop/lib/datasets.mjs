// Source data of the write matrix: every value is a formula of the row index, so the
// expected rows are computed from the values handed to the engines, never read back.
// A dataset is {fields: [{name, type}], columns: [[raw]]} (raw values as in canonical.mjs).
import { t } from './types.mjs';
import { daysFromCivil } from './canonical.mjs';

const NON_ASCII = ['héllo', 'Grüße', '世界', 'emoji 🙂', 'Ελληνικά', 'שלום', 'ß∂ƒ©'];
const EPOCH_2024_US = BigInt(daysFromCivil(2024, 1, 1)) * 86400000000n;

const nullEvery = (k, f) => (i) => (i % k === k - 1 ? null : f(i));

// One column spec: name, type, value of row i.
function column(name, type, valueOf) {
  return { name, type, valueOf };
}

function intColumns(kinds) {
  const limits = {
    i8: [-128n, 127n], i16: [-32768n, 32767n], i32: [-(2n ** 31n), 2n ** 31n - 1n], i64: [-(2n ** 63n), 2n ** 63n - 1n],
    u8: [0n, 255n], u16: [0n, 65535n], u32: [0n, 2n ** 32n - 1n], u64: [0n, 2n ** 64n - 1n],
  };
  return kinds.map((id) => {
    const [lo, hi] = limits[id];
    const span = hi - lo + 1n;
    return column(id, t.int(id), nullEvery(7, (i) => {
      if (i === 1) return hi;
      if (i === 2) return lo;
      return lo + ((BigInt(i) * 2654435761n + 12345n) % span);
    }));
  });
}

const F64_SPECIAL = [NaN, Infinity, -Infinity, -0, 5e-324, 1.7976931348623157e308, 0.1, 1e21, 1e-7, 123456789.125];
const F32_SPECIAL = [NaN, Infinity, -Infinity, -0, 1.401298464324817e-45, 3.4028234663852886e38, Math.fround(0.1), Math.fround(1e21), Math.fround(1e-7), 16777216];

const floatColumns = () => [
  column('f32', t.f32(), nullEvery(9, (i) => (i < F32_SPECIAL.length ? F32_SPECIAL[i] : Math.fround((i - 150) / 7)))),
  column('f64', t.f64(), nullEvery(9, (i) => (i < F64_SPECIAL.length ? F64_SPECIAL[i] : (i - 150) / 7 + 1e-9 * i))),
];

function stringValue(i) {
  if (i % 11 === 0) return '';
  if (i % 5 === 0) return `${NON_ASCII[i % NON_ASCII.length]} #${i}`;
  return `token_${i % 50}`;
}

const textColumns = () => [
  column('bool', t.bool(), nullEvery(5, (i) => i % 3 === 0)),
  column('str', t.str(), nullEvery(13, stringValue)),
  column('str_unique', t.str(), (i) => `row-${i.toString(36)}-${'x'.repeat(i % 17)}`),
  column('binary', t.binary(), nullEvery(8, (i) => Uint8Array.from({ length: i % 6 }, (_, k) => (i * 31 + k * 97) % 256))),
];

const DAY_US = 86400000000n;
const temporalValue = (i) => EPOCH_2024_US + BigInt(i) * 3723004005n - 40n * DAY_US * BigInt(i % 3);

function temporalColumns({ timeUnits, datetimeUnits, utcUnits }) {
  const cols = [column('date', t.date(), nullEvery(6, (i) => i * 37 - 5000))];
  for (const unit of timeUnits) {
    const perUs = { ms: [1n, 1000n], us: [1n, 1n], ns: [1000n, 1n] }[unit];
    cols.push(column(`time_${unit}`, t.time(unit), nullEvery(6, (i) => ((BigInt(i) * 3723004005n + 7n) % DAY_US) * perUs[0] / perUs[1])));
  }
  const scale = (unit, us, i) => ({ ms: us / 1000n, us, ns: us * 1000n + BigInt(i % 1000) })[unit];
  for (const unit of datetimeUnits) cols.push(column(`datetime_${unit}`, t.datetime(unit), nullEvery(6, (i) => scale(unit, temporalValue(i), i))));
  for (const unit of utcUnits) cols.push(column(`datetime_${unit}_utc`, t.datetime(unit, 'UTC'), nullEvery(6, (i) => scale(unit, -temporalValue(i) + 2n * EPOCH_2024_US, i))));
  return cols;
}

const decimalColumns = () => [
  column('dec_9_2', t.decimal(9, 2), nullEvery(4, (i) => BigInt(i * 12345 - 99999))),
  column('dec_18_4', t.decimal(18, 4), nullEvery(4, (i) => (i === 1 ? 10n ** 18n - 1n : BigInt(i) * 987654321987n - 5n * 10n ** 14n))),
  column('dec_38_10', t.decimal(38, 10), nullEvery(4, (i) => (i === 1 ? -(10n ** 38n - 1n) : BigInt(i) * 12345678901234567890123n + 3n))),
];

function uuidValue(i) {
  const b = new Uint8Array(16);
  for (let k = 0; k < 16; k++) b[k] = (i * 131 + k * 29 + (k * i) % 7) % 256;
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return b;
}

// ---- nested -----------------------------------------------------------------------------

const point = t.struct([{ name: 'x', type: t.int('i64') }, { name: 'label', type: t.str() }]);

function nestedColumns({ map }) {
  const cols = [
    column('id', t.int('i64'), (i) => BigInt(i)),
    column('s', point, (i) => (i % 7 === 3 ? null : { x: i % 5 === 0 ? null : BigInt(i * 3), label: stringValue(i) })),
    column('l_i64', t.list(t.int('i64')), (i) => (i % 9 === 4 ? null : Array.from({ length: i % 4 }, (_, k) => (k === 1 && i % 2 ? null : BigInt(i * 10 + k))))),
    column('l_str', t.list(t.str()), (i) => (i % 6 === 5 ? null : Array.from({ length: (i * 7) % 5 }, (_, k) => (k === 2 ? null : stringValue(i + k))))),
    column('l_struct', t.list(t.struct([{ name: 'agent', type: t.str() }, { name: 'weight', type: t.f64() }])),
      (i) => (i % 8 === 7 ? null : Array.from({ length: i % 3 }, (_, k) => (k === 1 && i % 4 === 0 ? null : { agent: `agent_${(i * 31 + k) % 100}`, weight: k === 0 && i % 5 === 0 ? null : (i + k) / 8 })))),
    column('s_of_l', t.struct([{ name: 'tags', type: t.list(t.str()) }, { name: 'inner', type: t.struct([{ name: 'z', type: t.int('i32') }]) }]),
      (i) => (i % 10 === 9 ? null : { tags: i % 3 === 0 ? null : Array.from({ length: i % 3 }, (_, k) => `tag${k}`), inner: i % 4 === 2 ? null : { z: i % 6 === 1 ? null : i - 50 } })),
    column('l_l_i32', t.list(t.list(t.int('i32'))), (i) => (i % 11 === 10 ? null : Array.from({ length: i % 3 }, (_, k) => (k === 1 && i % 2 ? null : Array.from({ length: (i + k) % 3 }, (_, j) => i + j))))),
  ];
  if (map) {
    cols.push(column('m', t.map(t.str(), t.int('i64')), (i) => (i % 5 === 4 ? null : Array.from({ length: i % 3 }, (_, k) => [`k${k}`, k === 1 && i % 2 ? null : BigInt(i * 100 + k)]))));
  }
  return cols;
}

function materialize(specs, n) {
  return {
    fields: specs.map(({ name, type }) => ({ name, type })),
    columns: specs.map(({ valueOf }) => Array.from({ length: n }, (_, i) => valueOf(i))),
  };
}

// The datasets each engine can take without changing types (Polars has nanosecond times only
// and no map; DuckDB has no millisecond time and writes time as microseconds).
export const datasets = {
  scalars: (engine, n = 300) => materialize([
    column('row', t.int('i64'), (i) => BigInt(i)),
    ...intColumns(['i8', 'i16', 'i32', 'i64', 'u8', 'u16', 'u32', 'u64']),
    ...floatColumns(),
    ...textColumns(),
    ...temporalColumns({
      timeUnits: engine === 'polars' ? ['ns'] : engine === 'duckdb' ? ['us', 'ns'] : ['ms', 'us', 'ns'],
      datetimeUnits: ['ms', 'us', 'ns'],
      utcUnits: engine === 'duckdb' ? ['us'] : ['ms', 'us', 'ns'],
    }),
    ...decimalColumns(),
    ...(engine === 'duckdb' ? [column('uuid', t.uuid(), nullEvery(5, uuidValue))] : []),
  ], n),
  nested: (engine, n = 200) => materialize(nestedColumns({ map: engine !== 'polars' }), n),
  // Many rows of few columns: for many row groups and pages.
  long: (engine, n = 20000) => materialize([
    column('tick', t.int('i64'), (i) => BigInt(Math.floor(i / 20))),
    column('agent', t.str(), nullEvery(10, (i) => `agent_${(i * 7919) % 1000}`)),
    column('weight', t.f64(), (i) => Number((BigInt(i) * 2654435761n) % 4294967296n) / 4294967296),
    column('sign', t.int('i32'), nullEvery(2, (i) => (i % 3 === 0 ? 1 : -1))),
  ], n),
};
