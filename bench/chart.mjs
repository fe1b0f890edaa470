// An SVG chart of a benchmark run: one bar per target of crv-io (issues 5, 10), its achieved ratio
// divided by the target (log scale; right of the 1x line: target met).

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// achieved / required, oriented so that above 1 is better.
function headroom(t) {
  if (t.value === null || t.value <= 0) return null;
  return t.kind === 'at_least' ? t.value / t.limit : t.limit / t.value;
}

export function renderChart(doc) {
  const bars = [];
  const notes = [];
  for (const c of doc.cases) {
    for (const t of c.targets) {
      if (t.kind === 'recorded') {
        notes.push(`${c.id}: ${t.name} ${t.value === null ? 'n/a' : `${t.value.toFixed(2)}x`} (recorded)`);
      } else {
        const op = t.kind === 'at_least' ? '≥' : '≤';
        const value = t.value === null ? 'n/a' : t.value.toFixed(2);
        bars.push({ label: `${c.id} ${t.name}`, text: `${value} (target ${op} ${t.limit})`, h: headroom(t), met: t.met });
      }
    }
  }
  const lo = Math.log10(0.05);
  const hi = Math.log10(20);
  const left = 330;
  const plot = 480;
  const rowH = 26;
  const top = 70;
  const width = left + plot + 190;
  const height = top + bars.length * rowH + 60 + notes.length * 18;
  const x = (v) => Math.round((left + ((Math.log10(Math.min(Math.max(v, 0.05), 20)) - lo) / (hi - lo)) * plot) * 10) / 10;
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13">`);
  out.push(`<rect width="100%" height="100%" fill="white"/>`);
  out.push(`<text x="12" y="24" font-size="16" font-weight="bold">crv-io targets (vs Polars, DuckDB and its own baselines): achieved / target, ${esc(doc.mode)} mode</text>`);
  out.push(`<text x="12" y="46" fill="#555">${esc(doc.date)} · ${esc(doc.machine.cpu)} x${doc.machine.cores} · right of 1× = target met (log scale)</text>`);
  for (const tick of [0.1, 0.2, 0.5, 1, 2, 5, 10]) {
    const tx = x(tick);
    out.push(`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${top + bars.length * rowH}" stroke="${tick === 1 ? '#000' : '#ddd'}" stroke-width="${tick === 1 ? 1.5 : 1}"/>`);
    out.push(`<text x="${tx}" y="${top + bars.length * rowH + 16}" text-anchor="middle" fill="#555">${tick}×</text>`);
  }
  bars.forEach((b, k) => {
    const y = top + k * rowH;
    out.push(`<text x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(b.label)}</text>`);
    if (b.h !== null) {
      const x0 = x(1);
      const x1 = x(b.h);
      out.push(`<rect x="${Math.min(x0, x1)}" y="${y + 5}" width="${Math.max(Math.abs(x1 - x0), 1).toFixed(1)}" height="${rowH - 10}" fill="${b.met ? '#2e9d48' : '#d0443a'}"/>`);
    }
    out.push(`<text x="${left + plot + 8}" y="${y + 17}" fill="${b.met ? '#1d6b31' : '#a02d25'}">${esc(b.text)}</text>`);
  });
  notes.forEach((n, k) => out.push(`<text x="12" y="${top + bars.length * rowH + 44 + k * 18}" fill="#555">${esc(n)}</text>`));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
