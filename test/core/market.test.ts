import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../support/seeds.ts';
import {
  MarketIdTable,
  bestNoAsk,
  bestNoBid,
  ceilToGrid,
  floorToGrid,
  gridPrices,
  isCrossed,
  isOnGrid,
  kalshiGrid,
  minTick,
  normalizeLevels,
  uniformGrid,
  type MarketId,
  type Quote,
} from '../../src/core/market.ts';
import type { Px, Qty } from '../../src/core/units.ts';

describe('MarketIdTable', () => {
  it('interns (venue, key) pairs to dense stable ids', () => {
    const t = new MarketIdTable();
    const a = t.intern('kalshi', 'KXFED-26DEC-T4.00');
    const b = t.intern('polymarket', '0xabc');
    expect([a, b]).toEqual([0, 1]);
    expect(t.intern('kalshi', 'KXFED-26DEC-T4.00')).toBe(a);
    expect(t.intern('polymarket', 'KXFED-26DEC-T4.00')).toBe(2); // same key on another venue is another market
    expect(t.get('polymarket', '0xabc')).toBe(b);
    expect(t.describe(b)).toEqual({ venue: 'polymarket', key: '0xabc' });
    expect(() => t.describe(99 as MarketId)).toThrow(RangeError);
  });
});

describe('tick grids', () => {
  it('knows the Kalshi structures', () => {
    expect(gridPrices(kalshiGrid('linear_cent'))).toHaveLength(99);
    expect(gridPrices(kalshiGrid('deci_cent'))).toHaveLength(999);
    const tapered = kalshiGrid('tapered_deci_cent');
    expect(isOnGrid(tapered, 50)).toBe(true); // 0.005 below 0.10
    expect(isOnGrid(tapered, 1050)).toBe(false); // 0.105 is off the cent grid in the middle
    expect(isOnGrid(tapered, 1100)).toBe(true);
    expect(isOnGrid(tapered, 9990)).toBe(true);
    expect(isOnGrid(tapered, 0)).toBe(false);
    expect(isOnGrid(tapered, 10_000)).toBe(false);
    // 0.001 … 0.099, 0.10 … 0.90 by cents, 0.901 … 0.999
    expect(gridPrices(tapered)).toHaveLength(99 + 81 + 99);
    expect(minTick(tapered)).toBe(10);
  });

  itSeeded('rounds to the grid in both directions', [], (seed) => {
    const g = uniformGrid(100 as Px);
    expect(floorToGrid(g, 5550)).toBe(5500);
    expect(ceilToGrid(g, 5550)).toBe(5600);
    expect(floorToGrid(g, 50)).toBeUndefined();
    expect(ceilToGrid(g, 9950)).toBeUndefined();
    const grids = [kalshiGrid('tapered_deci_cent'), uniformGrid(25 as Px), uniformGrid(10 as Px)];
    fc.assert(
      fc.property(fc.constantFrom(...grids), fc.integer({ min: 0, max: 10_000 }), (grid, px) => {
        const prices = gridPrices(grid);
        const lo = floorToGrid(grid, px);
        const hi = ceilToGrid(grid, px);
        expect(lo).toBe(prices.filter((p) => p <= px).at(-1));
        expect(hi).toBe(prices.find((p) => p >= px));
      }),
      { seed },
    );
  });
});

describe('quotes', () => {
  const q: Quote = {
    market: 0 as MarketId,
    yesBids: [{ px: 4500 as Px, qty: 1000 as Qty }],
    yesAsks: [{ px: 4700 as Px, qty: 500 as Qty }],
    venueTimeMs: 1,
    receiveTimeMs: 2,
  };

  it('derives NO prices as complements of the YES book', () => {
    expect(bestNoBid(q)).toEqual({ px: 5300, qty: 500 });
    expect(bestNoAsk(q)).toEqual({ px: 5500, qty: 1000 });
    expect(isCrossed(q)).toBe(false);
    expect(isCrossed({ yesBids: [{ px: 4700 as Px, qty: 1 as Qty }], yesAsks: q.yesAsks })).toBe(true);
  });

  it('normalizes levels best first, merging equal prices and dropping empty ones', () => {
    const lv = (px: number, qty: number) => ({ px: px as Px, qty: qty as Qty });
    expect(normalizeLevels([lv(4000, 1), lv(4500, 2), lv(4000, 3), lv(4200, 0)], 'bid')).toEqual([
      lv(4500, 2),
      lv(4000, 4),
    ]);
    expect(normalizeLevels([lv(4000, 1), lv(4500, 2)], 'ask')).toEqual([lv(4000, 1), lv(4500, 2)]);
    expect(() => normalizeLevels([lv(4000, -1)], 'ask')).toThrow(RangeError);
  });
});
