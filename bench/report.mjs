// The text table of a benchmark run: one row per case and engine (median seconds, peak RSS,
// bytes on disk), with crv-io's ratio to the best peer, each target met or not, and the
// figures a case measures besides its median (W5 latencies, W7-W9 baselines).

const MIB = 1024 * 1024;

const seconds = (s) => (s >= 10 ? s.toFixed(1) : s >= 0.1 ? s.toFixed(3) : s.toFixed(4));
const ms = (s) => `${(s * 1000).toFixed(s >= 0.01 ? 1 : 2)} ms`;
const mib = (b) => `${(b / MIB).toFixed(1)} MiB`;
const mb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`);

// "speed vs best peer 0.48x >= 3 NOT MET". A value that rounds to its limit gets two more
// digits, so that "15.00x >= 15 NOT MET" reads "14.9950x".
export function describeTarget(t) {
  const digits = t.value !== null && !Number.isInteger(t.value) && Number(t.value.toFixed(2)) === t.limit ? 4 : 2;
  const value = t.value === null ? 'n/a' : `${t.value.toFixed(digits)}${t.unit ?? 'x'}`;
  if (t.kind === 'recorded') return `${t.name} ${value} (recorded)`;
  const op = t.kind === 'at_least' ? '>=' : '<=';
  return `${t.name} ${value} ${op} ${t.limit} ${t.met ? 'met' : 'NOT MET'}`;
}

// What an engine's result says besides its median: one line each, after its targets.
function details(workload, engine, r) {
  const lines = [];
  if (workload === 'W5' && r.first_window_seconds > 0) {
    if (engine !== 'crv-io') lines.push(`last/first window appends ${(r.last_window_seconds / r.first_window_seconds).toFixed(2)}x`);
    if (r.p50_append_seconds > 0) lines.push(`append p50 ${ms(r.p50_append_seconds)}, p99 ${ms(r.p99_append_seconds)}`);
    if (r.close_seconds !== undefined) lines.push(`close() ${ms(r.close_seconds)} (in the median)`);
  } else if (workload === 'W7') {
    lines.push(`range read ${ms(r.range_seconds)}${engine === 'crv-io' ? '' : ' (glob scan, hive partitioning)'}`);
    if (engine === 'crv-io') {
      lines.push(`bulk-written: full ${ms(r.bulk_seconds)}, range ${ms(r.bulk_range_seconds)}`);
      lines.push(`reader already open: full ${ms(r.warm_seconds)}, range ${ms(r.warm_range_seconds)}`);
      lines.push(`${r.parts} parts in ${r.buckets} buckets; append log ${mb(r.log_bytes)} after vacuum(0)`);
    }
  } else if (workload === 'W8' && engine === 'crv-io') {
    lines.push(`eight separate appends a tick (inline off): ${seconds(r.separate_seconds)} s`);
  } else if (workload === 'U8') {
    lines.push(`str columns ${r.columns_gb_per_s.toFixed(2)} GB/s (${mb(r.str_bytes)} in ${r.str_columns} columns)`);
    lines.push(`one buffer: ASCII ${r.ascii_gb_per_s.toFixed(2)} GB/s, multibyte ${r.multibyte_gb_per_s.toFixed(2)} GB/s; memchr ${r.memchr_gb_per_s.toFixed(2)} GB/s`);
  } else if (workload === 'W9' && engine === 'crv-io') {
    lines.push(`one process, the same ${r.processes * r.appends_per_process} appends: ${seconds(r.single_process_seconds)} s`);
    lines.push(`${r.rows} rows, every one exactly once; ${r.parts} parts in ${r.buckets} buckets`);
  }
  return lines;
}

function pad(rows) {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  const numeric = [false, false, true, true, true, false, false];
  return rows.map((r) => r.map((cell, k) => (numeric[k] ? cell.padStart(widths[k]) : cell.padEnd(widths[k]))).join('  ').trimEnd()).join('\n');
}

// The whole report: header, table, summary line.
export function formatReport(doc) {
  const rows = [['case', 'engine', 'median s', 'peak RSS', 'on disk', 'crv-io vs best peer', 'targets (issues 5, 10) and details']];
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
      const lines = [...(isCrv ? c.targets.map(describeTarget) : []), ...details(c.workload, engine, r)];
      rows.push([label, engine, seconds(r.seconds), mib(r.peak_rss_bytes), mb(r.bytes_on_disk), ratio, lines[0] ?? '']);
      for (const extra of lines.slice(1)) rows.push(['', '', '', '', '', '', extra]);
    });
    for (const m of c.row_mismatches) rows.push(['', '', '', '', '', '', `ROW MISMATCH: ${m}`]);
  }
  const m = doc.machine;
  const header = `crv-io benchmark, ${doc.mode} mode, ${doc.date}\n` +
    `machine: ${m.cpu} x${m.cores}, ${(m.memory_bytes / 2 ** 30).toFixed(0)} GiB, Linux ${m.kernel}, node ${m.node}\n` +
    `speed ratios: best peer's median seconds / crv-io's (above 1: crv-io faster); W7: reads, W8/W9: see details\n`;
  const s = doc.summary;
  const footer = `\ntargets met: ${s.targets_met} of ${s.targets} (${s.targets_recorded} recorded only)` +
    `${s.errors ? `; ${s.errors} engine runs FAILED` : ''}; wall time ${doc.wall_seconds.toFixed(0)} s`;
  return `${header}\n${pad(rows)}\n${footer}\n`;
}
