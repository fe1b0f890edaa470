// The text table of a benchmark run: one row per case and engine (median seconds, peak RSS,
// bytes on disk), with crv-io's ratio to the best peer and each issue-5 target met or not.

const MIB = 1024 * 1024;

const seconds = (s) => (s >= 10 ? s.toFixed(1) : s >= 0.1 ? s.toFixed(3) : s.toFixed(4));
const mib = (b) => `${(b / MIB).toFixed(1)} MiB`;
const mb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`);

// "speed vs best peer 0.48x >= 3 NOT MET".
export function describeTarget(t) {
  const value = t.value === null ? 'n/a' : `${t.value.toFixed(2)}${t.name.includes('MiB') ? '' : 'x'}`;
  if (t.kind === 'recorded') return `${t.name} ${value} (recorded)`;
  const op = t.kind === 'at_least' ? '>=' : '<=';
  return `${t.name} ${value} ${op} ${t.limit} ${t.met ? 'met' : 'NOT MET'}`;
}

function pad(rows) {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  const numeric = [false, false, true, true, true, false, false];
  return rows.map((r) => r.map((cell, k) => (numeric[k] ? cell.padStart(widths[k]) : cell.padEnd(widths[k]))).join('  ').trimEnd()).join('\n');
}

// The whole report: header, table, summary line.
export function formatReport(doc) {
  const rows = [['case', 'engine', 'median s', 'peak RSS', 'on disk', 'crv-io vs best peer', 'targets (issue 5)']];
  for (const c of doc.cases) {
    c.engines.forEach((engine, k) => {
      const r = c.results[engine];
      const label = k === 0 ? c.id : '';
      if (!r || r.error) {
        rows.push([label, engine, 'error', '', '', '', r ? r.error.split('\n')[0].slice(0, 80) : 'not run']);
        return;
      }
      const isCrv = engine === 'crv-io';
      const ratio = !isCrv || !c.speedup ? ''
        : c.speedup.value >= 1 ? `${c.speedup.value.toFixed(2)}x faster than ${c.speedup.best_peer}`
        : `${(1 / c.speedup.value).toFixed(2)}x slower than ${c.speedup.best_peer}`;
      const targets = isCrv ? c.targets.map(describeTarget) : [];
      if (c.workload === 'W5' && r.first_window_seconds > 0 && !isCrv) {
        targets.push(`last/first window appends ${(r.last_window_seconds / r.first_window_seconds).toFixed(2)}x`);
      }
      rows.push([label, engine, seconds(r.seconds), mib(r.peak_rss_bytes), mb(r.bytes_on_disk), ratio, targets[0] ?? '']);
      for (const extra of targets.slice(1)) rows.push(['', '', '', '', '', '', extra]);
    });
    for (const m of c.row_mismatches) rows.push(['', '', '', '', '', '', `ROW MISMATCH: ${m}`]);
  }
  const m = doc.machine;
  const header = `crv-io benchmark, ${doc.mode} mode, ${doc.date}\n` +
    `machine: ${m.cpu} x${m.cores}, ${(m.memory_bytes / 2 ** 30).toFixed(0)} GiB, Linux ${m.kernel}, node ${m.node}\n` +
    `speed ratios: best peer's median seconds / crv-io's (above 1: crv-io faster)\n`;
  const s = doc.summary;
  const footer = `\ntargets met: ${s.targets_met} of ${s.targets} (${s.targets_recorded} recorded only)` +
    `${s.errors ? `; ${s.errors} engine runs FAILED` : ''}; wall time ${doc.wall_seconds.toFixed(0)} s`;
  return `${header}\n${pad(rows)}\n${footer}\n`;
}
