import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itSeeded } from '../support/seeds.ts';
import { kalshiFeeModel, NO_FEES, polymarketFeeModel, type FeeModel } from '../../src/core/fees.ts';
import type { MarketId, Outcome, Side } from '../../src/core/market.ts';
import {
  type Leg,
  type Relation,
  feasibleStates,
  legCost,
  legFee,
  legPayout,
  verify,
} from '../../src/core/portfolio.ts';
import type { Px, Qty } from '../../src/core/units.ts';

const m = (n: number) => n as MarketId;
const leg = (
  market: number,
  outcome: Outcome,
  px: number,
  qty = 100,
  side: Side = 'BUY',
  fees: FeeModel = NO_FEES,
): Leg => ({
  venue: market % 2 === 0 ? 'kalshi' : 'polymarket',
  market: m(market),
  outcome,
  side,
  px: px as Px,
  qty: qty as Qty,
  fees,
});

function verified(legs: Leg[], relations: Relation[]) {
  const r = verify(legs, relations);
  if (!r.ok) throw r.error;
  return r.value;
}

describe('known cases', () => {
  it('cross-venue equivalent: YES 0.40 here + NO 0.55 there pays $1 for $0.95', () => {
    const v = verified([leg(0, 'YES', 4000), leg(1, 'NO', 5500)], [{ kind: 'equivalent', a: m(0), b: m(1) }]);
    expect(v.guaranteedPayout).toBe(1_000_000);
    expect(v.cost).toBe(950_000);
    expect(v.fees).toBe(0);
    expect(v.edge).toBe(50_000);
    expect(v.feasibleStates).toBe(2);
  });

  it('the same legs with real venue fees: the edge shrinks by each venue fee', () => {
    const v = verified(
      [
        leg(0, 'YES', 4000, 100, 'BUY', kalshiFeeModel()),
        leg(1, 'NO', 5500, 100, 'BUY', polymarketFeeModel(40_000)),
      ],
      [{ kind: 'equivalent', a: m(0), b: m(1) }],
    );
    // Kalshi: 0.07 × 0.4 × 0.6 = 0.0168 → $0.02; Polymarket: 0.04 × 0.55 × 0.45 = 0.0099
    expect(v.fees).toBe(20_000 + 9_900);
    expect(v.edge).toBe(50_000 - 29_900);
  });

  it('3-outcome exclusive set: YES asks 0.30/0.30/0.35 pay $1 for $0.95', () => {
    const v = verified(
      [leg(0, 'YES', 3000), leg(2, 'YES', 3000), leg(4, 'YES', 3500)],
      [{ kind: 'exactlyOne', markets: [m(0), m(2), m(4)] }],
    );
    expect(v.guaranteedPayout).toBe(1_000_000);
    expect(v.cost).toBe(950_000);
    expect(v.edge).toBe(50_000);
    expect(v.feasibleStates).toBe(3);
  });

  it('implication A ⇒ B: NO of A at 0.40 + YES of B at 0.50 pays $1 for $0.90; without the relation $0', () => {
    const legs = [leg(0, 'NO', 4000), leg(2, 'YES', 5000)];
    const v = verified(legs, [{ kind: 'implies', a: m(0), b: m(2) }]);
    expect(v.guaranteedPayout).toBe(1_000_000);
    expect(v.cost).toBe(900_000);
    expect(v.edge).toBe(100_000);
    const free = verified(legs, []);
    expect(free.guaranteedPayout).toBe(0);
    expect(free.edge).toBe(-900_000);
    expect(free.worstState.get(m(0))).toBe(true);
    expect(free.worstState.get(m(2))).toBe(false);
  });

  it('an exclusive set that is not exhaustive (placeholder outcome) guarantees nothing for all-YES', () => {
    const legs = [leg(0, 'YES', 3000), leg(2, 'YES', 3000), leg(4, 'YES', 3500)];
    const v = verified(legs, [{ kind: 'atMostOne', markets: [m(0), m(2), m(4)] }]);
    expect(v.guaranteedPayout).toBe(0);
    expect(v.feasibleStates).toBe(4);
  });

  it('a relation market with no leg still constrains the states (outcome C of a 3-way event)', () => {
    // Buying YES on only two outcomes of an exhaustive 3-way event is not an arbitrage: C may win.
    const v = verified(
      [leg(0, 'YES', 3000), leg(2, 'YES', 3000)],
      [{ kind: 'exactlyOne', markets: [m(0), m(2), m(4)] }],
    );
    expect(v.guaranteedPayout).toBe(0);
  });

  it('complement: YES on both "X wins" and "X loses" pays $1', () => {
    const v = verified(
      [leg(0, 'YES', 4800), leg(1, 'YES', 4900)],
      [{ kind: 'complement', a: m(0), b: m(1) }],
    );
    expect(v.guaranteedPayout).toBe(1_000_000);
    expect(v.edge).toBe(30_000);
  });

  it('sells receive cash and owe the payout', () => {
    const sell = leg(0, 'YES', 6000, 100, 'SELL');
    expect(legCost(sell)).toBe(-600_000);
    expect(legPayout(sell, true)).toBe(-1_000_000);
    expect(legPayout(sell, false)).toBe(0);
    // sell YES at 0.60 on one venue, buy YES at 0.55 on the other (equivalent): +$0.05 in every state
    const v = verified([sell, leg(1, 'YES', 5500)], [{ kind: 'equivalent', a: m(0), b: m(1) }]);
    expect(v.guaranteedPayout).toBe(0);
    expect(v.cost).toBe(-50_000);
    expect(v.edge).toBe(50_000);
  });

  it('reports contradictory relations, empty portfolios and zero-quantity legs as errors', () => {
    const r = verify(
      [leg(0, 'YES', 5000)],
      [
        { kind: 'equivalent', a: m(0), b: m(1) },
        { kind: 'complement', a: m(0), b: m(1) },
      ],
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('PORTFOLIO.INFEASIBLE');
    const e = verify([], []);
    expect(!e.ok && e.error.code).toBe('PORTFOLIO.EMPTY');
    const z = verify([leg(0, 'YES', 5000, 0)], []);
    expect(!z.ok && z.error.code).toBe('PORTFOLIO.BAD_LEG');
  });

  it('handles a 40-outcome exclusive event without enumerating 2^40 states', () => {
    const ids = Array.from({ length: 40 }, (_, i) => m(i));
    const legs = ids.map((id) => leg(id, 'YES', 240));
    const v = verified(legs, [{ kind: 'exactlyOne', markets: ids }]);
    expect(v.feasibleStates).toBe(40);
    expect(v.guaranteedPayout).toBe(1_000_000);
    expect(v.cost).toBe(960_000);
  });

  it('refuses to enumerate beyond the state cap', () => {
    const legs = Array.from({ length: 17 }, (_, i) => leg(i, 'YES', 100));
    const r = verify(legs, [], 1 << 16);
    expect(!r.ok && r.error.code).toBe('PORTFOLIO.TOO_MANY_STATES');
  });
});

// ---- properties --------------------------------------------------------------------------------------

/** Brute force: does a full assignment satisfy a relation? Independent of the verifier's pruning logic. */
function holds(r: Relation, truth: (id: MarketId) => boolean): boolean {
  switch (r.kind) {
    case 'equivalent':
      return truth(r.a) === truth(r.b);
    case 'complement':
      return truth(r.a) !== truth(r.b);
    case 'implies':
      return !truth(r.a) || truth(r.b);
    case 'exactlyOne':
      return r.markets.filter(truth).length === 1;
    case 'atMostOne':
      return r.markets.filter(truth).length <= 1;
  }
}

const N = 6; // markets 0..5
const marketArb = fc.integer({ min: 0, max: N - 1 }).map(m);
const relationArb: fc.Arbitrary<Relation> = fc.oneof(
  fc
    .tuple(marketArb, marketArb)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ kind: 'equivalent' as const, a, b })),
  fc
    .tuple(marketArb, marketArb)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ kind: 'complement' as const, a, b })),
  fc
    .tuple(marketArb, marketArb)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ kind: 'implies' as const, a, b })),
  fc
    .uniqueArray(marketArb, { minLength: 2, maxLength: 4 })
    .map((markets) => ({ kind: 'exactlyOne' as const, markets })),
  fc
    .uniqueArray(marketArb, { minLength: 2, maxLength: 4 })
    .map((markets) => ({ kind: 'atMostOne' as const, markets })),
);
const feeArb: fc.Arbitrary<FeeModel> = fc.oneof(
  fc.constant(NO_FEES),
  fc.constant(kalshiFeeModel()),
  fc.integer({ min: 0, max: 100_000 }).map((r) => polymarketFeeModel(r)),
);
const legArb: fc.Arbitrary<Leg> = fc.record({
  venue: fc.constantFrom('kalshi' as const, 'polymarket' as const),
  market: marketArb,
  outcome: fc.constantFrom('YES' as const, 'NO' as const),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  px: fc.integer({ min: 1, max: 9_999 }).map((n) => n as Px),
  qty: fc.integer({ min: 1, max: 100_000 }).map((n) => n as Qty),
  fees: feeArb,
});

