import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import type { Outcome, Venue } from '../../src/core/market.ts';
import { asMicros } from '../../src/core/units.ts';
import {
  DEFAULT_LEGGING,
  OrderStore,
  PackageExecutor,
  type LeggingPolicy,
  type PackageResult,
  type SizedPlan,
} from '../../src/exec/index.ts';
import { newPackage, packageTransition, type PackageEvent } from '../../src/exec/lifecycle/package-state.ts';
import type { QuoteView } from '../../src/exec/package-executor.ts';
import { pairProof } from './proof-support.ts';
import { px, qty, ScriptVenue, type Step } from './support.ts';

type LegSpec = readonly [Venue, string, Outcome, number];

const K: LegSpec = ['kalshi', 'KX-1', 'NO', 0.4];
const P: LegSpec = ['polymarket', '0xaa', 'YES', 0.55];

function plan(legs: readonly LegSpec[], contracts: number, over: Partial<SizedPlan> = {}): SizedPlan {
  return {
    id: 'cross_venue-1',
    legs: legs.map(([venue, market, outcome, price]) => ({ venue, market, outcome, px: px(price) })),
    qty: qty(contracts),
    payoutUnits: 1,
    expectedEdge: asMicros(400_000),
    proof: pairProof(legs.map(([venue, market, outcome]) => ({ venue, market, outcome }))),
    ...over,
  };
}

function setup(
  steps: { kalshi?: Step[]; polymarket?: Step[] },
  opts: { quotes?: QuoteView; legging?: Partial<LeggingPolicy> } = {},
) {
  const kalshi = new ScriptVenue('kalshi', steps.kalshi ?? []);
  const polymarket = new ScriptVenue('polymarket', steps.polymarket ?? []);
  const orders: [Venue, string][] = [];
  const store = OrderStore.open(':memory:', { storeId: 't' });
  const exec = new PackageExecutor({
    venues: { kalshi, polymarket },
    clock: new SimClock(),
    store,
    onOrder: (v, outcome) => orders.push([v, outcome]),
    ...(opts.quotes ? { quotes: opts.quotes } : {}),
    legging: { ...DEFAULT_LEGGING, ...opts.legging },
  });
  return { kalshi, polymarket, exec, orders, store };
}

const summary = (r: PackageResult) => ({
  status: r.status,
  hedged: r.hedgedQty,
  legs: r.legs.map((l) => [l.leg.venue, l.requested, l.filled, l.outcome]),
});

const expectIntegerMoney = (r: PackageResult): void => {
  for (const v of [r.expectedMicros, r.realizedMicros, r.unwind.proceeds, r.unwind.fees, r.unwind.loss])
    expect(Number.isSafeInteger(v)).toBe(true);
  for (const l of r.legs) expect(Number.isSafeInteger(l.cost) && Number.isSafeInteger(l.fees)).toBe(true);
};

