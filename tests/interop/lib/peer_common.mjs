// Shared pieces of the benchmark peers (bench/peers/*.mjs): arguments, timing, disk usage.
import { readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { parseArgs } from './args.mjs';

export function peerArgs(argv) {
  const a = parseArgs(argv, { workload: 'string', n: 'int', ticks: 'int', repeat: 'int', appends: 'int', window: 'int', dir: 'string' }, 0);
  if (!a.workload) throw new Error('usage: --workload W1|W2|W3|W4|W5 [--n N] [--ticks T] [--appends K] [--window W] [--repeat R] [--dir TMPDIR]');
  return { repeat: 3, ...a };
}

export function bytesOnDisk(path) {
  let total = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    total += e.isDirectory() ? bytesOnDisk(p) : statSync(p).size;
  }
  return total;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const now = () => Number(process.hrtime.bigint()) / 1e9;

export function scratch(base) {
  return mkdtempSync(join(base ?? tmpdir(), 'crv-peer-'));
}

// Removes a scratch dataset and lets the filesystem settle, so that the next timed run does
// not pay for this one's cleanup and writeback: sync, then CRV_BENCH_SETTLE_MS (default 1000)
// milliseconds of pause; crv_bench does the same.
export function removeDir(d) {
  rmSync(d, { recursive: true, force: true });
  settleFilesystem();
}

export function settleFilesystem() {
  execFileSync('sync');
  const ms = Number(process.env.CRV_BENCH_SETTLE_MS ?? 1000);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function report(fields) {
  process.stdout.write(JSON.stringify({ ...fields, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 }) + '\n');
}
