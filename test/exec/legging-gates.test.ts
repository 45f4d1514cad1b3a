/**
 * The legging controls between one leg and the next (docs/architecture.md, "Legging controls"), each driven
 * through PackageExecutor.execute with scripted venues on a SimClock: when a control refuses the later leg, that
 * leg is never sent, the package is exposed, and the exposure policy flattens what the earlier leg bought.
 * Each refusal has a twin run where the control allows the leg, so the refusal is the control's doing.
 */
import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import { asMicros } from '../../src/core/units.ts';
import {
  DEFAULT_LEGGING,
  OrderStore,
  PackageExecutor,
  type LeggingPolicy,
  type PackageResult,
  type SizedPlan,
} from '../../src/exec/index.ts';
import type { QuoteView } from '../../src/exec/package-executor.ts';
import { pairProof } from './proof-support.ts';
import { px, qty, ScriptVenue, type Step } from './support.ts';

/** Leg A: 10 NO on Kalshi at $0.40; leg B: 10 YES on Polymarket at $0.55; $0.40 of edge (4¢ a contract). */
const PLAN: SizedPlan = {
  id: 'cross_venue-1',
  legs: [
    { venue: 'kalshi', market: 'KX-1', outcome: 'NO', px: px(0.4) },
    { venue: 'polymarket', market: '0xaa', outcome: 'YES', px: px(0.55) },
  ],
  qty: qty(10),
  payoutUnits: 1,
  expectedEdge: asMicros(400_000),
  proof: pairProof([
    { venue: 'kalshi', market: 'KX-1', outcome: 'NO' },
    { venue: 'polymarket', market: '0xaa', outcome: 'YES' },
  ]),
};

/** Generous everywhere: each test tightens only the control it is about. */
const LOOSE: LeggingPolicy = {
  ...DEFAULT_LEGGING,
  maxLegGapMs: 600_000,
  nakedBudgetMicrosMs: 1e15,
};

function setup(opts: {
  kalshi: Step[];
  polymarket?: Step[];
  legging: Partial<LeggingPolicy>;
  quotes?: (clock: SimClock, kalshi: ScriptVenue) => QuoteView;
}) {
  const clock = new SimClock();
  // Copies: a venue consumes its steps, and twin runs share them.
  const kalshi = new ScriptVenue('kalshi', [...opts.kalshi], clock);
  const polymarket = new ScriptVenue('polymarket', [...(opts.polymarket ?? [{ fill: [[0.55, 10]] }])], clock);
  const store = OrderStore.open(':memory:', { storeId: 't' });
  const exec = new PackageExecutor({
    venues: { kalshi, polymarket },
    clock,
    store,
    legging: { ...LOOSE, ...opts.legging },
    ...(opts.quotes ? { quotes: opts.quotes(clock, kalshi) } : {}),
  });
  /** Execute the plan, moving the simulated clock from timer to timer until it is done. */
  const execute = async (): Promise<PackageResult> => {
    let done = false;
    const p = exec.execute(PLAN).finally(() => (done = true));
    for (;;) {
      await setImmediate();
      if (done) return p;
      const next = clock.nextDueAt();
      if (next === undefined) throw new Error('execute is stuck: nothing scheduled on the clock');
      clock.advanceTo(next);
    }
  };
  return { clock, kalshi, polymarket, store, execute };
}

/** The later leg was refused: never sent; leg A's 10 NO were sold back (flattened), nothing is naked. */
function expectRefusedAndFlattened(t: ReturnType<typeof setup>, r: PackageResult, why: RegExp): void {
  expect(r.aborted).toMatch(why);
  expect(t.polymarket.placed).toEqual([]);
  expect(t.kalshi.placed.map((o) => [o.clientOrderId, o.side, o.outcome, o.qty])).toEqual([
    ['t-1-L0', 'BUY', 'NO', qty(10)],
    ['t-1-U0', 'SELL', 'NO', qty(10)],
  ]);
  expect(r.decisions.map((d) => d.decision)).toEqual(['flatten']);
  expect(r).toMatchObject({ status: 'unwound', hedgedQty: 0 });
  expect(t.store.getPackage(r.packageId)).toMatchObject({ state: 'unwound' });
  const kinds = t.store.events({ packageId: r.packageId }).map((e) => e.data.event);
  expect(kinds).toContainEqual({ type: 'abort', reason: r.aborted });
  expect(t.store.safeModeReasons()).toEqual([]);
}