describe('PackageExecutor', () => {
  it('hedged: legs go in the plan order as IOC buys at the planned prices; PnL from the actual fills', async () => {
    const t = setup({
      kalshi: [{ fill: [[0.4, 10]], fee: 170_000 }],
      polymarket: [
        {
          fill: [
            [0.54, 6],
            [0.55, 4],
          ],
          fee: 10_000,
        },
      ],
    });
    const r = await t.exec.execute(plan([K, P], 10));
    expect(summary(r)).toEqual({
      status: 'hedged',
      hedged: qty(10),
      legs: [
        ['kalshi', qty(10), qty(10), 'ok'],
        ['polymarket', qty(10), qty(10), 'ok'],
      ],
    });
    expect(t.kalshi.placed).toEqual([
      {
        clientOrderId: 't-1-L0', // the store's package id (store id + sequence), then the leg
        market: 'KX-1',
        outcome: 'NO',
        side: 'BUY',
        px: px(0.4),
        qty: qty(10),
        tif: 'IOC',
      },
    ]);
    // A later leg's limit is the worst price at which the package, with leg A's real fills and fee, still
    // clears (here any price up to $0.58), capped at the planned price plus the 1¢ tolerance.
    expect(t.polymarket.placed[0]).toMatchObject({
      clientOrderId: 't-1-L1',
      px: px(0.56),
      tif: 'IOC',
    });
    // Paid $4.00 + $3.24 + $2.20 and $0.17 + $0.02 of fees for a $10.00 payout.
    expect(r.legs.map((l) => [l.cost, l.fees])).toEqual([
      [4_000_000, 170_000],
      [5_440_000, 20_000],
    ]);
    expect(r.realizedMicros).toBe(10_000_000 - 9_440_000 - 190_000);
    expect(r.expectedMicros).toBe(400_000);
    expect(r.fills).toHaveLength(3);
    expect(t.orders).toEqual([
      ['kalshi', 'ok'],
      ['polymarket', 'ok'],
    ]);
    expectIntegerMoney(r);
  });

  it('partial: a later leg is sized to what the earlier legs filled; the naked excess is sold back at once', async () => {
    const t = setup({
      kalshi: [{ fill: [[0.4, 10]] }, { fill: [[0.38, 4]] }],
      polymarket: [{ fill: [[0.55, 6]] }],
    });
    const r = await t.exec.execute(plan([K, P], 10));
    expect(summary(r)).toEqual({
      status: 'partial',
      hedged: qty(6),
      legs: [
        ['kalshi', qty(10), qty(10), 'ok'],
        ['polymarket', qty(10), qty(6), 'ok'],
        ['kalshi', -qty(4), qty(4), 'ok'],
      ],
    });
    // The unwind sells the excess 4 NO into whatever bids there are.
    expect(t.kalshi.placed[1]).toMatchObject({
      clientOrderId: 't-1-U0',
      side: 'SELL',
      outcome: 'NO',
      qty: qty(4),
      tif: 'IOC',
    });
    expect(r.unwind).toEqual({ qty: qty(4), proceeds: 1_520_000, fees: 0, loss: 80_000 });
    // 6 hedged pay $6.00; bought 10 × 0.40 + 6 × 0.55 = $7.30; sold 4 × 0.38 = $1.52 back.
    expect(r.realizedMicros).toBe(6_000_000 - 7_300_000 + 1_520_000);
    expect(r.expectedMicros).toBe(Math.floor((400_000 * 600) / 1_000));
    expectIntegerMoney(r);
  });

  it('three legs: each is sized to the smallest fill so far', async () => {
    const third: LegSpec = ['polymarket', '0xbb', 'NO', 0.03];
    const t = setup({
      kalshi: [{ fill: [[0.4, 10]] }, { fill: [[0.39, 5]] }],
      polymarket: [{ fill: [[0.55, 7]] }, { fill: [[0.03, 5]] }, { fill: [[0.54, 2]] }],
    });
    const r = await t.exec.execute(plan([K, P, third], 10));
    expect(t.polymarket.placed.map((o) => [o.market, o.side, o.qty])).toEqual([
      ['0xaa', 'BUY', qty(10)],
      ['0xbb', 'BUY', qty(7)],
      ['0xaa', 'SELL', qty(2)],
    ]);
    expect(summary(r)).toMatchObject({ status: 'partial', hedged: qty(5) });
  });

  it('unwound: the second leg misses, everything the first bought is sold back', async () => {
    const t = setup({
      kalshi: [
        { fill: [[0.4, 10]], fee: 170_000 },
        { fill: [[0.37, 10]], fee: 160_000 },
      ],
      polymarket: [{ fill: [] }],
    });
    const r = await t.exec.execute(plan([K, P], 10));
    expect(summary(r)).toEqual({
      status: 'unwound',
      hedged: 0,
      legs: [
        ['kalshi', qty(10), qty(10), 'ok'],
        ['polymarket', qty(10), 0, 'ok'],
        ['kalshi', -qty(10), qty(10), 'ok'],
      ],
    });
    // Bought at $4.00 + $0.17, sold at $3.70 − $0.16: $0.63 lost.
    expect(r.unwind).toEqual({ qty: qty(10), proceeds: 3_700_000, fees: 160_000, loss: 630_000 });
    expect(r.realizedMicros).toBe(-630_000);
    expect(r.expectedMicros).toBe(0);
    expectIntegerMoney(r);
  });

  it('unhedged: the unwind itself falls short and naked contracts remain', async () => {
    const t = setup({
      kalshi: [{ fill: [[0.4, 10]] }, { fill: [[0.3, 4]] }],
      polymarket: [{ fill: [] }],
    });
    const r = await t.exec.execute(plan([K, P], 10));
    expect(summary(r)).toMatchObject({ status: 'unhedged', hedged: 0 });
    expect(r.unwind.qty).toBe(qty(4));
  });

  it('missed: the first leg fills nothing and no other leg is sent', async () => {
    const t = setup({ kalshi: [{ fill: [] }] });
    const r = await t.exec.execute(plan([K, P], 10));
    expect(summary(r)).toEqual({ status: 'missed', hedged: 0, legs: [['kalshi', qty(10), 0, 'ok']] });
    expect(t.polymarket.placed).toEqual([]);
    expect(r.realizedMicros).toBe(0);
  });

  it('a rejected leg counts as a miss and is reported as rejected', async () => {
    const t = setup({ kalshi: [{ reject: 'KALSHI.INSUFFICIENT_BALANCE' }] });
    const r = await t.exec.execute(plan([K, P], 10));
    expect(r.status).toBe('missed');
    expect(r.legs[0]).toMatchObject({
      outcome: 'rejected',
      error: 'KALSHI.INSUFFICIENT_BALANCE: scripted reject',
    });
    expect(t.orders).toEqual([['kalshi', 'rejected']]);
  });

  it('an unknown outcome is resolved by asking the venue for the client order id', async () => {
    const t = setup({
      kalshi: [{ lost: true, exists: true, fill: [[0.4, 10]] }],
      polymarket: [{ fill: [[0.55, 10]] }],
    });
    const r = await t.exec.execute(plan([K, P], 10));
    expect(summary(r)).toEqual({
      status: 'hedged',
      hedged: qty(10),
      legs: [
        ['kalshi', qty(10), qty(10), 'unknown'],
        ['polymarket', qty(10), qty(10), 'ok'],
      ],
    });
    expect(r.legs[0]!.orderId).toBe('kalshi-o1');
    expect(r.legs[0]!.cost).toBe(4_000_000);
    expect(t.orders).toEqual([
      ['kalshi', 'unknown'],
      ['polymarket', 'ok'],
    ]);
  });

  it('an unknown outcome whose order never reached the venue is a miss', async () => {
    const t = setup({ kalshi: [{ lost: true, exists: false }] });
    const r = await t.exec.execute(plan([K, P], 10));
    expect(r.status).toBe('missed');
    expect(r.legs[0]).toMatchObject({
      outcome: 'unknown',
      orderId: undefined,
      error: 'NETWORK: no answer',
    });
    // Resolved by query: the venue has no order with that client order id, so the intent is void, not unknown.
    expect(t.store.intent('t-1-L0')).toMatchObject({ state: 'void' });
  });

  it('a fill Kalshi reports as the mirror trade (buy YES at p ≡ sell NO at 1 − p) counts as the leg it is', async () => {
    // The bot already holds NO on this market, so the venue sells that NO instead of buying YES.
    const yesLeg: LegSpec = ['kalshi', 'KX-1', 'YES', 0.4];
    const noLeg: LegSpec = ['polymarket', '0xaa', 'NO', 0.55];
    const plain = setup({ kalshi: [{ fill: [[0.4, 10]] }], polymarket: [{ fill: [[0.55, 10]] }] });
    const mirrored = setup({
      kalshi: [{ fill: [[0.4, 10]], mirror: true }],
      polymarket: [{ fill: [[0.55, 10]] }],
    });
    const a = await plain.exec.execute(plan([yesLeg, noLeg], 10));
    const b = await mirrored.exec.execute(plan([yesLeg, noLeg], 10));
    expect(b.fills[0]).toMatchObject({ side: 'BUY', outcome: 'YES', px: px(0.4) });
    expect(summary(b)).toEqual(summary(a));
    expect(b.legs.map((l) => [l.cost, l.fees])).toEqual(a.legs.map((l) => [l.cost, l.fees]));
    expect(b.realizedMicros).toBe(a.realizedMicros);
    expect(b.realizedMicros).toBe(10_000_000 - 9_500_000);
  });

  it('counts only the package’s own orders; a fill no intent explains is adopted and raises safe mode', async () => {
    const t = setup({ kalshi: [{ fill: [[0.4, 10]] }], polymarket: [{ fill: [[0.55, 10]] }] });
    t.kalshi.history({
      id: 'old-f1',
      orderId: 'old-o1',
      market: 'KX-1',
      outcome: 'YES',
      side: 'BUY',
      px: px(0.5),
      qty: qty(3),
      fee: 0 as never,
      liquidity: 'taker',
      tsMs: 0,
      final: true,
    });
    const r = await t.exec.execute(plan([K, P], 10));
    expect(r.fills.map((f) => f.orderId)).toEqual(['kalshi-o1', 'polymarket-o1']);
    expect(t.store.fills({ venue: 'kalshi' }).find((f) => f.id === 'old-f1')).toMatchObject({
      adopted: true,
    });
    expect(t.store.safeModeReasons().map((x) => x.code)).toEqual(['UNEXPLAINED_FILL']);
  });
});

