// The targets of issues 5 and 10, as ratios of crv-io against the best peer of the same run
// (or, W7-W9, against crv-io's own baselines measured in the same process).

import { PEERS } from './cases.mjs';

const MIB = 1024 * 1024;

// The peers a workload's speed is measured against: W2 and W5 are durable streams, and only
// the Polars port of the reference append is durable (DuckDB's COPY makes no fsync).
const SPEED_PEERS = { W2: ['polars'], W5: ['polars'], W7: ['polars'], W8: ['polars'] };
export const speedPeers = (workload) => SPEED_PEERS[workload] ?? PEERS;

// The peer with the smallest value of `field` among those that produced one.
function bestPeer(results, field, peers = PEERS) {
  let best = null;
  for (const engine of peers) {
    const r = results[engine];
    if (r && !r.error && r[field] > 0 && (best === null || r[field] < results[best][field])) best = engine;
  }
  return best;
}

// {speedup, best_peer}: best peer `field` / crv-io `field` (above 1: crv-io is faster).
export function speedup(results, peers = PEERS, field = 'seconds') {
  const crv = results['crv-io'];
  const peer = bestPeer(results, field, peers);
  if (!crv || crv.error || !peer || !(crv[field] > 0)) return null;
  return { value: results[peer][field] / crv[field], best_peer: peer };
}

// `unit` follows the value in the report ("x" for ratios).
const atLeast = (name, value, limit, detail, unit = 'x') => ({ name, value, limit, kind: 'at_least', met: value !== null && value >= limit, detail, unit });
const atMost = (name, value, limit, detail, unit = 'x') => ({ name, value, limit, kind: 'at_most', met: value !== null && value <= limit, detail, unit });
// a / b of two fields of crv-io's result, null when either is missing.
const ratio = (r, a, b) => (r && !r.error && r[a] > 0 && r[b] > 0 ? r[a] / r[b] : null);

// The targets of one case: [{name, value, limit, kind: at_least|at_most|recorded, met, detail, unit}].
export function evaluateTargets(benchCase, results) {
  const crv = results['crv-io'];
  const ok = crv && !crv.error;
  const targets = [];
  const speed = (limit, peers = PEERS, field = 'seconds', what = 'speed') => {
    const s = speedup(results, peers, field);
    const name = peers.length === 1 ? `${what} vs ${peers[0]}` : `${what} vs best peer`;
    targets.push(atLeast(name, s ? s.value : null, limit, s ? `best peer: ${s.best_peer}` : 'missing result'));
  };
  // Issue 11: the same workload from Python (bench/peers/python_peer.py), at most 10% slower.
  const py = results.python;
  if (py) {
    const slower = ok && !py.error && crv.seconds > 0 ? py.seconds / crv.seconds : null;
    targets.push(atMost('Python vs C++', slower, 1.1, 'the crv_io module, rows handed over as an Arrow C stream'));
  }
  switch (benchCase.workload) {
    case 'W1': {
      speed(3);
      const smaller = bestPeer(results, 'bytes_on_disk');
      const diskRatio = ok && smaller ? crv.bytes_on_disk / results[smaller].bytes_on_disk : null;
      targets.push(atMost('bytes on disk vs smaller peer', diskRatio, 1.05, smaller ? `smaller peer: ${smaller}` : 'missing result'));
      if (benchCase.large) {
        const rssRatio = ok && crv.input_frame_bytes > 0 ? crv.peak_rss_bytes / crv.input_frame_bytes : null;
        targets.push(atMost('peak RSS vs input frame', rssRatio, 1.5, ok ? `input frame ${(crv.input_frame_bytes / MIB).toFixed(1)} MiB` : 'missing result'));
      }
      break;
    }
    case 'W2':
      speed(15, ['polars']);
      break;
    case 'W3':
      speed(3);
      break;
    case 'W4':
      speed(2);
      break;
    case 'W5':
      speed(20, ['polars']);
      targets.push(atMost('last/first window appends', ratio(crv, 'last_window_seconds', 'first_window_seconds'), 1.2, 'the stream stays flat'));
      targets.push(atMost('p99/p50 append latency', ratio(crv, 'p99_append_seconds', 'p50_append_seconds'), 3, 'seals do not stall the stream'));
      break;
    case 'W6':
      targets.push(atMost('peak RSS (MiB)', ok ? crv.peak_rss_bytes / MIB : null, 256, 'streaming through Scan::batches()', ''));
      break;
    case 'W7':
      targets.push(atMost('full read vs bulk-written', ratio(crv, 'seconds', 'bulk_seconds'), 1.5, 'the same rows, one bulk append'));
      targets.push(atMost('range read vs bulk-written', ratio(crv, 'range_seconds', 'bulk_range_seconds'), 1.5, 'ticks [T/2, T/2+99]'));
      speed(10, ['polars'], 'seconds', 'full read');
      speed(10, ['polars'], 'range_seconds', 'range read');
      targets.push(atMost('parts per sealed bucket', ok ? crv.max_parts_per_bucket ?? null : null, 1, 'after close() and vacuum(0)', ''));
      break;
    case 'W8':
      targets.push(atLeast('speed vs eight separate appends', ratio(crv, 'separate_seconds', 'seconds'), 4, 'inline_max_rows = 0, eight append() a tick'));
      speed(30, ['polars']);
      break;
    case 'W10':
      // Issue 9: JSONL ingestion at least as fast as DuckDB's read_json + COPY, peak memory
      // under 4x the file.
      speed(1, ['duckdb']);
      targets.push(atMost('peak RSS vs JSONL file', ok && crv.file_bytes > 0 ? crv.peak_rss_bytes / crv.file_bytes : null, 4, ok ? `file ${(crv.file_bytes / MIB).toFixed(0)} MiB` : 'missing result'));
      break;
    case 'W9':
      targets.push(atMost('P writers vs one process', ratio(crv, 'seconds', 'single_process_seconds'), 1, 'wall time, the same appends'));
      break;
    default:
      break;
  }
  return targets;
}

// Rows read by every engine of a read case agree (W3, W4, W6, W7: rows and range_rows); the
// list of disagreements.
export function rowMismatches(benchCase, results) {
  const mismatches = [];
  for (const field of ['rows', 'range_rows']) {
    const counts = Object.entries(results).filter(([, r]) => r && !r.error && r[field] !== undefined);
    const first = counts[0];
    if (!first) continue;
    for (const [e, r] of counts) {
      if (r[field] !== first[1][field]) mismatches.push(`${e} read ${r[field]} ${field}, ${first[0]} ${first[1][field]}`);
    }
  }
  return mismatches;
}
