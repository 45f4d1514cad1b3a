import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../support/seeds.ts';
import {
  KalshiFeeAccumulator,
  feeFor,
  kalshiFeeCents,
  kalshiFeeModel,
  kalshiModelFee,
  kalshiOrderFee,
  polymarketFee,
  polymarketFeeModel,
  NO_FEES,
} from '../../src/core/fees.ts';
import { type Micros, type Px, type Qty, notional } from '../../src/core/units.ts';

const K = kalshiFeeModel();
const KM = kalshiFeeModel({ makerFees: true });
const px = fc.integer({ min: 0, max: 10_000 }).map((n) => n as Px);
const qty = fc.integer({ min: 1, max: 10_000_000 }).map((n) => n as Qty);

/** Reference: exact rational fee in $, via BigInt over a common denominator, then rounded up to `unit` dollars. */
function refCeil(rateNum: bigint, rateDen: bigint, p: number, q: number, unitDen: bigint): bigint {
  // fee = rate × (q/100) × (p/1e4) × (1 − p/1e4); units of 1/unitDen dollars, rounded up
  const num = rateNum * BigInt(q) * BigInt(p) * BigInt(10_000 - p) * unitDen;
  const den = rateDen * 100n * 10_000n * 10_000n;
  return (num + den - 1n) / den;
}

describe('Kalshi fees (K5)', () => {
  it('matches the worked example: 10 contracts at $0.50 → $0.18 (0.175 rounded up to the cent)', () => {
    expect(kalshiFeeCents(K, 'taker', 5000 as Px, 1000 as Qty)).toBe(180_000);
    expect(kalshiModelFee(K, 'taker', 5000 as Px, 1000 as Qty)).toBe(175_000);
  });

  it('computes other hand-checked cases', () => {
    // 1 contract at $0.01: 0.07 × 0.01 × 0.99 = 0.000693 → $0.01 (cent) / $0.0007 (sub-cent)
    expect(kalshiFeeCents(K, 'taker', 100 as Px, 100 as Qty)).toBe(10_000);
    expect(kalshiModelFee(K, 'taker', 100 as Px, 100 as Qty)).toBe(700);
    // 100 contracts at $0.30: 0.07 × 100 × 0.21 = 1.47 exactly
    expect(kalshiFeeCents(K, 'taker', 3000 as Px, 10_000 as Qty)).toBe(1_470_000);
    // maker fee series: 0.0175 × 100 × 0.25 = 0.4375 → $0.44
    expect(kalshiFeeCents(KM, 'maker', 5000 as Px, 10_000 as Qty)).toBe(440_000);
    // makers pay nothing on ordinary series
    expect(kalshiFeeCents(K, 'maker', 5000 as Px, 10_000 as Qty)).toBe(0);
    // a fee multiplier of 0.5 halves the model fee before rounding: 0.0875 → $0.09
    expect(kalshiFeeCents(kalshiFeeModel({ multiplierPpm: 500_000 }), 'taker', 5000 as Px, 1000 as Qty)).toBe(
      90_000,
    );
    // prices at the bounds cost nothing
    expect(kalshiFeeCents(K, 'taker', 0 as Px, 1000 as Qty)).toBe(0);
    expect(kalshiFeeCents(K, 'taker', 10_000 as Px, 1000 as Qty)).toBe(0);
  });

  itSeeded('is never negative and equals the exact fee rounded up (cent and $0.0001)', [], (seed) => {
    fc.assert(
      fc.property(px, qty, (p, q) => {
        const cents = kalshiFeeCents(K, 'taker', p, q);
        const sub = kalshiModelFee(K, 'taker', p, q);
        expect(cents).toBeGreaterThanOrEqual(0);
        expect(BigInt(cents)).toBe(refCeil(7n, 100n, p, q, 100n) * 10_000n);
        expect(BigInt(sub)).toBe(refCeil(7n, 100n, p, q, 10_000n) * 100n);
        expect(sub).toBeLessThanOrEqual(cents);
        expect(cents - sub).toBeLessThan(10_000);
      }),
      { seed },
    );
  });

  it('sub-cent rule: balance moves in whole cents and over-rounding is refunded once it reaches a cent', () => {
    const acc = new KalshiFeeAccumulator();
    const cost = notional(5000 as Px, 1000 as Qty); // $5.00
    const fee = kalshiModelFee(K, 'taker', 5000 as Px, 1000 as Qty); // $0.1750
    const first = acc.apply(-cost as Micros, fee);
    expect(first.balanceChange).toBe(-5_180_000);
    expect(first.roundingFee).toBe(5_000);
    expect(first.refund).toBe(0);
    expect(first.feeCharged).toBe(180_000);
    const second = acc.apply(-cost as Micros, fee);
    expect(second.refund).toBe(10_000); // two half-cents make a refunded cent
    expect(second.balanceChange).toBe(-5_170_000);
    expect(first.feeCharged + second.feeCharged).toBe(350_000); // exactly 2 × 0.175
    expect(acc.outstanding).toBe(0);
  });

  itSeeded(
    'sub-cent rule: total charged over an order never falls below the model fees nor exceeds them by a cent',
    [],
    (seed) => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(px, fc.integer({ min: 1, max: 100_000 })), { minLength: 1, maxLength: 30 }),
          (fills) => {
            const acc = new KalshiFeeAccumulator();
            let model = 0;
            let charged = 0;
            let balance = 0;
            let cash = 0;
            for (const [p, q] of fills) {
              const cost = notional(p, q as Qty);
              const fee = kalshiModelFee(K, 'taker', p, q as Qty);
              const r = acc.apply(-cost as Micros, fee);
              expect(Math.abs(r.balanceChange % 10_000)).toBe(0);
              model += fee;
              charged += r.feeCharged;
              balance += r.balanceChange;
              cash += cost;
            }
            expect(charged).toBeGreaterThanOrEqual(model);
            expect(charged - model).toBeLessThan(10_000);
            expect(balance + cash + charged).toBe(0); // every micro accounted for
          },
        ),
        { seed },
      );
    },
  );
});

