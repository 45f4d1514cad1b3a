import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../support/seeds.ts';
import { kalshiFeeModel, NO_FEES, polymarketFeeModel, type FeeModel } from '../../src/core/fees.ts';
import { uniformGrid } from '../../src/core/market.ts';
import { verify } from '../../src/core/portfolio.ts';
import type { Px } from '../../src/core/units.ts';
import { BookStore } from '../../src/hot/book-store.ts';
import type { Opportunity } from '../../src/hot/opportunity.ts';
import type { ResolvedRelation } from '../../src/hot/shapes.ts';
import { id, lv, world } from './support.ts';

const N = 8;
const mArb = fc.integer({ min: 0, max: N - 1 });
const relArb: fc.Arbitrary<ResolvedRelation> = fc.oneof(
  fc
    .tuple(mArb, mArb, fc.constantFrom('same' as const, 'inverted' as const))
    .filter(([a, b]) => a !== b)
    .map(([a, b, polarity]) => ({
      kind: 'equivalent' as const,
      id: `eq${a}-${b}-${polarity}`,
      a: id(a),
      b: id(b),
      polarity,
    })),
  fc.tuple(fc.uniqueArray(mArb, { minLength: 2, maxLength: 4 }), fc.boolean()).map(([ms, exhaustive]) => ({
    kind: 'exclusive' as const,
    id: `ex${ms.join('-')}`,
    markets: ms.map(id),
    exhaustive,
  })),
  fc
    .tuple(mArb, mArb)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ kind: 'implies' as const, id: `im${a}-${b}`, a: id(a), b: id(b) })),
);
const feeArb: fc.Arbitrary<FeeModel> = fc.constantFrom(NO_FEES, kalshiFeeModel(), polymarketFeeModel(40_000));
const levelsArb = fc.array(fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 40 })), {
  maxLength: 5,
});

type Update =
  | { kind: 'snapshot'; m: number; bids: [number, number][]; asks: [number, number][] }
  | { kind: 'level'; m: number; side: 'bid' | 'ask'; cents: number; contracts: number }
  | { kind: 'invalidate'; m: number };
const updateArb: fc.Arbitrary<Update> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('snapshot' as const),
      m: mArb,
      bids: levelsArb,
      asks: levelsArb,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('level' as const),
      m: mArb,
      side: fc.constantFrom('bid' as const, 'ask' as const),
      cents: fc.integer({ min: 1, max: 99 }),
      contracts: fc.integer({ min: 0, max: 40 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('invalidate' as const), m: mArb }) },
);

/** What must agree between the incremental and rescan results (ids and ages depend on when a shape was priced). */
const content = (o: Opportunity) => ({
  shape: o.shape,
  legs: o.legs.map((l) => [l.market, l.outcome, l.px, l.qty]),
  qty: o.qty,
  cost: o.cost,
  fees: o.fees,
  edge: o.edge,
});

