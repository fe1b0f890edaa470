// Shared pieces of the benchmark peers (bench/peers/*.mjs): arguments, timing, disk usage.
import { readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
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

export const removeDir = (d) => rmSync(d, { recursive: true, force: true });

export function report(fields) {
  process.stdout.write(JSON.stringify({ ...fields, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 }) + '\n');
}