describe('kalshiOrderFee: what one order filled at once pays under the sub-cent rule', () => {
  it('charges the rounding of sub-cent trade cash (deci-cent prices): 1 @ $0.505 pays $0.025, not $0.02', () => {
    expect(kalshiOrderFee(K, 'taker', 5050 as Px, 100 as Qty)).toBe(25_000);
    expect(kalshiFeeCents(K, 'taker', 5050 as Px, 100 as Qty)).toBe(20_000);
    // A sale floors the proceeds: $0.505 − $0.0175 = $0.4875 → $0.48 credited, fee $0.025.
    expect(kalshiOrderFee(K, 'taker', 5050 as Px, 100 as Qty, 'SELL')).toBe(25_000);
    // $0.501: −$0.5185 → −$0.52, fee $0.019 (below the classic $0.02: the classic rule is no bound either way).
    expect(kalshiOrderFee(K, 'taker', 5010 as Px, 100 as Qty)).toBe(19_000);
  });

  it('equals a fresh accumulator applied to one fill, for any price, size and side', () => {
    fc.assert(
      fc.property(px, qty, fc.constantFrom('BUY' as const, 'SELL' as const), (p, q, side) => {
        const cash = notional(p, q);
        const r = new KalshiFeeAccumulator().apply(
          (side === 'BUY' ? -cash : cash) as Micros,
          kalshiModelFee(K, 'taker', p, q),
        );
        expect(kalshiOrderFee(K, 'taker', p, q, side)).toBe(r.feeCharged);
        expect(feeFor(K, 'taker', p, q, side)).toBe(r.feeCharged);
      }),
    );
  });

  it('an order split into several fills at one price pays at most one cent more than the one-fill figure', () => {
    const parts = fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(px, parts, (p, sizes) => {
        const acc = new KalshiFeeAccumulator();
        let total = 0;
        for (const q of sizes)
          total += acc.apply(
            -notional(p, q as Qty) as Micros,
            kalshiModelFee(K, 'taker', p, q as Qty),
          ).feeCharged;
        const whole = kalshiOrderFee(K, 'taker', p, sizes.reduce((a, b) => a + b, 0) as Qty);
        expect(total).toBeLessThanOrEqual(whole + 10_000);
        if (sizes.length === 1) expect(total).toBe(whole);
      }),
    );
  });

  it('on whole-cent trade cash is the classic cent round-up of the fee', () => {
    const cents = fc.integer({ min: 1, max: 99 }).map((c) => (c * 100) as Px);
    const contracts = fc.integer({ min: 1, max: 100_000 }).map((c) => (c * 100) as Qty);
    fc.assert(
      fc.property(cents, contracts, (p, q) => {
        expect(kalshiOrderFee(K, 'taker', p, q)).toBe(kalshiFeeCents(K, 'taker', p, q));
      }),
    );
  });
});

