/**
 * `npm run bench [-- --json FILE] [--filter SUBSTRING]`: runs every benchmark suite, prints a human summary,
 * and writes the results as a JSON array of {name, unit, median, p99, max, n} when asked.
 */
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform } from 'node:os';
import { parseArgs } from 'node:util';
import { coreBenches } from './core.bench.ts';
import type { BenchResult } from './harness.ts';
import { memoryBenches } from './memory.bench.ts';
import { orderBenches } from './order.bench.ts';
import { pipelineBenches } from './pipeline.bench.ts';
import { simBenches } from './sim.bench.ts';
import { simStartupBenches } from './sim-startup.bench.ts';

/** `prefixes`: the result names a suite can produce, so `--filter` skips suites that cannot match. */
const SUITES: { name: string; prefixes: string[]; run: () => BenchResult[] | Promise<BenchResult[]> }[] = [
  { name: 'core', prefixes: ['core.'], run: coreBenches },
  { name: 'pipeline', prefixes: ['harness.', 'pipeline.', 'detect.'], run: pipelineBenches },
  { name: 'memory', prefixes: ['memory.'], run: memoryBenches },
  { name: 'order', prefixes: ['order.'], run: orderBenches },
  { name: 'sim', prefixes: ['sim.exchange', 'sim.price_process'], run: simBenches },
  { name: 'sim start-up', prefixes: ['sim.startup', 'sim.stop'], run: simStartupBenches },
];

const aims = (prefixes: string[], filter: string): boolean =>
  prefixes.some((p) => p.includes(filter) || filter.startsWith(p));

/** Skip a suite only when the filter names another suite's results; any other filter runs them all. */
function mayMatch(suite: (typeof SUITES)[number], filter: string): boolean {
  return aims(suite.prefixes, filter) || !SUITES.some((s) => aims(s.prefixes, filter));
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { json: { type: 'string' }, filter: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (e) {
    process.stderr.write(`arb-bench: ${(e as Error).message}\n(run "npm run bench -- --help" for usage)\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(
      'usage: npm run bench [-- --json FILE] [--filter SUBSTRING]\n' +
        '  --json FILE   also write the results as a JSON array of {name, unit, median, p99, max, n}\n' +
        '  --filter S    run only benchmarks whose name contains S\n',
    );
    return 0;
  }
  const filter = args.values.filter;
  process.stderr.write(
    `node ${process.version} on ${platform()}/${arch()}, ${cpus()[0]?.model ?? 'unknown cpu'} × ${cpus().length}\n`,
  );
  // Other work on the machine slows every figure; the load averages before and after go on record with them.
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  process.stderr.write(`load average (1, 5, 15 min) before: ${load()}\n`);
  const loadBefore = loadavg()[0]!;
  const results: BenchResult[] = [];
  for (const suite of SUITES) {
    if (filter && !mayMatch(suite, filter)) continue;
    process.stderr.write(`running ${suite.name} …\n`);
    results.push(...(await suite.run()).filter((r) => !filter || r.name.includes(filter)));
  }
  process.stderr.write(`load average (1, 5, 15 min) after: ${load()}\n`);
  results.push({
    name: 'env.load_average_1m',
    unit: 'load',
    median: Math.round(((loadBefore + loadavg()[0]!) / 2) * 100) / 100,
    note: `mean of before and after, on ${cpus().length} CPUs: above 1, other processes shared the CPUs`,
  });
  const w = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const extra = r.p99 !== undefined ? `  p99 ${fmt(r.p99)}  max ${fmt(r.max!)}  n ${r.n}` : '';
    process.stdout.write(
      `${r.name.padEnd(w)}  median ${fmt(r.median)} ${r.unit}${extra}${r.note ? `  (${r.note})` : ''}\n`,
    );
  }
  if (args.values.json) {
    writeFileSync(args.values.json, `${JSON.stringify(results, null, 2)}\n`);
    process.stderr.write(`wrote ${results.length} results to ${args.values.json}\n`);
  }
  return 0;
}

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
