/**
 * The flat fast paths of detection agree with the plain ones: `BookStore.topOfBook` with `bestBuyPx` and
 * `isTrusted`; the detector's top-of-book test (`ShapeIndex.mayPay`) with `evaluateShape` itself; and the
 * detector re-prices nothing only when nothing can have changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../support/seeds.ts';
import { uniformGrid } from '../../src/core/market.ts';
import type { Px } from '../../src/core/units.ts';
import { BookStore } from '../../src/hot/book-store.ts';
import { evaluateShape } from '../../src/hot/evaluate.ts';
import type { ResolvedRelation } from '../../src/hot/shapes.ts';
import { id, lv, world } from './support.ts';

const N = 6;
const mArb = fc.integer({ min: 0, max: N - 1 });
const pair = fc.tuple(mArb, mArb).filter(([a, b]) => a !== b);
const relArb: fc.Arbitrary<ResolvedRelation> = fc.oneof(
  fc.tuple(pair, fc.constantFrom('same' as const, 'inverted' as const)).map(([[a, b], polarity]) => ({
    kind: 'equivalent' as const,
    id: `eq${a}-${b}`,
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
  pair.map(([a, b]) => ({ kind: 'implies' as const, id: `im${a}-${b}`, a: id(a), b: id(b) })),
);
type Op =
  | { kind: 'level'; m: number; side: 'bid' | 'ask'; px: number; contracts: number }
  | { kind: 'snapshot'; m: number; bid: number; ask: number }
  | { kind: 'invalidate'; m: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('level' as const),
      m: mArb,
      side: fc.constantFrom('bid' as const, 'ask' as const),
      // Mostly on the cent grid, sometimes off it (50 Px) or out of range.
      px: fc.oneof(
        { weight: 9, arbitrary: fc.integer({ min: 1, max: 99 }).map((c) => c * 100) },
        { weight: 1, arbitrary: fc.constantFrom(50, 10_050, -100) },
      ),
      contracts: fc.integer({ min: 0, max: 30 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(mArb, fc.integer({ min: 1, max: 98 }), fc.integer({ min: 1, max: 98 }))
      .map(([m, a, b]) => ({ kind: 'snapshot' as const, m, bid: Math.min(a, b), ask: Math.max(a, b) + 1 })),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('invalidate' as const), m: mArb }) },
);

function apply(books: BookStore, op: Op): void {
  if (op.kind === 'level') books.level(id(op.m), op.side, op.px, op.contracts * 100, 0, 0);
  else if (op.kind === 'snapshot')
    books.snapshot(id(op.m), [lv(op.bid * 100, 10)], [lv(op.ask * 100, 10)], 0, 0);
  else books.invalidate(id(op.m));
}

describe('detection fast paths', () => {
  itSeeded('topOfBook is bestBuyPx for trusted books and −1 for the rest, on any grid', [21], (seed) => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const books = new BookStore();
        for (let m = 0; m < N; m++) books.addMarket(id(m), uniformGrid((m % 2 === 0 ? 100 : 10) as Px));
        for (const op of ops) {
          apply(books, op);
          for (let m = 0; m < N; m++) {
            const t = books.isTrusted(id(m));
            expect(books.topOfBook[2 * m]).toBe(t ? books.bestBuyPx(id(m), 'YES') : -1);
            expect(books.topOfBook[2 * m + 1]).toBe(t ? books.bestBuyPx(id(m), 'NO') : -1);
          }
        }
      }),
      { seed, numRuns: 300 },
    );
  });

  itSeeded(
    'the detector prices every shape as evaluateShape alone does, incrementally and in a rescan',
    [22],
    (seed) => {
      let priced = 0;
      fc.assert(
        fc.property(
          fc.array(relArb, { maxLength: 6 }),
          fc.array(opArb, { maxLength: 60 }),
          (relations, ops) => {
            const w = world(
              Array.from({ length: N }, (_, i) => ({
                venue: i % 2 === 0 ? ('kalshi' as const) : ('polymarket' as const),
              })),
              relations,
            );
            let t = 1_000;
            for (const op of ops) {
              apply(w.books, op);
              w.detector.onBookChange(id(op.m), ++t);
              const plain = new Map<number, string>();
              for (const s of w.shapes) {
                const o = evaluateShape(s, w.ctx, t);
                if (o) plain.set(s.index, `${o.qty}:${o.edge}`);
              }
              priced += plain.size;
              const summary = (m: ReadonlyMap<number, { qty: number; edge: number }>) =>
                new Map([...m].map(([k, o]) => [k, `${o.qty}:${o.edge}`]));
              expect(summary(w.detector.rescan(t))).toEqual(plain);
              expect(summary(w.detector.opportunities())).toEqual(plain);
            }
          },
        ),
        { seed, numRuns: 300 },
      );
      expect(priced).toBeGreaterThan(20);
    },
  );

  it('a size change that leaves the best prices alone re-prices nothing unless a shape could pay', () => {
    const w = world(
      [{ venue: 'kalshi' }, { venue: 'polymarket' }],
      [{ kind: 'equivalent', id: 'eq', a: id(0), b: id(1), polarity: 'same' }],
    );
    w.book(0, [lv(4_000, 10), lv(3_900, 10)], [lv(6_500, 10)]);
    w.book(1, [lv(4_000, 10)], [lv(4_200, 10)]);
    const before = w.detector.evaluations;
    w.books.level(id(0), 'bid', 3_900, 2_500, 1, 1);
    w.detector.onBookChange(id(0), 1);
    expect(w.detector.evaluations).toBe(before);
    // A new best price re-prices the market's shapes.
    w.books.level(id(0), 'bid', 4_100, 500, 2, 2);
    w.detector.onBookChange(id(0), 2);
    expect(w.detector.evaluations).toBe(before + w.detector.fanOut(id(0)));
    // Once a shape can pay (YES on 1 at 0.42 + NO on 0 at 1 − 0.60), every change of its markets re-prices it.
    w.books.level(id(0), 'bid', 6_000, 500, 3, 3);
    w.detector.onBookChange(id(0), 3);
    expect(w.detector.opportunities().size).toBe(1);
    const open = w.detector.evaluations;
    w.books.level(id(0), 'bid', 6_000, 700, 4, 4);
    w.detector.onBookChange(id(0), 4);
    expect(w.detector.evaluations).toBe(open + w.detector.fanOut(id(0)));
    expect([...w.detector.opportunities().values()][0]!.qty).toBe(700);
  });
});
