/**
 * Where the order store lives, and the crash points a test may arm. One file per mode under the state
 * directory (`paths.stateDir`, default `.arb`, or `--state-dir`):
 *   - `<stateDir>/live.db`: the live store. It outlives every run: each start recovers from it.
 *   - `<stateDir>/paper.db`: the current paper session's store. A paper venue lives in memory, so a new paper
 *     run starts it afresh (recovering orders from a venue that no longer exists would be meaningless).
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clock } from '../core/clock.ts';
import { CrashPoints, OrderStore, parseCrashSpec } from '../exec/index.ts';
import type { Env } from './config/index.ts';

export type StoreMode = 'live' | 'paper';

export const storePath = (cwd: string, stateDir: string, mode: StoreMode): string =>
  resolve(cwd, stateDir, `${mode}.db`);

/** The live store, created on first use. */
export function openLiveStore(path: string): OrderStore {
  return OrderStore.open(path);
}

/** A new, empty paper store (the last paper session's is replaced). Its id is fixed: paper runs are reproducible. */
export function openPaperStore(path: string): OrderStore {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  return OrderStore.open(path, { storeId: 'paper', durable: false });
}

/**
 * `ARB_CRASH_AT=<point>[:<n>]`: die (SIGKILL, nothing flushed, nothing cleaned up) at that crash point. For crash
 * tests; `arb debug crash-points` lists the points.
 */
export function crashPointsFromEnv(
  env: Env,
): { ok: true; value: CrashPoints } | { ok: false; error: string } {
  const text = env.ARB_CRASH_AT;
  if (text === undefined || text === '') return { ok: true, value: CrashPoints.none() };
  const spec = parseCrashSpec(text);
  if (!spec.ok) return spec;
  return {
    ok: true,
    value: new CrashPoints(spec.value, (point) => {
      process.stderr.write(`arb: ARB_CRASH_AT=${text}: crashing at ${point}\n`);
      process.kill(process.pid, 'SIGKILL');
    }),
  };
}

/**
 * The engine's heartbeat in the store (pid, time) every second, so `arb status` can tell a running engine from
 * a crashed one; a clean stop records itself. Returns the function that stops it (recording the stop).
 */
export function startHeartbeat(store: OrderStore, clock: Clock): () => void {
  const beat = (stopped: boolean): void =>
    store.setMeta(
      'heartbeat',
      JSON.stringify({ pid: process.pid, ms: Math.floor(clock.now()), ...(stopped ? { stopped } : {}) }),
    );
  beat(false);
  const timer = clock.setInterval(() => beat(false), 1_000);
  return () => {
    clock.clearTimer(timer);
    beat(true);
  };
}