describe('verifier properties', () => {
  itSeeded(
    'guaranteed payout = min payout over brute-force feasible states; positive edge pays cost + fees everywhere',
    [],
    (seed) => {
      fc.assert(
        fc.property(
          fc.array(legArb, { minLength: 1, maxLength: 5 }),
          fc.array(relationArb, { maxLength: 4 }),
          (legs, relations) => {
            const r = verify(legs, relations);
            // brute force over all 2^N assignments of the whole universe
            const payouts: number[] = [];
            for (let mask = 0; mask < 1 << N; mask++) {
              const truth = (id: MarketId) => ((mask >> id) & 1) === 1;
              if (!relations.every((rel) => holds(rel, truth))) continue;
              payouts.push(legs.reduce((s, l) => s + legPayout(l, truth(l.market)), 0));
            }
            // An infeasible universe may come from relations that never touch the legs, which the verifier rightly
            // ignores; contradictions it must catch are covered by the known cases above.
            if (payouts.length === 0) return;
            // The brute force found a feasible universe, so the verifier (which looks only at the relations
            // linked to the legs) must succeed.
            if (!r.ok) throw r.error;
            const v = r.value;
            expect(v.guaranteedPayout).toBe(Math.min(...payouts));
            expect(v.bestPayout).toBe(Math.max(...payouts));
            const cost = legs.reduce((s, l) => s + legCost(l), 0);
            const fees = legs.reduce((s, l) => s + legFee(l), 0);
            expect(v.cost).toBe(cost);
            expect(v.fees).toBe(fees);
            expect(v.edge).toBe(v.guaranteedPayout - cost - fees);
            expect(fees).toBeGreaterThanOrEqual(0);
            if (v.edge > 0) for (const p of payouts) expect(p).toBeGreaterThanOrEqual(cost + fees);
            // the reported worst state is feasible and achieves the guarantee
            const worst = legs.reduce((s, l) => s + legPayout(l, v.worstState.get(l.market)!), 0);
            expect(worst).toBe(v.guaranteedPayout);
          },
        ),
        { seed, numRuns: 500 },
      );
    },
  );

  itSeeded('feasibleStates enumerates exactly the satisfying assignments', [], (seed) => {
    fc.assert(
      fc.property(fc.array(relationArb, { maxLength: 5 }), (relations) => {
        const all = Array.from({ length: N }, (_, i) => m(i));
        const r = feasibleStates(all, relations);
        const expected: string[] = [];
        for (let mask = 0; mask < 1 << N; mask++) {
          const truth = (id: MarketId) => ((mask >> id) & 1) === 1;
          if (relations.every((rel) => holds(rel, truth)))
            expected.push(all.map((id) => (truth(id) ? 1 : 0)).join(''));
        }
        if (expected.length === 0) {
          expect(r.ok).toBe(false);
          return;
        }
        if (!r.ok) throw r.error;
        expect(r.value.map((s) => [...s].join('')).sort()).toEqual(expected.sort());
      }),
      { seed, numRuns: 300 },
    );
  });
});
