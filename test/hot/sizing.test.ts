import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILL_MODEL,
  legFillProbability,
  sizePackage,
  type SizingInput,
} from '../../src/hot/sizing.ts';

const leg = (over: Partial<SizingInput['legs'][number]> = {}) => ({
  venue: 'kalshi',
  market: 'K1',
  px: 4000,
  depthQty: 100_000, // 1,000 contracts at or better than the price
  quoteAgeMs: 0,
  unwindPx: 3800,
  feePerContract: 0,
  minSize: 100,
  ...over,
});

const base = (over: Partial<SizingInput> = {}): SizingInput => ({
  legs: [leg(), leg({ venue: 'polymarket', market: 'P1', px: 5500, unwindPx: 5300 })],
  edgePerContract: 50_000, // $0.05
  costPerContract: 950_000, // $0.95
  maxQty: 10_000, // 100 contracts found profitable
  bankroll: 1_000_000_000, // $1,000
  cashByVenue: { kalshi: 500_000_000, polymarket: 500_000_000 },
  marketRoom: {},
  laneRoom: Number.POSITIVE_INFINITY,
  kellyMultiplier: 0.25,
  fill: DEFAULT_FILL_MODEL,
  ...over,
});

describe('fill probability', () => {
  it('falls with quote age and with the share of the book taken', () => {
    expect(legFillProbability(leg(), 0, DEFAULT_FILL_MODEL)).toBe(1);
    expect(legFillProbability(leg({ quoteAgeMs: 2_000 }), 0, DEFAULT_FILL_MODEL)).toBeCloseTo(
      Math.exp(-1),
      12,
    );
    expect(legFillProbability(leg(), 100_000, DEFAULT_FILL_MODEL)).toBe(0.5); // the whole book: half as likely
    expect(legFillProbability(leg({ depthQty: 0 }), 100, DEFAULT_FILL_MODEL)).toBe(0);
  });
});

describe('execution-aware Kelly sizing', () => {
  it('hand-computed: fresh deep books give a large Kelly fraction, and depth binds', () => {
    const r = sizePackage(base());
    // p = (1 − 0.5 × 100/1000)² = 0.9025; loss = $0.02 (unwind 0.40 → 0.38) = 20,000 micros
    // f = 0.9025 × 950,000 / 20,000 − 0.0975 × 950,000 / 50,000 = 42.869 − 1.8525 = 41.016
    expect(r.pFill).toBeCloseTo(0.9025, 12);
    expect(r.lossPerContract).toBe(20_000);
    expect(r.kellyFraction).toBeCloseTo(41.01625, 6);
    expect(r).toMatchObject({ qty: 10_000, limitedBy: 'depth' });
  });

  it('a small bankroll makes Kelly (×0.25) the binding limit', () => {
    const r = sizePackage(base({ bankroll: 2_000_000 }));
    // 41.016 × 0.25 × 2,000,000 / 950,000 = 21.58 → 21 contracts
    expect(r).toMatchObject({ qty: 2_100, limitedBy: 'kelly' });
  });

  it('is zero when the edge after fees is not positive', () => {
    expect(sizePackage(base({ edgePerContract: 0 })).qty).toBe(0);
    expect(sizePackage(base({ edgePerContract: -10 })).limitedBy).toBe('no edge');
  });

  it('is zero when the fill probability is low (stale quotes)', () => {
    const stale = base({
      legs: [
        leg({ quoteAgeMs: 10_000 }),
        leg({ venue: 'polymarket', market: 'P1', px: 5500, unwindPx: 5000, quoteAgeMs: 10_000 }),
      ],
    });
    const r = sizePackage(stale);
    // p ≈ e^-10 ≈ 4.5e-5 → the loss term dominates
    expect(r.qty).toBe(0);
    expect(r.limitedBy).toBe('negative kelly');
    expect(r.kellyFraction).toBeLessThan(0);
  });

  it('caps by the cash on each venue, by market room and by the lane cap, and rounds down to whole lots', () => {
    // Polymarket leg costs $0.55 + $0.01 fee per contract; $20.00 free buys 35.7 → 35 contracts
    const r = sizePackage(
      base({
        cashByVenue: { kalshi: 500_000_000, polymarket: 20_000_000 },
        legs: [
          leg(),
          leg({ venue: 'polymarket', market: 'P1', px: 5500, unwindPx: 5300, feePerContract: 10_000 }),
        ],
      }),
    );
    expect(r).toMatchObject({ qty: 3_500, limitedBy: 'cash:polymarket' });
    const m = sizePackage(base({ marketRoom: { K1: 8_000_000 } })); // $8 of room at $0.40 → 20 contracts
    expect(m).toMatchObject({ qty: 2_000, limitedBy: 'cap:market:K1' });
    const l = sizePackage(base({ laneRoom: 9_999_999 })); // $9.99 at $0.95 per package → 10 contracts
    expect(l).toMatchObject({ qty: 1_000, limitedBy: 'lane cap' });
  });

  it('respects the largest venue minimum, else zero', () => {
    const r = sizePackage(
      base({
        cashByVenue: { kalshi: 500_000_000, polymarket: 2_000_000 },
        legs: [leg(), leg({ venue: 'polymarket', market: 'P1', px: 5500, unwindPx: 5300, minSize: 500 })],
      }),
    );
    // $2 buys 3 contracts on Polymarket, under its 5-share minimum
    expect(r).toMatchObject({ qty: 0, limitedBy: 'min size' });
  });
});
