import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { itSeeded } from '../../support/seeds.ts';
import type { OrderRequest, SimOrder } from '../../../src/sim/engine/types.ts';
import { expectConserved, kalshiFeeModel, makeExchange, polymarketFeeModel, px, qty } from './helpers.ts';

const ACCOUNTS = ['alice', 'bob', 'carol'] as const;
const MARKETS = ['M1', 'M2'] as const;

type Op =
  | { kind: 'place'; req: OrderRequest }
  | { kind: 'cancel'; account: string; pick: number }
  | { kind: 'decrease'; account: string; pick: number; by: number }
  | { kind: 'amend'; account: string; pick: number; px: number; qty: number }
  | { kind: 'cancelAll'; account: string }
  | { kind: 'advance'; ms: number };

const placeArb: fc.Arbitrary<Op> = fc
  .record({
    account: fc.constantFrom(...ACCOUNTS),
    market: fc.constantFrom(...MARKETS),
    outcome: fc.constantFrom('YES' as const, 'NO' as const),
    side: fc.constantFrom('BUY' as const, 'BUY' as const, 'SELL' as const),
    // Mostly near 50¢ so orders cross often; sometimes anywhere on the grid.
    px: fc.oneof(fc.integer({ min: 40, max: 60 }), fc.integer({ min: 1, max: 99 })).map((c) => px(c * 100)),
    qty: fc.integer({ min: 1, max: 50 }).map((n) => qty(n * 50)),
    tif: fc.constantFrom('GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const, 'GTD' as const),
    postOnly: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    stp: fc.constantFrom('cancel_taker' as const, 'cancel_maker' as const),
    ttl: fc.integer({ min: 1, max: 5_000 }),
  })
  .map(({ ttl, ...r }) => ({
    kind: 'place' as const,
    req: {
      ...r,
      postOnly: r.postOnly && (r.tif === 'GTC' || r.tif === 'GTD'),
      ...(r.tif === 'GTD' ? { expiresAtMs: 1_000_000 + ttl } : {}),
    },
  }));

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: placeArb },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const),
      account: fc.constantFrom(...ACCOUNTS),
      pick: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('decrease' as const),
      account: fc.constantFrom(...ACCOUNTS),
      pick: fc.nat(),
      by: fc.integer({ min: 1, max: 1000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      account: fc.constantFrom(...ACCOUNTS),
      pick: fc.nat(),
      px: fc.integer({ min: 1, max: 99 }),
      qty: fc.integer({ min: 1, max: 60 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('cancelAll' as const), account: fc.constantFrom(...ACCOUNTS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 3_000 }) }),
  },
);

/** What the random runs exercised, so the property can't silently degrade into testing rejections only. */
interface Seen {
  fills: number;
  partial: number;
  selfTrade: number;
  expired: number;
}

