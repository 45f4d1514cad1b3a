/**
 * Resident memory of the hot path at full size: 10,000 markets with full books, every shape and the detector,
 * and each adapter's own book copies, measured in a fresh child process (`memory-child.ts`) after forced
 * collections, so nothing else this benchmark run allocated is counted.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './harness.ts';

interface ChildReport {
  markets: number;
  shapes: number;
  rssMb: number;
  heapUsedMb: number;
  /** Heap the build added (the loaded code, such as zod's, is in the baseline): what the books and shapes cost. */
  heapGrowthMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  baselineRssMb: number;
}

export function memoryBenches(): BenchResult[] {
  const child = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
  const root = fileURLToPath(new URL('..', import.meta.url));
  // `--import tsx` runs the TypeScript child the way `npm run bench` runs this file.
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', child], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`memory child failed (${r.status}): ${r.stderr}`);
  const m = JSON.parse(r.stdout) as ChildReport;
  return [
    {
      name: 'memory.rss_10k_markets',
      unit: 'MB',
      median: m.rssMb,
      n: 1,
      note:
        `${m.markets} markets with full books, ${m.shapes} shapes; heap ${m.heapUsedMb} MB, ` +
        `array buffers ${m.arrayBuffersMb} MB; the same process before building: ${m.baselineRssMb} MB`,
    },
    { name: 'memory.heap_used_10k_markets', unit: 'MB', median: m.heapUsedMb, n: 1 },
    {
      name: 'memory.heap_growth_10k_markets',
      unit: 'MB',
      median: m.heapGrowthMb,
      n: 1,
      note: 'heap added by building and loading the universe (the loaded modules are not in it)',
    },
  ];
}
