/**
 * Run alone in a fresh `node --expose-gc` process by `memory.bench.ts`: build the 10,000-market universe,
 * bring every book live through the adapters (the same `loadPipeline` as the pipeline benchmark: id table,
 * market table, shapes, detector, book store, and each adapter's own book copies), drop everything the
 * generator used, collect, and print the process's memory as JSON on stdout.
 */
import { memoryUsage } from 'node:process';
import { buildFixture, loadPipeline } from './fixture.ts';
import type { Pipeline } from './pipeline.ts';

declare const gc: (() => void) | undefined;

/** Full collections, with pauses between so array-buffer memory (freed off-thread) is returned too. */
async function collect(): Promise<void> {
  if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

await collect();
const before = memoryUsage();
/** No update stream: only the universe, its snapshots and the live pipeline; the generator's state is dropped. */
const build = (): Pipeline => loadPipeline(buildFixture(6, 0, 0), { verifyHashes: false });
const pipeline = build();
await collect();
const after = memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    markets: pipeline.table.all().length,
    shapes: pipeline.detector.shapes.length,
    rssMb: mb(after.rss),
    heapUsedMb: mb(after.heapUsed),
    externalMb: mb(after.external),
    arrayBuffersMb: mb(after.arrayBuffers),
    baselineRssMb: mb(before.rss),
    heapGrowthMb: mb(after.heapUsed - before.heapUsed),
  })}\n`,
);