/** A quote view over fixed books: `asks[market]` is what buying `outcome` there costs, best first. */
function quotesOf(asks: Record<string, readonly (readonly [number, number])[]>): QuoteView {
  return {
    buyable(_venue, market, _outcome, limitPx) {
      const levels = asks[market];
      if (!levels) return undefined;
      const under = levels.filter(([p]) => px(p) <= limitPx);
      return {
        bestPx: levels.length > 0 ? px(levels[0]![0]) : 10_000,
        qty: under.reduce((sum, [, c]) => sum + qty(c), 0),
      };
    },
  };
}

describe('PackageExecutor: the event log replays to the stored package', () => {
  it('folding its package events twice, or each one twice in a row, gives what the store holds', async () => {
    // B misses, and the unwind of A sells only 4 of 10: the package stays unwinding, then gives up (unhedged).
    // A result delivered twice while still unwinding is where an unkeyed event would count twice.
    for (const steps of [
      { kalshi: [{ fill: [[0.4, 10]] }, { fill: [[0.3, 4]] }], polymarket: [{ fill: [] }] },
      { kalshi: [{ fill: [[0.4, 10]] }, { fill: [[0.38, 6]] }], polymarket: [{ fill: [[0.55, 4]] }] },
    ] as { kalshi: Step[]; polymarket: Step[] }[]) {
      const t = setup(steps);
      const r = await t.exec.execute(plan([K, P], 10));
      const stored = t.store.getPackage(r.packageId)!;
      const events = t.store
        .events({ packageId: r.packageId })
        .filter((e) => e.kind.startsWith('package_') && e.kind !== 'package_created')
        .map((e) => e.data.event as PackageEvent);
      expect(events.map((e) => e.type)).toContain('unwind_done');
      const fold = (es: readonly PackageEvent[]) =>
        es.reduce((s, e) => packageTransition(s, e).next, newPackage(stored.qty, stored.legs));
      for (const replay of [fold(events), fold([...events, ...events]), fold(events.flatMap((e) => [e, e]))])
        expect({ state: replay.state, bought: replay.bought, sold: replay.sold }).toEqual({
          state: stored.state,
          bought: stored.bought,
          sold: stored.sold,
        });
    }
  });
});

