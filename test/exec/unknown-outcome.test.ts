/**
 * An unknown order outcome is never a closed one (docs/operations.md, "Orders whose outcome is unknown"): a
 * package whose order may or may not exist stays in flight (not missed, not unwound) until a query or the stream
 * finds the order; a fill that arrives for a package already closed re-opens the question and raises UNHEDGED.
 * Driven through PackageExecutor with scripted venues whose order queries can fail.
 */
import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import { asMicros } from '../../src/core/units.ts';
import { OrderStore, PackageExecutor, type SizedPlan } from '../../src/exec/index.ts';
import { pairProof } from './proof-support.ts';
import { px, qty, ScriptVenue, type Step } from './support.ts';

const PLAN: SizedPlan = {
  id: 'cross_venue-1',
  legs: [
    { venue: 'kalshi', market: 'KX-1', outcome: 'NO', px: px(0.4) },
    { venue: 'polymarket', market: '0xaa', outcome: 'YES', px: px(0.55) },
  ],
  qty: qty(10),
  payoutUnits: 1,
  expectedEdge: asMicros(500_000),
  proof: pairProof([
    { venue: 'kalshi', market: 'KX-1', outcome: 'NO' },
    { venue: 'polymarket', market: '0xaa', outcome: 'YES' },
  ]),
};

function setup(steps: { kalshi?: Step[]; polymarket?: Step[] }) {
  const kalshi = new ScriptVenue('kalshi', steps.kalshi ?? []);
  const polymarket = new ScriptVenue('polymarket', steps.polymarket ?? []);
  const store = OrderStore.open(':memory:', { storeId: 't' });
  const raised: string[] = [];
  const clock = new SimClock();
  const exec = new PackageExecutor({
    venues: { kalshi, polymarket },
    clock,
    store,
    onSafeMode: (code) => raised.push(code),
  });
  /** Run `p` to completion, moving the simulated clock from timer to timer (queries wait between tries). */
  const drive = async <T>(p: Promise<T>): Promise<T> => {
    let done = false;
    const q = p.finally(() => (done = true));
    for (;;) {
      await setImmediate();
      if (done) return q;
      const next = clock.nextDueAt();
      if (next === undefined) throw new Error('stuck: nothing scheduled on the clock');
      clock.advanceTo(next);
    }
  };
  return {
    kalshi,
    polymarket,
    store,
    exec,
    raised,
    execute: (plan: SizedPlan) => drive(exec.execute(plan)),
    resolveWaiting: () => drive(exec.resolveWaiting()),
  };
}

describe('an order whose outcome stays unknown after all its queries', () => {
  it('leg A: the package stays in flight (not missed), no other order goes out, until the venue finds it', async () => {
    const t = setup({
      kalshi: [{ lost: true, exists: true, fill: [[0.4, 10]] }, { fill: [[0.38, 10]] }],
      polymarket: [{ fill: [[0.55, 10]] }],
    });
    t.kalshi.queryFailures = 1_000; // unreachable: every query, and the fill feed, fails
    const r = await t.execute(PLAN);
    expect(r.status).toBe('unknown');
    expect(t.store.intent('t-1-L0')).toMatchObject({ state: 'unknown' });
    expect(t.store.getPackage(r.packageId)).toMatchObject({ state: 'legging', bought: [0, 0] });
    expect(t.polymarket.placed).toEqual([]);
    expect(t.kalshi.placed.map((o) => o.clientOrderId)).toEqual(['t-1-L0']);
    expect(t.exec.waitingPackages()).toMatchObject([{ packageId: r.packageId, unknown: ['t-1-L0'] }]);

    // Still unreachable: the next pass changes nothing.
    t.kalshi.queryFailures = 1; // one more failure, then reachable
    expect(await t.resolveWaiting()).toEqual([]);
    expect(t.exec.waitingPackages()).toHaveLength(1);

    // Reachable again: the order is there and filled 10. Legging does not resume (the quote is stale): leg A's
    // 10 are exposure, sold back.
    const [done] = await t.resolveWaiting();
    expect(done).toMatchObject({ packageId: r.packageId, status: 'unwound' });
    expect(done!.aborted).toMatch(/outcome was unknown/);
    expect(t.kalshi.placed.map((o) => [o.clientOrderId, o.side])).toEqual([
      ['t-1-L0', 'BUY'],
      ['t-1-U0', 'SELL'],
    ]);
    expect(t.polymarket.placed).toEqual([]);
    expect(t.exec.waitingPackages()).toEqual([]);
    expect(t.store.safeModeReasons()).toEqual([]);
  });

  it('leg B: leg A is not unwound while B might have filled; once B is found filled the package is hedged', async () => {
    const t = setup({
      kalshi: [{ fill: [[0.4, 10]] }],
      polymarket: [{ lost: true, exists: true, fill: [[0.55, 10]] }],
    });
    t.polymarket.queryFailures = 1_000;
    const r = await t.execute(PLAN);
    expect(r.status).toBe('unknown');
    expect(t.kalshi.placed.map((o) => o.side)).toEqual(['BUY']); // no unwind of A
    expect(t.store.getPackage(r.packageId)).toMatchObject({ state: 'legging', bought: [qty(10), 0] });
    t.polymarket.queryFailures = 0; // reachable again
    const [done] = await t.resolveWaiting();
    expect(done).toMatchObject({ status: 'hedged', hedgedQty: qty(10) });
    expect(t.kalshi.placed.map((o) => o.side)).toEqual(['BUY']);
  });

  it('an unwind whose outcome is unknown keeps the package unwinding (never given up on a guess)', async () => {
    const t = setup({
      kalshi: [{ fill: [[0.4, 10]] }, { lost: true, exists: true, fill: [[0.38, 10]] }],
      polymarket: [{ fill: [] }],
    });
    t.kalshi.queryFailures = 1_000;
    const r = await t.execute(PLAN);
    expect(r.status).toBe('unknown');
    expect(t.store.getPackage(r.packageId)).toMatchObject({ state: 'unwinding' });
    expect(t.raised).toEqual([]);
    t.kalshi.queryFailures = 0; // reachable again
    const [done] = await t.resolveWaiting();
    expect(done).toMatchObject({ status: 'unwound' });
    expect(t.store.getPackage(r.packageId)!.sold).toEqual([qty(10), 0]);
  });
});

describe('a fill that arrives for a package already closed', () => {
  it('re-evaluates it: naked contracts make it unhedged and raise safe mode', async () => {
    // Leg A's reply is lost and the venue, asked at once, does not have it: the order never arrived (void), so
    // the package is missed. Then the request reaches the venue after all and fills 10.
    const t = setup({ kalshi: [{ lost: true, exists: false }] });
    const r = await t.execute(PLAN);
    expect(r.status).toBe('missed');
    t.kalshi.arrive('t-1-L0', [[0.4, 10]]);
    await t.exec.runner.syncFills('kalshi');
    expect(t.store.getPackage(r.packageId)).toMatchObject({ state: 'unhedged', bought: [qty(10), 0] });
    expect(t.raised).toEqual(['UNHEDGED_PACKAGE']);
    expect(t.store.safeModeReasons().map((x) => x.detail)).toEqual([
      `package ${r.packageId}: a fill arrived after it closed missed; naked 10 on leg 0`,
    ]);
    expect(t.store.events({ packageId: r.packageId }).map((e) => e.kind)).toContain('late_fill');
  });
});
