/**
 * The roadmap's exit gate for the order lifecycle: for every named crash point, a child `arb live --venues`
 * trading against `arb sim` is killed there (SIGKILL, by itself: ARB_CRASH_AT), restarted, and checked against
 * the simulators' truth:
 *   - no duplicate orders (each client order id at most once on the venues);
 *   - the store's orders, fills and positions equal the simulators' record of the bot exactly;
 *   - any exposure left is hedged, or reported in safe mode (and `arb status --json` says so).
 *
 * Each case: a fresh simulator (default scenario, seed 1) with its price process paused, so the only move is
 * ours: Kalshi's view of one isolated cross-listed proposition jumps 8 points, which opens one cross-venue
 * window. For `during-unwind`, legging aborts after leg A (a naked-exposure budget too small for any round
 * trip), so leg A is unwound, whichever venue the planner sent first.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderStore, type CrashPoint } from '../../src/exec/index.ts';
import { tempDir } from '../app/helpers.ts';
import { duplicateOrders, simLedger, storeLedger } from '../exec/sim-truth.ts';
import { type ArbProcess, isolatedPairs, postJson, spawnArb, startSimWithFiles } from './support.ts';

const running: ArbProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

interface Case {
  readonly point: CrashPoint;
  /** Crash here first (a reconcile needs something to reconcile), then at `point` during the recovery. */
  readonly first?: CrashPoint;
  /**
   * Leave leg B unsent so leg A is unwound: a naked-exposure budget of one micro-dollar-second is spent by leg
   * A's own round trip, whichever venue it is on, so legging aborts before leg B (the exposure policy then
   * flattens leg A).
   */
  readonly abortAfterLegA?: boolean;
  /** What recovery must conclude: exposure left (safe mode), none, or whichever the fills say. */
  readonly expect: 'safe mode' | 'clean' | 'either';
}

const CASES: readonly Case[] = [
  { point: 'after-intent-written', expect: 'clean' },
  { point: 'after-leg-a-sent', expect: 'safe mode' },
  { point: 'after-leg-a-ack', expect: 'safe mode' },
  { point: 'after-leg-a-fill', expect: 'safe mode' },
  { point: 'after-leg-b-sent', expect: 'either' },
  { point: 'after-leg-b-ack', expect: 'either' },
  { point: 'after-leg-b-fill', expect: 'either' },
  { point: 'during-unwind', abortAfterLegA: true, expect: 'either' },
  { point: 'mid-reconcile', first: 'after-leg-a-fill', expect: 'safe mode' },
];

interface StatusJson {
  readonly safeMode: boolean;
  readonly safeModeReasons: readonly { code: string; detail: string }[];
  readonly unhedged: readonly { packageId: string; contracts: number }[];
  readonly unresolvedIntents: readonly unknown[];
  readonly openOrders: readonly unknown[];
}

const LIVE = ['live', '--venues', 'sim.json', '--mapping', 'mapping.json', '--state-dir', 'state'];