describe('PackageExecutor: a later leg is sent only inside the proof', () => {
  // Leg A buys 10 Kalshi NO at $0.40 (no fees). Leg B, Polymarket YES planned at $0.55, pays $1 with A either way:
  // edge = $6 − 10p on a cost of $4 + 10p, so at a 300 bps minimum the worst price that clears is $0.57
  // (309 bps); $0.58 would earn 204 bps. The tolerance is set wide so that the proof is what binds.
  const proofAt300 = pairProof(
    [K, P].map(([venue, market, outcome]) => ({ venue, market, outcome })),
    { minEdgeBps: 300 },
  );
  const run = async (book: number, contracts = 10) => {
    const t = setup(
      { kalshi: [{ fill: [[0.4, 10]] }, { fill: [[0.38, 10]] }], polymarket: [{ fill: [[book, 10]] }] },
      { quotes: quotesOf({ '0xaa': [[book, contracts]] }), legging: { legPriceTolerancePx: 500 } },
    );
    const r = await t.exec.execute(plan([K, P], 10, { proof: proofAt300 }));
    return { t, r };
  };

  it('a book moved to exactly the proof’s worst price: leg B is sent with that limit and the package hedges', async () => {
    const { t, r } = await run(0.57);
    expect(t.polymarket.placed[0]).toMatchObject({ side: 'BUY', px: px(0.57), qty: qty(10) });
    expect(r.status).toBe('hedged');
  });

  it('one tick less: sent, still limited at the proof’s worst price', async () => {
    const { t, r } = await run(0.56);
    expect(t.polymarket.placed[0]).toMatchObject({ px: px(0.57) });
    expect(r.status).toBe('hedged');
  });

  it('one tick more: leg B is not sent (the package would clear only 204 bps), leg A is sold back', async () => {
    const { t, r } = await run(0.58);
    expect(t.polymarket.placed).toEqual([]);
    expect(r.aborted).toMatch(/moved: 0 of the 10 contracts needed offered at or below 5700 Px/);
    expect(t.kalshi.placed.map((o) => o.side)).toEqual(['BUY', 'SELL']);
    expect(r.status).toBe('unwound');
  });

  it('the quote gate wants every contract the leg needs: 4 of 10 offered is a moved quote', async () => {
    const { t, r } = await run(0.55, 4);
    expect(t.polymarket.placed).toEqual([]);
    expect(r.aborted).toMatch(/4 of the 10 contracts needed/);
  });

  it('the configured tolerance caps the limit below the proof: 1¢ over plan is sent, 2¢ is not', async () => {
    const loose = pairProof([K, P].map(([venue, market, outcome]) => ({ venue, market, outcome })));
    const at = async (book: number) => {
      const t = setup(
        { kalshi: [{ fill: [[0.4, 10]] }, { fill: [[0.38, 10]] }], polymarket: [{ fill: [[book, 10]] }] },
        { quotes: quotesOf({ '0xaa': [[book, 10]] }), legging: { legPriceTolerancePx: 100 } },
      );
      await t.exec.execute(plan([K, P], 10, { proof: loose }));
      return t.polymarket.placed.map((o) => o.px);
    };
    expect(await at(0.56)).toEqual([px(0.56)]);
    expect(await at(0.57)).toEqual([]);
  });

  it('a later leg is priced from the fills leg A really made: a worse fee on A leaves less room for B', async () => {
    // Leg A pays a $0.20 fee: edge = $5.80 − 10p on a cost of $4.20 + 10p; $0.56 earns 205 bps, $0.55 earns 306
    // bps, so at 300 bps leg B's limit drops from $0.57 to $0.55.
    const t = setup(
      {
        kalshi: [{ fill: [[0.4, 10]], fee: 200_000 }, { fill: [[0.38, 10]] }],
        polymarket: [{ fill: [[0.55, 10]] }],
      },
      { quotes: quotesOf({ '0xaa': [[0.55, 10]] }), legging: { legPriceTolerancePx: 500 } },
    );
    await t.exec.execute(plan([K, P], 10, { proof: proofAt300 }));
    expect(t.polymarket.placed.map((o) => o.px)).toEqual([px(0.55)]);
  });

  it('a plan that does not clear as it stands sends nothing at all', async () => {
    const t = setup({ kalshi: [{ fill: [[0.4, 10]] }], polymarket: [{ fill: [[0.58, 10]] }] });
    const r = await t.exec.execute(plan([K, ['polymarket', '0xaa', 'YES', 0.58]], 10, { proof: proofAt300 }));
    expect(t.kalshi.placed).toEqual([]);
    expect(t.polymarket.placed).toEqual([]);
    expect(r.status).toBe('missed');
    expect(r.aborted).toBe('plan not proven: edge 204 bps at 10 contracts is below the minimum 300 bps');
  });
});
