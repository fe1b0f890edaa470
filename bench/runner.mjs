#!/usr/bin/env node
// Runs every benchmark case (cases.mjs) for crv-io, Polars and DuckDB side by side, each
// workload x engine in its own process, then prints the table (report.mjs) and writes
// bench/results/latest.json and bench/results/latest.svg (chart.mjs).
//   node bench/runner.mjs BUILD_DIR [--quick]
// Scratch datasets go under $CRV_BENCH_TMPDIR (default: the system temporary directory);
// $CRV_BENCH_SETTLE_MS (default 1000) is the pause after a sync before each timed run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchmarkCases, engineCommand } from './cases.mjs';
import { evaluateTargets, rowMismatches, speedPeers, speedup } from './targets.mjs';
import { formatReport } from './report.mjs';
import { renderChart } from './chart.mjs';
import { settleFilesystem } from '../tests/interop/lib/peer_common.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const positional = argv.filter((a) => a !== '--quick');
if (positional.length !== 1) {
  process.stderr.write('usage: node bench/runner.mjs BUILD_DIR [--quick]\n');
  process.exit(2);
}
const buildDir = resolve(positional[0]);
const scratchDir = resolve(process.env.CRV_BENCH_TMPDIR ?? tmpdir());
const crvBench = join(buildDir, 'bench', 'crv_bench');
if (!existsSync(crvBench)) {
  process.stderr.write(`runner: ${crvBench} is missing (configure with -DCRV_BUILD_BENCH=ON and build crv_bench)\n`);
  process.exit(2);
}
process.chdir(repoRoot);

const now = () => Number(process.hrtime.bigint()) / 1e9;
const timeoutSeconds = quick ? 120 : 3600;

// One engine on one case in its own process: its JSON line, or {error}.
// Each process starts on a settled filesystem (sync and a pause, as between the repeats
// inside the engines), so that no engine pays for the previous one's writeback.
function runEngine(engine, benchCase) {
  settleFilesystem();
  const [program, ...args] = engineCommand(engine, benchCase, { buildDir, scratchDir });
  const child = spawnSync(program, args, { encoding: 'utf8', timeout: timeoutSeconds * 1000, maxBuffer: 1 << 24 });
  const lines = (child.stdout ?? '').trim().split('\n').filter(Boolean);
  if (child.error || child.status !== 0 || lines.length === 0) {
    const why = child.error ? child.error.message : `exit ${child.status ?? child.signal}`;
    return { error: `${why}: ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  }
  try {
    return JSON.parse(lines[lines.length - 1]);
  } catch {
    return { error: `output is not JSON: ${lines[lines.length - 1].slice(0, 200)}` };
  }
}

function gitCommit() {
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return git.status === 0 ? git.stdout.trim() : null;
}

const started = now();
// CRV_BENCH_ONLY=W3,W7 runs those workloads only (a partial run: its ratios are side by side
// within the run, but it is not the table README quotes).
const only = (process.env.CRV_BENCH_ONLY ?? '').split(',').map((w) => w.trim()).filter(Boolean);
const cases = benchmarkCases(quick).filter((c) => only.length === 0 || only.includes(c.workload));
const total = cases.reduce((k, c) => k + c.engines.length, 0);
let done = 0;
for (const c of cases) {
  c.results = {};
  for (const engine of c.engines) {
    const t0 = now();
    const r = runEngine(engine, c);
    c.results[engine] = r;
    done += 1;
    const what = r.error ? `FAILED ${r.error}` : `${r.seconds.toFixed(4)} s`;
    process.stderr.write(`[${done}/${total}] ${c.id} ${engine}: ${what} (${(now() - t0).toFixed(1)} s wall)\n`);
  }
  c.speedup = speedup(c.results, speedPeers(c.workload));
  c.targets = evaluateTargets(c, c.results);
  c.row_mismatches = rowMismatches(c, c.results);
}

const targets = cases.flatMap((c) => c.targets);
const doc = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  commit: gitCommit(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memory_bytes: totalmem(), kernel: release(), node: process.version },
  scratch_dir: scratchDir,
  wall_seconds: now() - started,
  summary: {
    targets: targets.filter((t) => t.kind !== 'recorded').length,
    targets_met: targets.filter((t) => t.met === true).length,
    targets_recorded: targets.filter((t) => t.kind === 'recorded').length,
    errors: cases.reduce((k, c) => k + Object.values(c.results).filter((r) => r.error).length, 0),
    row_mismatches: cases.reduce((k, c) => k + c.row_mismatches.length, 0),
  },
  cases,
};

const resultsDir = join(repoRoot, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const writeAtomically = (name, text) => {
  writeFileSync(join(resultsDir, `${name}.tmp`), text);
  renameSync(join(resultsDir, `${name}.tmp`), join(resultsDir, name));
};
writeAtomically('latest.json', `${JSON.stringify(doc, null, 2)}\n`);
writeAtomically('latest.svg', renderChart(doc));
process.stdout.write(formatReport(doc));
process.stdout.write(`wrote bench/results/latest.json and bench/results/latest.svg\n`);
process.exit(doc.summary.errors || doc.summary.row_mismatches ? 1 : 0);