async function exitOf(p: ArbProcess, ms: number, what: string) {
  return Promise.race([
    p.exited,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} still running after ${ms} ms:\n${p.stderr()}\n${p.stdout()}`)),
        ms,
      ),
    ),
  ]);
}

async function crashAt(
  cwd: string,
  point: CrashPoint,
  afterStart?: () => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const live = spawnArb([...LIVE, '--duration', '25'], cwd, { ARB_CRASH_AT: point, ...env });
  running.push(live);
  if (afterStart) {
    await live.waitFor(
      /^arb live: trading \d+ markets/,
      60_000,
      'the trading line (after the pre-run gates)',
    );
    await afterStart();
  }
  const exit = await exitOf(live, 40_000, `arb live (ARB_CRASH_AT=${point})`);
  // Said in full when it fails: what the run saw instead of reaching the point.
  if (exit.signal !== 'SIGKILL')
    throw new Error(
      `arb live never reached ${point} (${JSON.stringify(exit)}):\n${live.stderr()}\n${live.stdout()}`,
    );
  expect(live.stderr()).toContain(`crashing at ${point}`);
}

describe('crash recovery: arb live killed at every crash point, restarted, checked against arb sim (seed 1)', () => {
  it.each(CASES)(
    '$point',
    async (c) => {
      const cwd = tempDir();
      const { sim, admin, mapping } = await startSimWithFiles(cwd);
      running.push(sim);
      const pair = isolatedPairs(mapping)[0]!;
      await postJson(`${admin.kalshi}/process`, { paused: true });
      const openWindow = async (): Promise<void> => {
        await postJson(`${admin.kalshi}/faults`, {
          kind: 'price_jump',
          params: { market: pair.kalshi, yesDelta: 0.08 },
        });
      };

      // 1. Trade until the crash point kills the process (twice for mid-reconcile: first mid-package).
      await crashAt(
        cwd,
        c.first ?? c.point,
        openWindow,
        c.abortAfterLegA ? { ARB_RISK__NAKED_BUDGET_USD_SECONDS: '0.000001' } : {},
      );
      if (c.first) await crashAt(cwd, c.point);

      // 2. Restart: recovery, then a few seconds of trading (or of safe mode), then a clean stop.
      const again = spawnArb([...LIVE, '--duration', '2'], cwd);
      running.push(again);
      expect(await exitOf(again, 40_000, 'the restarted arb live')).toEqual({ code: 0, signal: null });
      expect(again.stderr()).toMatch(/^arb live: recovered from .*live\.db: \d+ intents resolved/m);

      // 3. The store against the simulators' truth.
      const store = OrderStore.openReadOnly(join(cwd, 'state', 'live.db'));
      try {
        expect(await duplicateOrders(admin)).toEqual([]);
        const sim = await simLedger(admin);
        expect(storeLedger(store)).toEqual(sim);
        expect(sim.orders.length).toBeGreaterThan(0);
        expect(store.intents({ unresolved: true })).toEqual([]);
        // Every venue order is one of our intents, and every intent that reached the venue is exactly one order.
        const orderIds = store.orders().map((o) => `${o.venue} ${o.id}`);
        const intentOrders = store
          .intents()
          .flatMap((i) => (i.venueOrderId ? [`${i.venue} ${i.venueOrderId}`] : []));
        expect([...intentOrders].sort()).toEqual([...orderIds].sort());
        if (c.point === 'after-intent-written')
          expect(store.intent(`${store.storeId}-1-L0`)).toMatchObject({ state: 'void' });
      } finally {
        store.close();
      }

      // 4. Exposure on the pair, from the simulators' positions: hedged, or reported in safe mode.
      const status = spawnArb(['status', '--json', '--state-dir', 'state'], cwd);
      running.push(status);
      expect(await exitOf(status, 20_000, 'arb status')).toEqual({ code: 0, signal: null });
      const view = JSON.parse(status.stdout()) as StatusJson;
      const truth = await simLedger(admin);
      const held = (venue: string, market: string, outcome: string): number => {
        const line = truth.positions.find((p) => p.startsWith(`${venue} ${market} ${outcome} `));
        return line ? Number(line.split(' ').pop()) : 0;
      };
      // YES-equivalent net of each venue; a hedged pair nets to zero (YES on one side, NO on the other).
      const kYes = held('kalshi', pair.kalshi, 'YES') - held('kalshi', pair.kalshi, 'NO');
      const pYes = held('polymarket', pair.polymarket, 'YES') - held('polymarket', pair.polymarket, 'NO');
      const naked = Math.abs(kYes + (pair.polarity === 'same' ? pYes : -pYes));
      expect(view.unresolvedIntents).toEqual([]);
      expect(view.openOrders).toEqual([]);
      if (naked > 0) {
        expect(view.safeMode).toBe(true);
        expect(view.safeModeReasons.map((r) => r.code)).toContain('UNHEDGED_PACKAGE');
        expect(view.unhedged.reduce((s, u) => s + u.contracts * 100, 0)).toBe(naked);
      } else expect(view.unhedged).toEqual([]);
      if (c.expect === 'safe mode') expect(view.safeMode).toBe(true);
      if (c.expect === 'clean') expect(view.safeMode).toBe(false);
      console.info(
        `crash at ${c.point}${c.first ? ` (after ${c.first})` : ''}: ${truth.orders.length} orders, ${truth.fills.length} fills, naked ${naked / 100} contracts, safe mode ${view.safeMode ? `on (${view.safeModeReasons.map((r) => r.code).join(', ')})` : 'off'}`,
      );
      sim.child.kill('SIGTERM');
    },
    180_000,
  );
});
