/**
 * SIGTERM is a safe stop, bounded: `arb live` trading against `arb sim` gets SIGTERM while a package's leg is in
 * flight (every order entry held 20 s by a latency fault), stops opening packages, waits for the package at most
 * supervision.stopTimeoutMs, and exits 0, saying what it left to crash recovery; the start is recorded clean.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderStore } from '../../src/exec/index.ts';
import { tempDir } from '../app/helpers.ts';
import { type ArbProcess, isolatedPairs, postJson, spawnArb, startSimWithFiles } from './support.ts';

const running: ArbProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

/** Resolves once `test` holds, checked every 100 ms; rejects after `ms`. */
async function until(test: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`no ${what} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function intentsWritten(db: string): number {
  if (!existsSync(db)) return 0;
  const store = OrderStore.openReadOnly(db);
  try {
    return store.intents().length;
  } finally {
    store.close();
  }
}

describe('arb live: SIGTERM with a package in flight (default scenario, seed 1)', () => {
  it('stops within supervision.stopTimeoutMs, exit 0, says what it left; the start is recorded clean', async () => {
    const cwd = tempDir();
    const { sim, admin, mapping } = await startSimWithFiles(cwd);
    running.push(sim);
    const pair = isolatedPairs(mapping)[0]!;
    await postJson(`${admin.kalshi}/process`, { paused: true });
    const live = spawnArb(
      ['live', '--venues', 'sim.json', '--mapping', 'mapping.json', '--state-dir', 'state'],
      cwd,
      { ARB_SUPERVISION__STOP_TIMEOUT_MS: '1500' },
    );
    running.push(live);
    await live.waitFor(/^arb live: trading \d+ markets/, 60_000, 'the trading line');
    await until(() => existsSync(join(cwd, 'state', 'starts.json')), 5_000, 'the start record');
    // Every order entry now takes 20 s to answer, then a window opens: the package's first leg hangs in flight.
    await postJson(`${admin.kalshi}/faults`, {
      kind: 'latency',
      endpoint: 'POST /portfolio/*',
      params: { ms: 20_000 },
    });
    await postJson(`${admin.polymarket}/faults`, {
      kind: 'latency',
      endpoint: 'POST /order',
      params: { ms: 20_000 },
    });
    await postJson(`${admin.kalshi}/faults`, {
      kind: 'price_jump',
      params: { market: pair.kalshi, yesDelta: 0.08 },
    });
    await until(() => intentsWritten(join(cwd, 'state', 'live.db')) > 0, 20_000, 'intent of a leg');
    const sentAt = live.elapsed();
    live.child.kill('SIGTERM');
    const exit = await Promise.race([
      live.exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`still running 15 s after SIGTERM:\n${live.stderr()}`)), 15_000),
      ),
    ]);
    const stoppedIn = live.elapsed() - sentAt;
    expect(exit, live.stderr()).toEqual({ code: 0, signal: null });
    expect(live.stderr()).toMatch(
      /^arb live: SIGTERM; the package in flight did not finish within 1500 ms \(left to crash recovery at the next start\), stopped$/m,
    );
    // The order entry alone would hold it 20 s (5 s order timeout, then the unknown outcome): the bound cut it.
    expect(stoppedIn).toBeLessThan(8_000);
    const starts = (
      JSON.parse(readFileSync(join(cwd, 'state', 'starts.json'), 'utf8')) as {
        starts: { clean?: boolean }[];
      }
    ).starts;
    expect(starts.at(-1)?.clean).toBe(true);
    // arb status shows the gates of that start.
    const status = spawnArb(['status', '--json', '--state-dir', 'state'], cwd);
    running.push(status);
    expect((await status.exited).code, status.stderr()).toBe(0);
    const view = JSON.parse(status.stdout()) as { lastGates?: { pass: boolean; gates: { name: string }[] } };
    expect(view.lastGates?.pass).toBe(true);
    expect(view.lastGates?.gates.map((g) => g.name)).toContain('smoke');
    sim.child.kill('SIGTERM');
  }, 150_000);
});
