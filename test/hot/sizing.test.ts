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
  arrivalMs: 0,
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
    expect(legFillProbability(leg({ arrivalMs: 2_000 }), 0, DEFAULT_FILL_MODEL)).toBeCloseTo(
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
    // each leg: 1 − 0.5 × 100/1000 = 0.95; p_win = 0.9025, p_lose (first fills, second misses) = 0.0475
    // loss = unwinding the first leg: $0.02 (0.40 → 0.38) = 20,000 micros
    // f = 950,000 × (0.9025 × 50,000 − 0.0475 × 20,000) / (20,000 × 50,000 × 0.95) = 44.175
    expect(r.pFill).toBeCloseTo(0.9025, 12);
    expect(r.lossPerContract).toBe(20_000);
    expect(r.kellyFraction).toBeCloseTo(44.175, 9);
    expect(r).toMatchObject({ qty: 10_000, limitedBy: 'depth' });
  });

  it('a small bankroll makes Kelly (×0.25) the binding limit', () => {
    const r = sizePackage(base({ bankroll: 2_000_000 }));
    // 44.175 × 0.25 × 2,000,000 / 950,000 = 23.25 → 23 contracts
    expect(r).toMatchObject({ qty: 2_300, limitedBy: 'kelly' });
  });

  it('backs off from taking the whole book when that makes the fill odds too poor', () => {
    // Unwinding the first leg costs $0.10 (0.40 → 0.30). The whole visible depth (100 contracts): each leg 0.5,
    // p_win = 0.25, p_lose = 0.25 → 0.25·$0.05 − 0.25·$0.10 < 0. Half the book: each 0.75, p_win = 0.5625,
    // p_lose = 0.1875 → 28,125 − 18,750 > 0 (f = 2.375), and Kelly allows far more than 50 contracts.
    const thin = base({
      legs: [
        leg({ depthQty: 10_000, unwindPx: 3000 }),
        leg({ venue: 'polymarket', market: 'P1', px: 5500, unwindPx: 5300, depthQty: 10_000 }),
      ],
    });
    const r = sizePackage(thin);
    expect(r).toMatchObject({ qty: 5_000, limitedBy: 'fill odds' });
    expect(r.pFill).toBeCloseTo(0.5625, 12);
    expect(r.kellyFraction).toBeCloseTo(2.375, 9);
  });

  it('a first-leg miss costs nothing; a book without bids still caps the unwind loss', () => {
    // No bid for the first leg: its unwind is assumed at 10¢ below the price paid.
    const r = sizePackage(
      base({
        legs: [
          leg({ unwindPx: 0, feePerContract: 1_000 }),
          leg({ venue: 'polymarket', market: 'P1', px: 5500, unwindPx: 0 }),
        ],
      }),
    );
    expect(r.lossPerContract).toBe(100_000 + 2_000);
    expect(r.qty).toBeGreaterThan(0);
  });

  it('is zero when the edge after fees is not positive', () => {
    expect(sizePackage(base({ edgePerContract: 0 })).qty).toBe(0);
    expect(sizePackage(base({ edgePerContract: -10 })).limitedBy).toBe('no edge');
  });

  it('is zero when fees eat the edge: the caller passes the edge after fees, and that is negative', () => {
    // Gross $0.02 a contract, fees $0.03: −$0.01 after fees.
    const r = sizePackage(base({ edgePerContract: 20_000 - 30_000 }));
    expect(r).toMatchObject({ qty: 0, limitedBy: 'no edge', kellyFraction: 0 });
  });

  it('is zero when a positive edge cannot pay for the unwind fees a broken package would cost', () => {
    // Edge $0.01; the first leg's fee is $0.10 each way, so an unwind loses $0.02 + 2 × $0.10 = $0.22. The second
    // order lands 1 s after the first (fresh with e^−0.5 ≈ 0.61), so even the smallest lot breaks 39% of the time:
    // p_win ≈ 0.606, p_lose ≈ 0.394 → 0.606 × $0.01 − 0.394 × $0.22 < 0 at every size.
    const r = sizePackage(
      base({
        edgePerContract: 10_000,
        legs: [
          leg({ feePerContract: 100_000 }),
          leg({ venue: 'polymarket', market: 'P1', px: 5500, unwindPx: 5300, arrivalMs: 1_000 }),
        ],
      }),
    );
    expect(r.lossPerContract).toBe(220_000);
    expect(r).toMatchObject({ qty: 0, limitedBy: 'negative kelly' });
    expect(r.kellyFraction).toBeLessThan(0);
  });

  it('is zero when the fill probability is low (orders arrive too late for the quotes)', () => {
    const stale = base({
      legs: [
        leg({ arrivalMs: 10_000 }),
        leg({ venue: 'polymarket', market: 'P1', px: 5500, unwindPx: 5000, arrivalMs: 10_000 }),
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
