import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/core/clock.ts';
import type { Outcome, Venue } from '../../src/core/market.ts';
import { OrderStore, PackageExecutor, type PackageResult, type SizedPlan } from '../../src/exec/index.ts';
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
    expectedEdge: 400_000,
    ...over,
  };
}

function setup(steps: { kalshi?: Step[]; polymarket?: Step[] }) {
  const kalshi = new ScriptVenue('kalshi', steps.kalshi ?? []);
  const polymarket = new ScriptVenue('polymarket', steps.polymarket ?? []);
  const orders: [Venue, string][] = [];
  const store = OrderStore.open(':memory:', { storeId: 't' });
  const exec = new PackageExecutor({
    venues: { kalshi, polymarket },
    clock: new SimClock(),
    store,
    onOrder: (v, outcome) => orders.push([v, outcome]),
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
    expect(t.polymarket.placed[0]).toMatchObject({
      clientOrderId: 't-1-L1',
      px: px(0.55),
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