function run(venue: 'kalshi' | 'polymarket', ops: Op[], results: ('YES' | 'NO')[], seen: Seen): void {
  const fees = venue === 'kalshi' ? kalshiFeeModel({ makerFees: true }) : polymarketFeeModel(70_000);
  // Modest cash so insufficient-balance rejections happen too.
  const { ex, clock, events } = makeExchange({ venue, fees, markets: [...MARKETS], cash: 150_000_000 });
  const open = (account: string): Readonly<SimOrder>[] => ex.orders({ account, status: 'resting' });
  for (const op of ops) {
    switch (op.kind) {
      case 'place': {
        const before = ex.book(op.req.market)!;
        const r = ex.place(op.req);
        if (r.ok) {
          expect(r.order.filled).toBeLessThanOrEqual(r.order.qty);
          if (op.req.tif === 'FOK') expect(r.order.filled).toBe(op.req.qty);
          if (op.req.postOnly) expect(r.fills).toEqual([]);
        } else if (op.req.tif === 'FOK' && r.code === 'FOK_NOT_FILLED') {
          expect(ex.book(op.req.market)).toEqual(before);
        }
        break;
      }
      case 'cancel': {
        const os = open(op.account);
        if (os.length > 0) expect(ex.cancel(op.account, os[op.pick % os.length]!.id).ok).toBe(true);
        break;
      }
      case 'decrease': {
        const os = open(op.account);
        if (os.length > 0) ex.decrease(op.account, os[op.pick % os.length]!.id, qty(op.by));
        break;
      }
      case 'amend': {
        const os = open(op.account);
        if (os.length > 0) {
          const o = os[op.pick % os.length]!;
          ex.amend(op.account, o.id, { px: px(op.px * 100), qty: qty(o.filled + op.qty * 50) });
        }
        break;
      }
      case 'cancelAll':
        ex.cancelAll(op.account);
        break;
      case 'advance':
        clock.advance(op.ms);
        break;
    }
    for (const m of MARKETS) {
      const b = ex.book(m)!;
      // never crossed
      if (b.bids[0] && b.asks[0]) expect(b.bids[0].yesPx).toBeLessThan(b.asks[0].yesPx);
      // levels equal the resting orders' remaining quantity
      const resting = ex.orders({ market: m, status: 'resting' });
      const sum = (side: 'bid' | 'ask') =>
        resting
          .filter((o) => ((o.outcome === 'YES') === (o.side === 'BUY') ? 'bid' : 'ask') === side)
          .reduce((s, o) => s + o.qty - o.filled, 0);
      expect(b.bids.reduce((s, l) => s + l.qty, 0)).toBe(sum('bid'));
      expect(b.asks.reduce((s, l) => s + l.qty, 0)).toBe(sum('ask'));
    }
    expectConserved(ex);
  }
  // every order's fills add up to its filled size, within its size; post-only orders never took
  for (const o of ex.orders()) {
    const fills = ex.fills({ orderId: o.id });
    expect(fills.reduce((s, f) => s + f.qty, 0)).toBe(o.filled);
    expect(o.filled).toBeLessThanOrEqual(o.qty);
    if (o.postOnly) expect(fills.filter((x) => x.liquidity === 'taker')).toEqual([]);
  }
  for (const e of events) {
    if (e.type === 'fill' && e.fill.liquidity === 'taker') seen.fills++;
    if (e.type === 'order' && e.change === 'partial') seen.partial++;
    if (e.type === 'order' && e.order.cancelReason === 'self_trade') seen.selfTrade++;
    if (e.type === 'order' && e.change === 'expired') seen.expired++;
  }
  // settle everything: positions vanish, escrow empties, money is still all there
  MARKETS.forEach((m, i) => ex.resolve(m, results[i]!));
  expectConserved(ex);
  for (const a of ex.accounts()) {
    expect(a.positions.size).toBe(0);
    expect(a.reserved).toBe(0);
  }
  expect(ex.totals().escrow).toBe(0);
}

describe('matching engine properties', () => {
  for (const venue of ['polymarket', 'kalshi'] as const) {
    itSeeded(
      `${venue}: never crosses, never overfills, conserves money and contracts, FOK all-or-nothing, post-only never takes`,
      [],
      (seed) => {
        const seen: Seen = { fills: 0, partial: 0, selfTrade: 0, expired: 0 };
        fc.assert(
          fc.property(
            fc.array(opArb, { minLength: 20, maxLength: 150, size: 'max' }),
            fc.tuple(
              fc.constantFrom('YES' as const, 'NO' as const),
              fc.constantFrom('YES' as const, 'NO' as const),
            ),
            (ops, results) => run(venue, ops, results, seen),
          ),
          { seed, numRuns: 100 },
        );
        // Typical totals over 100 runs are ~250 fills, ~250 partials, ~110 self-trade cancels, ~45 expiries.
        expect(seen.fills).toBeGreaterThan(100);
        expect(seen.partial).toBeGreaterThan(100);
        expect(seen.selfTrade).toBeGreaterThan(40);
        expect(seen.expired).toBeGreaterThan(15);
      },
    );
  }
});
