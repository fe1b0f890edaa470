// The targets of issue 5, as ratios of crv-io against the best peer of the same run.

import { PEERS } from './cases.mjs';

const MIB = 1024 * 1024;

// The peer with the smallest value of `field` among those that produced one.
function bestPeer(results, field, peers = PEERS) {
  let best = null;
  for (const engine of peers) {
    const r = results[engine];
    if (r && !r.error && r[field] > 0 && (best === null || r[field] < results[best][field])) best = engine;
  }
  return best;
}

// {speedup, best_peer}: best peer seconds / crv-io seconds (above 1: crv-io is faster).
export function speedup(results, peers = PEERS) {
  const crv = results['crv-io'];
  const peer = bestPeer(results, 'seconds', peers);
  if (!crv || crv.error || !peer) return null;
  return { value: results[peer].seconds / crv.seconds, best_peer: peer };
}

const atLeast = (name, value, limit, detail) => ({ name, value, limit, kind: 'at_least', met: value !== null && value >= limit, detail });
const atMost = (name, value, limit, detail) => ({ name, value, limit, kind: 'at_most', met: value !== null && value <= limit, detail });

// The targets of one case: [{name, value, limit, kind: at_least|at_most|recorded, met, detail}].
export function evaluateTargets(benchCase, results) {
  const crv = results['crv-io'];
  const ok = crv && !crv.error;
  const targets = [];
  const speed = (limit, peers = PEERS) => {
    const s = speedup(results, peers);
    const name = peers.length === 1 ? `speed vs ${peers[0]}` : 'speed vs best peer';
    targets.push(atLeast(name, s ? s.value : null, limit, s ? `best peer: ${s.best_peer}` : 'missing result'));
  };
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
      speed(5, ['polars']);
      break;
    case 'W3':
      speed(3);
      break;
    case 'W4':
      speed(2);
      break;
    case 'W5': {
      const growth = ok && crv.first_window_seconds > 0 ? crv.last_window_seconds / crv.first_window_seconds : null;
      targets.push({ name: 'last/first window appends', value: growth, limit: null, kind: 'recorded', met: null, detail: 'recorded; a later issue makes it flat' });
      break;
    }
    case 'W6':
      targets.push(atMost('peak RSS (MiB)', ok ? crv.peak_rss_bytes / MIB : null, 256, 'streaming through Scan::batches()'));
      break;
    default:
      break;
  }
  return targets;
}

// Rows read by every engine of a read case agree (W3, W4, W6); the list of disagreements.
export function rowMismatches(benchCase, results) {
  const counts = Object.entries(results).filter(([, r]) => r && !r.error && r.rows !== undefined);
  const first = counts[0];
  return first ? counts.filter(([, r]) => r.rows !== first[1].rows).map(([e, r]) => `${e} read ${r.rows} rows, ${first[0]} ${first[1].rows}`) : [];
}