describe('Polymarket fees (P6)', () => {
  const PM = polymarketFeeModel(40_000); // politics: 0.04, exponent 1

  it('computes hand-checked cases', () => {
    // 100 shares at $0.50, rate 0.04: 100 × 0.04 × 0.25 = $1.00
    expect(polymarketFee(PM, 'taker', 5000 as Px, 10_000 as Qty)).toBe(1_000_000);
    // 3 shares at $0.37, rate 0.07: 3 × 0.07 × 0.2331 = 0.048951 → 0.04895 (5 decimals, half-up)
    expect(polymarketFee(polymarketFeeModel(70_000), 'taker', 3700 as Px, 300 as Qty)).toBe(48_950);
    // half-up: 1 share at 0.5, rate 0.00002 → 0.000005 → 0.00001
    expect(polymarketFee(polymarketFeeModel(20), 'taker', 5000 as Px, 100 as Qty)).toBe(10);
    // exponent 2: 100 × 0.04 × 0.0625 = 0.25
    expect(polymarketFee(polymarketFeeModel(40_000, 2), 'taker', 5000 as Px, 10_000 as Qty)).toBe(250_000);
    // makers pay nothing; fee-free markets charge nothing
    expect(polymarketFee(PM, 'maker', 5000 as Px, 10_000 as Qty)).toBe(0);
    expect(polymarketFee(polymarketFeeModel(0), 'taker', 5000 as Px, 10_000 as Qty)).toBe(0);
    expect(polymarketFee(polymarketFeeModel(40_000, 1, false), 'maker', 5000 as Px, 10_000 as Qty)).toBe(
      1_000_000,
    );
  });

  itSeeded('is never negative and is the exact fee rounded half-up to 5 decimals', [], (seed) => {
    fc.assert(
      fc.property(px, qty, fc.integer({ min: 0, max: 200_000 }), (p, q, rate) => {
        const fee = polymarketFee(polymarketFeeModel(rate), 'taker', p, q);
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(fee % 10).toBe(0);
        // exact fee in $1e-16 units: q (1e-2) × rate (1e-6) × p (1e-4) × (1e4 − p) (1e-4); $1e-5 = 1e11 of those
        const exact = BigInt(q) * BigInt(rate) * BigInt(p) * BigInt(10_000 - p);
        const rounded = BigInt(fee / 10) * 10n ** 11n;
        // half-up: exact − ½ unit ≤ rounded < exact + ½ unit... precisely rounded − exact ∈ (−½, ½]
        expect(2n * (rounded - exact)).toBeLessThanOrEqual(10n ** 11n);
        expect(2n * (exact - rounded)).toBeLessThan(10n ** 11n);
      }),
      { seed },
    );
  });

  it('rejects impossible fee parameters', () => {
    expect(() => polymarketFeeModel(-1)).toThrow(RangeError);
    expect(() => polymarketFeeModel(0.5)).toThrow(RangeError);
    expect(() => polymarketFeeModel(100, 0)).toThrow(RangeError);
  });
});

describe('feeFor', () => {
  it("dispatches to the venue model (Kalshi: one order's sub-cent fee)", () => {
    expect(feeFor(K, 'taker', 5000 as Px, 1000 as Qty)).toBe(180_000);
    expect(feeFor(NO_FEES, 'taker', 5000 as Px, 1000 as Qty)).toBe(0);
    expect(feeFor(polymarketFeeModel(40_000), 'taker', 5000 as Px, 10_000 as Qty)).toBe(1_000_000);
  });
});
