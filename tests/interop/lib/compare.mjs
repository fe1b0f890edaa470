// Comparison of canonical rows (README.md, "Comparing rows"): exact, except that temporal
// strings compare as instants (trailing fraction zeros ignored, so "12:00:00.500" equals
// "12:00:00.500000000") and a uuid string equals the base64 of its 16 bytes.
const TEMPORAL = /^([+-]?\d{4,}-\d\d-\d\dT)?\d\d:\d\d:\d\d(\.\d+)?Z?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function normalizeTemporal(s) {
  return s.replace(/\.(\d*?)0*(Z?)$/, (_, digits, z) => (digits ? `.${digits}${z}` : z));
}

function uuidFromBase64(s) {
  const b = Buffer.from(s, 'base64');
  if (b.length !== 16 || b.toString('base64') !== s) return null;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function stringsEqual(a, b) {
  if (a === b) return true;
  if (TEMPORAL.test(a) && TEMPORAL.test(b)) return normalizeTemporal(a) === normalizeTemporal(b);
  if (UUID.test(a)) return uuidFromBase64(b) === a;
  if (UUID.test(b)) return uuidFromBase64(a) === b;
  return false;
}

// a, b: parsed JSON where numbers were kept as their source text (see parseCanonical).
export function valuesEqual(a, b) {
  if (a === null || b === null) return a === b;
  if (a instanceof NumberText || b instanceof NumberText) {
    return a instanceof NumberText && b instanceof NumberText && a.text === b.text;
  }
  if (typeof a === 'string' && typeof b === 'string') return stringsEqual(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && valuesEqual(a[k], b[k]));
  }
  return a === b;
}

// A JSON number as written (so 18446744073709551615 and 0.1 compare exactly as text).
export class NumberText {
  constructor(text) { this.text = text; }
  toJSON() { return this.text; }
}

// JSON.parse keeping number literals as NumberText (Node 20 has no source-text reviver,
// so numbers are quoted with a marker first; the canonical form never contains the marker).
const MARK = '\u0001n:';
export function parseCanonical(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') { out += text[++i]; } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') { inString = true; out += ch; continue; }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i;
      while (j < text.length && /[-+0-9.eE]/.test(text[j])) j++;
      out += JSON.stringify(MARK + text.slice(i, j));
      i = j - 1;
      continue;
    }
    out += ch;
  }
  return JSON.parse(out, (_, v) => (typeof v === 'string' && v.startsWith(MARK) ? new NumberText(v.slice(MARK.length)) : v));
}
