// The cases of a benchmark run (../shared/bench/WORKLOADS.md): each workload at each size,
// and the engines that run it. Full mode: the WORKLOADS.md sizes; quick mode: small sizes,
// one run each, for checking a change in under two minutes.

export const ENGINES = ['crv-io', 'polars', 'duckdb'];
export const PEERS = ENGINES.filter((e) => e !== 'crv-io');

const size = (n) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n));

// {id, workload, large, args: {n, ticks?, appends?, window?}, repeat, engines}.
// `large` marks the 10M-row W1 of full mode (its peak-RSS target: at most 1.5x the input frame).
export function benchmarkCases(quick) {
  const bulk = quick ? [{ n: 200_000, ticks: 1_000 }] : [{ n: 1_000_000, ticks: 1_000 }, { n: 10_000_000, ticks: 10_000 }];
  const largest = bulk[bulk.length - 1];
  const repeat = (full) => (quick ? 1 : full);
  const cases = [];
  for (const b of bulk) cases.push({ workload: 'W1', large: !quick && b === largest, args: b, repeat: repeat(3) });
  cases.push({ workload: 'W2', args: quick ? { n: 100 * 500, ticks: 100 } : { n: 1_000 * 500, ticks: 1_000 }, repeat: repeat(3) });
  for (const b of bulk) cases.push({ workload: 'W3', args: b, repeat: repeat(5) });
  for (const b of bulk) cases.push({ workload: 'W4', args: b, repeat: repeat(3) });
  cases.push({ workload: 'W5', args: quick ? { n: 3_000, appends: 300, window: 100 } : { n: 200_000, appends: 20_000, window: 1_000 }, repeat: 1 });
  cases.push({ workload: 'W6', large: true, args: largest, repeat: repeat(3), engines: ['crv-io'] });
  return cases.map((c) => ({
    engines: ENGINES,
    large: false,
    ...c,
    id: c.workload === 'W2' ? `W2 ${c.args.ticks}x${c.args.n / c.args.ticks}`
      : c.workload === 'W5' ? `W5 ${size(c.args.appends)}x${c.args.n / c.args.appends}`
      : `${c.workload} ${size(c.args.n)}`,
  }));
}

// The command line of one engine for one case: [program, ...arguments].
export function engineCommand(engine, benchCase, { buildDir, scratchDir }) {
  const args = ['--workload', benchCase.workload, '--repeat', String(benchCase.repeat), '--dir', scratchDir];
  for (const [name, value] of Object.entries(benchCase.args)) args.push(`--${name}`, String(value));
  if (engine === 'crv-io') return [`${buildDir}/bench/crv_bench`, ...args];
  return [process.execPath, `bench/peers/${engine}_peer.mjs`, ...args];
}