describe('detection properties', () => {
  itSeeded(
    'incremental detection equals a full rescan, and every opportunity is proven by the verifier',
    [],
    (seed) => {
      let seenOpps = 0;
      fc.assert(
        fc.property(
          fc.array(
            fc.record({ venue: fc.constantFrom('kalshi' as const, 'polymarket' as const), fees: feeArb }),
            { minLength: N, maxLength: N },
          ),
          fc.array(relArb, { maxLength: 6 }),
          fc.array(updateArb, { minLength: 5, maxLength: 80, size: 'max' }),
          (specs, relations, updates) => {
            const w = world(specs, relations);
            let t = 1_000;
            for (const u of updates) {
              t += 7;
              if (u.kind === 'snapshot') {
                const toLv = (x: [number, number][]) => x.map(([c, n]) => lv(c * 100, n));
                w.books.snapshot(id(u.m), toLv(u.bids), toLv(u.asks), t, t);
              } else if (u.kind === 'level')
                w.books.level(id(u.m), u.side, u.cents * 100, u.contracts * 100, t, t);
              else w.books.invalidate(id(u.m));
              w.detector.onBookChange(id(u.m), t);
              const live = [...w.detector.opportunities().values()]
                .map(content)
                .sort((a, b) => a.shape - b.shape);
              const ref = [...w.detector.rescan(t).values()].map(content).sort((a, b) => a.shape - b.shape);
              expect(live).toEqual(ref);
            }
            for (const o of w.detector.opportunities().values()) {
              seenOpps++;
              const legs = o.legs.map((l) => ({
                venue: l.venue,
                market: l.market,
                outcome: l.outcome,
                side: 'BUY' as const,
                px: l.px,
                qty: l.qty,
                fees: w.table.get(l.market).fees,
              }));
              const v = verify(legs, w.shapes[o.shape]!.proof);
              expect(v.ok).toBe(true);
              if (v.ok) {
                expect(v.value.edge).toBe(o.edge);
                expect(v.value.edge).toBeGreaterThan(0);
                expect(v.value.guaranteedPayout - v.value.cost - v.value.fees).toBe(o.edge);
              }
            }
          },
        ),
        { seed, numRuns: 300 },
      );
      // The property must have seen real opportunities, not only empty sets.
      expect(seenOpps).toBeGreaterThan(100);
    },
  );

  itSeeded('the book store keeps the best levels and depth of a simple reference model', [], (seed) => {
    fc.assert(
      fc.property(fc.array(updateArb, { minLength: 1, maxLength: 120, size: 'max' }), (updates) => {
        const books = new BookStore();
        books.addMarket(id(0), uniformGrid(100 as Px));
        const ref = { bid: new Map<number, number>(), ask: new Map<number, number>() };
        for (const u of updates) {
          if (u.kind === 'snapshot') {
            ref.bid = new Map(u.bids.map(([c, n]) => [c * 100, n * 100]));
            ref.ask = new Map(u.asks.map(([c, n]) => [c * 100, n * 100]));
            books.snapshot(
              id(0),
              u.bids.map(([c, n]) => lv(c * 100, n)),
              u.asks.map(([c, n]) => lv(c * 100, n)),
              0,
              0,
            );
          } else if (u.kind === 'level') {
            ref[u.side].set(u.cents * 100, u.contracts * 100);
            books.level(id(0), u.side, u.cents * 100, u.contracts * 100, 0, 0);
          }
          const live = (m: Map<number, number>) => [...m].filter(([, q]) => q > 0);
          const bestBid = Math.max(-1, ...live(ref.bid).map(([p]) => p));
          const bestAsk = live(ref.ask).length ? Math.min(...live(ref.ask).map(([p]) => p)) : -1;
          expect(books.bestBidPx(id(0))).toBe(bestBid);
          expect(books.bestAskPx(id(0))).toBe(bestAsk);
          const lvls = books.levels(id(0));
          expect(lvls.yesBids).toEqual(
            live(ref.bid)
              .sort((a, b) => b[0] - a[0])
              .map(([px, qty]) => ({ px, qty })),
          );
          expect(lvls.yesAsks).toEqual(
            live(ref.ask)
              .sort((a, b) => a[0] - b[0])
              .map(([px, qty]) => ({ px, qty })),
          );
        }
      }),
      { seed, numRuns: 300 },
    );
  });

  it('rejects off-grid prices and untrusts the book until the next snapshot', () => {
    const books = new BookStore();
    books.addMarket(id(0), uniformGrid(100 as Px));
    expect(books.snapshot(id(0), [lv(4000, 1)], [lv(4200, 1)], 0, 0)).toBe(true);
    expect(books.level(id(0), 'bid', 4050, 100, 0, 0)).toBe(false);
    expect(books.isTrusted(id(0))).toBe(false);
    expect(books.level(id(0), 'bid', 10_001, 100, 0, 0)).toBe(false);
    expect(books.snapshot(id(0), [lv(4000, 1)], [], 0, 0)).toBe(true);
    expect(books.isTrusted(id(0))).toBe(true);
    expect(books.stats).toMatchObject({ offGrid: 2, invalidations: 1 });
    const walk = books.walkBuy(id(0), 'NO', 500, { qty: 0, worstPx: 0, cost: 0 });
    expect(walk).toEqual({ qty: 100, worstPx: 6000, cost: 600_000 });
  });
});