describe('legging controls, through PackageExecutor.execute (scripted venues, SimClock)', () => {
  it('naked budget: leg A answers after 3 s holding $4 naked (12 $·s), over a 5 $·s budget: leg B refused, A flattened', async () => {
    const kalshi: Step[] = [{ fill: [[0.4, 10]], replyMs: 3_000 }, { fill: [[0.39, 10]] }];
    const refused = setup({ kalshi, legging: { nakedBudgetMicrosMs: 5 * 1e9 } });
    const r = await refused.execute();
    // Today's wording: "naked exposure 12.00 $·s over the budget of 5.00 $·s".
    expectRefusedAndFlattened(refused, r, /naked exposure 12\.00 \$·s over the budget of 5\.00/);
    // Exposure counted from when leg A's order left, not from its slow answer.
    expect(r.nakedMicrosMs).toBeGreaterThanOrEqual(4_000_000 * 3_000);

    // The same slow leg A inside a 13 $·s budget: leg B goes and the package is hedged.
    const allowed = setup({ kalshi, legging: { nakedBudgetMicrosMs: 13 * 1e9 } });
    const ok = await allowed.execute();
    expect(ok).toMatchObject({ status: 'hedged', hedgedQty: qty(10) });
    expect(ok.aborted).toBeUndefined();
    expect(allowed.polymarket.placed).toHaveLength(1);
  });

  it('stale quote: leg B’s book goes untrusted while leg A is out: leg B refused, A flattened', async () => {
    // The book view the engine would give: Polymarket's book is lost from the moment leg A is placed.
    const quotes = (_: SimClock, kalshi: ScriptVenue): QuoteView => ({
      buyable: (venue, _market, _outcome, limitPx) =>
        venue === 'polymarket' && kalshi.placed.length > 0 ? undefined : { bestPx: limitPx, qty: qty(50) },
    });
    const kalshi: Step[] = [{ fill: [[0.4, 10]] }, { fill: [[0.39, 10]] }];
    const refused = setup({ kalshi, legging: {}, quotes });
    const r = await refused.execute();
    expectRefusedAndFlattened(refused, r, /polymarket 0xaa .*(not trusted|stale)/);

    // A trusted book offering the price: leg B goes.
    const allowed = setup({
      kalshi,
      legging: {},
      quotes: () => ({ buyable: () => ({ bestPx: px(0.55), qty: qty(50) }) }),
    });
    expect(await allowed.execute()).toMatchObject({ status: 'hedged', hedgedQty: qty(10) });
  });

  it('moved quote: nothing offered within tolerance any more: leg B refused, A flattened', async () => {
    const quotes = (): QuoteView => ({ buyable: () => ({ bestPx: px(0.6), qty: 0 }) });
    const t = setup({ kalshi: [{ fill: [[0.4, 10]] }, { fill: [[0.39, 10]] }], legging: {}, quotes });
    const r = await t.execute();
    expectRefusedAndFlattened(t, r, /polymarket 0xaa YES moved: 0 of the 10 contracts needed offered/);
  });

  // The gap runs from leg A's reply: the time its fills take to reach the feed counts (it was once measured from
  // when the runner handed leg A back, after those fills, so it was always ~0 ms and never refused anything).
  it('leg gap: leg A’s fills take 1.5 s to reach the feed, over a 1 s maxLegGapMs: leg B refused, A flattened', async () => {
    const kalshi: Step[] = [{ fill: [[0.4, 10]], feedLagMs: 1_500 }, { fill: [[0.39, 10]] }];
    const refused = setup({ kalshi, legging: { maxLegGapMs: 1_000 } });
    const r = await refused.execute();
    expectRefusedAndFlattened(refused, r, /gap/);
  });

  it('leg gap, the allowed side: the same 1.5 s feed lag within a 2 s maxLegGapMs sends leg B', async () => {
    const kalshi: Step[] = [{ fill: [[0.4, 10]], feedLagMs: 1_500 }];
    const t = setup({ kalshi, legging: { maxLegGapMs: 2_000 } });
    const start = t.clock.now();
    const r = await t.execute();
    expect(r).toMatchObject({ status: 'hedged', hedgedQty: qty(10) });
    // Leg A's fills were read (1.5 s late) before leg B left.
    expect(t.clock.now() - start).toBeGreaterThanOrEqual(1_500);
    expect(r.fills.map((f) => f.orderId)).toEqual(['kalshi-o1', 'polymarket-o1']);
  });
});
