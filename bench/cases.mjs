// The cases of a benchmark run (../shared/bench/WORKLOADS.md): each workload at each size,
// and the engines that run it. Full mode: the WORKLOADS.md sizes; quick mode: small sizes,
// one run each, for checking a change in under two minutes.

export const ENGINES = ['crv-io', 'polars', 'duckdb'];
export const PEERS = ENGINES.filter((e) => e !== 'crv-io');

const size = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

// "W2 1000x500", "W5 20kx10", "W8 1kx8x10", "W9 4x1kx10", "W1 1M".
function caseId({ workload, args }) {
  switch (workload) {
    case 'W2': return `W2 ${args.ticks}x${args.n / args.ticks}`;
    case 'W5':
    case 'W7': return `${workload} ${size(args.appends)}x${args.n / args.appends}`;
    case 'W8': return `W8 ${size(args.ticks)}x8x${args.n / args.ticks}`;
    case 'W9': return `W9 ${args.processes}x${size(args.appends)}x${args.n / (args.processes * args.appends)}`;
    default: return `${workload} ${size(args.n)}`;
  }
}

// {id, workload, large, args: {n, ticks?, appends?, window?, processes?}, repeat, engines}.
// `large` marks the 10M-row W1 of full mode (its peak-RSS target: at most 1.5x the input frame).
// W7 (the W5 stream read back) and W8 compare with Polars only (issue 10 sets their targets
// against it); W9 compares crv-io with itself (P writer processes against one).
export function benchmarkCases(quick) {
  const bulk = quick ? [{ n: 200_000, ticks: 1_000 }] : [{ n: 1_000_000, ticks: 1_000 }, { n: 10_000_000, ticks: 10_000 }];
  const largest = bulk[bulk.length - 1];
  const repeat = (full) => (quick ? 1 : full);
  const stream = quick ? { n: 3_000, appends: 300, window: 100 } : { n: 200_000, appends: 20_000, window: 1_000 };
  const cases = [];
  // The first size of W1 and W4 also from Python (issue 11; the 10M rows would stage through
  // Python lists of several GB).
  const withPython = (b) => (b === bulk[0] ? { engines: [...ENGINES, 'python'] } : {});
  for (const b of bulk) cases.push({ workload: 'W1', large: !quick && b === largest, args: b, repeat: repeat(3), ...withPython(b) });
  cases.push({ workload: 'W2', args: quick ? { n: 100 * 500, ticks: 100 } : { n: 1_000 * 500, ticks: 1_000 }, repeat: repeat(3) });
  for (const b of bulk) cases.push({ workload: 'W3', args: b, repeat: repeat(5) });
  for (const b of bulk) cases.push({ workload: 'W4', args: b, repeat: repeat(3), ...withPython(b) });
  cases.push({ workload: 'W5', args: stream, repeat: 1 });
  cases.push({ workload: 'W6', large: true, args: largest, repeat: repeat(3), engines: ['crv-io'] });
  // Quick W7: 2,000 appends (20 sealed buckets), not W5's 300, so that the range read is a bucket of its own.
  cases.push({ workload: 'W7', args: quick ? { n: 20_000, appends: 2_000 } : { n: stream.n, appends: stream.appends }, repeat: repeat(5), engines: ['crv-io', 'polars'] });
  cases.push({ workload: 'W8', args: quick ? { n: 50 * 10, ticks: 50 } : { n: 1_000 * 10, ticks: 1_000 }, repeat: 1, engines: ['crv-io', 'polars'] });
  cases.push({ workload: 'W9', args: quick ? { processes: 4, appends: 100, n: 4 * 100 * 10 } : { processes: 4, appends: 1_000, n: 4 * 1_000 * 10 }, repeat: repeat(3), engines: ['crv-io'] });
  // U8: the UTF-8 check that every append makes of its str values (crv-io only: the peers
  // check while they parse, which no timer separates).
  cases.push({ workload: 'U8', args: quick ? { n: 200_000, ticks: 1_000 } : { n: 1_000_000, ticks: 1_000 }, repeat: repeat(5), engines: ['crv-io'] });
  // W10: `crv-io append` of the W1 rows as a JSONL file, the whole process, against DuckDB's
  // read_json + COPY of the same file (the peer has crv_bench write it).
  cases.push({ workload: 'W10', args: quick ? { n: 200_000, ticks: 1_000 } : { n: 2_000_000, ticks: 2_000 }, repeat: repeat(3), engines: ['crv-io', 'duckdb'] });
  return cases.map((c) => ({ engines: ENGINES, large: false, ...c, id: caseId(c) }));
}

// The command line of one engine for one case: [program, ...arguments].
export function engineCommand(engine, benchCase, { buildDir, scratchDir }) {
  const crvBench = `${buildDir}/bench/crv_bench`;
  const args = ['--workload', benchCase.workload, '--repeat', String(benchCase.repeat), '--dir', scratchDir];
  for (const [name, value] of Object.entries(benchCase.args)) args.push(`--${name}`, String(value));
  if (engine === 'crv-io') return [crvBench, ...args];
  // Debian's interpreter, with the module that bench-build builds (python/crv_io).
  if (engine === 'python') return ['env', `PYTHONPATH=${buildDir}/python`, '/usr/bin/python3', 'bench/peers/python_peer.py', ...args];
  // W7: the peer reads the table crv-io streamed, written by crv_bench --write-to; W10: the
  // JSONL file crv_bench --write-jsonl writes.
  if (benchCase.workload === 'W7' || benchCase.workload === 'W10') args.push('--crv-bench', crvBench);
  return [process.execPath, `bench/peers/${engine}_peer.mjs`, ...args];
}
