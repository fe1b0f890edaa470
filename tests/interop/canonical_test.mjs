#!/usr/bin/env node
// ctest interop_canonical_form: the canonical value formatting of README.md, case by case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalValue, stringify, formatF32, formatDatetime, formatTime, formatDate, formatDecimal, daysFromCivil } from './lib/canonical.mjs';
import { t, typeName } from './lib/types.mjs';
import { parseCanonical, valuesEqual } from './lib/compare.mjs';

const text = (type, raw) => stringify(canonicalValue(type, raw));

test('integers are exact JSON numbers', () => {
  assert.equal(text(t.int('u64'), 18446744073709551615n), '18446744073709551615');
  assert.equal(text(t.int('i64'), -9223372036854775808n), '-9223372036854775808');
});

test('float32 prints the shortest form that round-trips the float32', () => {
  assert.equal(formatF32(Math.fround(0.1)).text, '0.1');
  assert.equal(formatF32(Math.fround(3.4028234663852886e38)).text, '3.4028235e+38');
  assert.equal(formatF32(1.401298464324817e-45).text, '1e-45');
  assert.equal(formatF32(16777216).text, '16777216');
  assert.equal(formatF32(Math.fround(1 / 3)).text, '0.33333334');
  for (let i = 1; i < 2000; i++) {
    const x = Math.fround(i * 1.37e-3);
    assert.equal(Math.fround(Number(formatF32(x).text)), x);
  }
});

test('float64: shortest round-trip, -0, non-finite as strings', () => {
  assert.equal(text(t.f64(), 0.1), '0.1');
  assert.equal(text(t.f64(), 1e21), '1e+21');
  assert.equal(text(t.f64(), 1e-7), '1e-7');
  assert.equal(text(t.f64(), -0), '-0');
  assert.equal(text(t.f64(), NaN), '"NaN"');
  assert.equal(text(t.f64(), -Infinity), '"-Infinity"');
});

test('dates, times and timestamps', () => {
  assert.equal(formatDate(0), '1970-01-01');
  assert.equal(formatDate(-1), '1969-12-31');
  assert.equal(formatDate(daysFromCivil(2000, 2, 29)), '2000-02-29');
  assert.equal(formatDate(daysFromCivil(-1, 1, 1)), '-000001-01-01');
  assert.equal(formatDate(daysFromCivil(10000, 1, 1)), '+010000-01-01');
  assert.equal(formatTime(3723004n, 'ms'), '01:02:03.004');
  assert.equal(formatTime(0n, 'ns'), '00:00:00.000000000');
  assert.equal(formatDatetime(-1n, 'ns', true), '1969-12-31T23:59:59.999999999Z');
  assert.equal(formatDatetime(1700000000123n, 'ms', false), '2023-11-14T22:13:20.123');
  assert.equal(formatDatetime(1n, 's', false), '1970-01-01T00:00:01');
});

test('decimals are exact strings with the scale digits', () => {
  assert.equal(formatDecimal(-5n, 3), '-0.005');
  assert.equal(formatDecimal(12345n, 2), '123.45');
  assert.equal(formatDecimal(7n, 0), '7');
  assert.equal(formatDecimal(-(10n ** 38n - 1n), 10), '-9999999999999999999999999999.9999999999');
});

test('binary as base64, uuid as lowercase 8-4-4-4-12, nested forms', () => {
  assert.equal(text(t.binary(), new Uint8Array([0xff, 0, 1])), '"/wAB"');
  assert.equal(text(t.uuid(), Uint8Array.from({ length: 16 }, (_, i) => i * 17)), '"00112233-4455-6677-8899-aabbccddeeff"');
  const type = t.struct([{ name: 'b', type: t.list(t.int('i32')) }, { name: 'a', type: t.map(t.str(), t.f64()) }]);
  assert.equal(text(type, { b: [1, null], a: [['k', 0.5]] }), '{"b":[1,null],"a":[{"key":"k","value":0.5}]}');
  assert.equal(typeName(type), 'struct{b: list[i32], a: map[str, f64]}');
  assert.equal(typeName(t.datetime('ns', 'UTC')), 'datetime[ns, UTC]');
});

test('row comparison: exact numbers, temporal instants', () => {
  const a = parseCanonical('{"x":18446744073709551615,"t":"12:00:00.500","y":0.1}');
  assert.ok(valuesEqual(a, parseCanonical('{"x":18446744073709551615,"t":"12:00:00.500000000","y":0.1}')));
  assert.ok(!valuesEqual(a, parseCanonical('{"x":18446744073709551614,"t":"12:00:00.500","y":0.1}')));
  assert.ok(!valuesEqual(a, parseCanonical('{"x":18446744073709551615,"t":"12:00:00.5Z","y":0.1}')));
});
