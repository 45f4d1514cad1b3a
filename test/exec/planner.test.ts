import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feeFor, kalshiFeeModel, NO_FEES, polymarketFeeModel, type FeeModel } from '../../src/core/fees.ts';
import {
  kalshiGrid,
  MarketIdTable,
  uniformGrid,
  type MarketId,
  type TickGrid,
} from '../../src/core/market.ts';
import { verify, type Relation } from '../../src/core/portfolio.ts';
import { asMicros, type Px, type Qty } from '../../src/core/units.ts';
import { planPackage, type PlannerMarket } from '../../src/exec/planner.ts';
import type { Opportunity } from '../../src/hot/index.ts';

interface LegSpec {
  readonly venue: 'kalshi' | 'polymarket';
  readonly key: string;
  readonly outcome: 'YES' | 'NO';
  readonly px: number;
  readonly fees: FeeModel;
  readonly grid: TickGrid;
}

/** A cross-venue pair (YES on one, NO on its equivalent), proven by the verifier at `qty` as detection would. */
function opportunity(legs: readonly [LegSpec, LegSpec], qty: number) {
  const ids = new MarketIdTable();
  const [a, b] = legs.map((l) => ids.intern(l.venue, l.key)) as [MarketId, MarketId];
  const relations: Relation[] = [{ kind: 'equivalent', a, b }];
  const v = verify(
    legs.map((l, i) => ({
      venue: l.venue,
      market: i === 0 ? a : b,
      outcome: l.outcome,
      side: 'BUY' as const,
      px: l.px as Px,
      qty: qty as Qty,
      fees: l.fees,
    })),
    relations,
  );
  if (!v.ok) throw new Error(v.error.message);
  const o: Opportunity = {
    id: 'cross_venue-x',
    shape: 0,
    relationId: 'eq',
    lane: 'cross_venue',
    style: 'yes-no',
    legs: legs.map((l, i) => ({
      market: i === 0 ? a : b,
      venue: l.venue,
      key: l.key,
      outcome: l.outcome,
      px: l.px as Px,
      qty: qty as Qty,
      quoteAgeMs: 100 - i, // leg 0 is the older quote: it goes first
    })),
    qty: qty as Qty,
    guaranteedPayout: v.value.guaranteedPayout,
    cost: v.value.cost,
    fees: v.value.fees,
    edge: v.value.edge,
    edgeBps: v.value.cost > 0 ? Math.floor((v.value.edge * 10_000) / v.value.cost) : 0,
    detectedAtMs: 0,
  };
  const markets = new Map<MarketId, PlannerMarket>(
    legs.map((l, i) => [
      i === 0 ? a : b,
      { fees: l.fees, grid: l.grid, minSize: 100, eventKey: undefined } satisfies PlannerMarket,
    ]),
  );
  return { o, relations, market: (id: MarketId) => markets.get(id)! };
}

/** The verifier's verdict on exactly what a plan sends: its legs at their prices, its size, the venues' fees. */
function verifySent(
  plan: { legs: readonly { venue: string; market: string; px: Px }[]; qty: Qty },
  o: Opportunity,
  relations: readonly Relation[],
  market: (id: MarketId) => PlannerMarket,
) {
  const byKey = new Map(o.legs.map((l) => [`${l.venue}/${l.key}`, l]));
  const legs = plan.legs.map((l) => {
    const leg = byKey.get(`${l.venue}/${l.market}`)!;
    return {
      venue: leg.venue,
      market: leg.market,
      outcome: leg.outcome,
      side: 'BUY' as const,
      px: l.px,
      qty: plan.qty,
      fees: market(leg.market).fees,
    };
  });
  const v = verify(legs, relations);
  if (!v.ok) throw new Error(v.error.message);
  return v.value;
}

describe('planPackage: a resized package is proven again at its final size', () => {
  // Kalshi YES at $0.03 and Polymarket NO at $0.96 (fee-free). At 1,000 contracts: cost $990 + Kalshi's fee
  // ceil(0.07 × 1000 × 0.03 × 0.97 = $2.037) = $2.04: edge $7.96, 80 bps. At 1 contract the fee rounds up to a
  // whole cent: $0.99 + $0.01 = $1.00, edge 0. Scaling the 1,000-contract edge down would have called it +80 bps.
  const pair: [LegSpec, LegSpec] = [
    {
      venue: 'kalshi',
      key: 'K',
      outcome: 'YES',
      px: 300,
      fees: kalshiFeeModel(),
      grid: kalshiGrid('linear_cent'),
    },
    { venue: 'polymarket', key: 'P', outcome: 'NO', px: 9_600, fees: NO_FEES, grid: uniformGrid(100 as Px) },
  ];

  it('at the size detection proved: planned, with the verifier’s edge for that size', () => {
    const { o, relations, market } = opportunity(pair, 100_000);
    expect(o.edgeBps).toBe(80);
    const d = planPackage({
      opportunity: o,
      relations,
      market,
      minEdgeBps: 50,
      sizedQty: 100_000,
      maxNakedMicros: asMicros(1e12),
    });
    if (!d.ok) throw new Error(d.detail);
    expect(d.sized.qty).toBe(100_000);
    expect(d.sized.expectedEdge).toBe(7_960_000);
    expect(d.risk.edge).toBe(7_960_000);
  });

  it('shrunk to 1 contract (by the naked cap), where fee rounding eats the edge: not planned', () => {
    const { o, relations, market } = opportunity(pair, 100_000);
    const d = planPackage({
      opportunity: o,
      relations,
      market,
      minEdgeBps: 50,
      sizedQty: 100_000,
      maxNakedMicros: asMicros(30_000), // the first leg's cost for one contract
    });
    expect(d).toMatchObject({ ok: false, reason: 'edge at final size' });
    if (!d.ok) expect(d.detail).toMatch(/resized from 1000 to 1 contracts: edge 0 micros .* not positive/);
  });

  it('property: random pairs × random resizes: every package planned clears the minimum on exactly what is sent', () => {
    const grids: [string, TickGrid][] = [
      ['linear_cent', kalshiGrid('linear_cent')],
      ['deci_cent', kalshiGrid('deci_cent')],
      ['tapered', kalshiGrid('tapered_deci_cent')],
    ];
    const fees = fc.oneof(
      fc.constant(kalshiFeeModel() as FeeModel),
      fc.integer({ min: 0, max: 70_000 }).map((r) => polymarketFeeModel(r) as FeeModel),
      fc.constant(NO_FEES as FeeModel),
    );
    let planned = 0;
    let declinedForEdge = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...grids),
        fees,
        fees,
        fc.integer({ min: 1, max: 9_980 }),
        // Thin windows and deep cuts are where rounding bites: weight them.
        fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 300 })),
        fc.integer({ min: 1, max: 2_000 }),
        fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 150 })),
        fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2_000 })),
        fc.integer({ min: 0, max: 60_000_000 }),
        ([, grid], feeA, feeB, rawA, gapTicks, contracts, minEdgeBps, resizeTo, maxNaked) => {
          // Prices on the grid, summing to under $1 by `gapTicks` ticks of 0.001.
          const tick = 10;
          const pxA = Math.max(tick, Math.floor(rawA / tick) * tick);
          const pxB = 10_000 - pxA - gapTicks * tick;
          fc.pre(pxB >= tick);
          const legs: [LegSpec, LegSpec] = [
            { venue: 'kalshi', key: 'K', outcome: 'YES', px: pxA, fees: feeA, grid },
            {
              venue: 'polymarket',
              key: 'P',
              outcome: 'NO',
              px: pxB,
              fees: feeB,
              grid: uniformGrid(10 as Px),
            },
          ];
          const { o, relations, market } = opportunity(legs, contracts * 100);
          fc.pre(o.edge > 0 && o.edgeBps >= minEdgeBps); // detection reports only what clears
          const d = planPackage({
            opportunity: o,
            relations,
            market,
            minEdgeBps,
            sizedQty: Math.min(contracts, resizeTo) * 100,
            maxNakedMicros: asMicros(maxNaked),
          });
          if (!d.ok) {
            if (d.reason === 'edge at final size') declinedForEdge++;
            return;
          }
          planned++;
          const v = verifySent(d.sized, o, relations, market);
          expect(v.edge).toBeGreaterThan(0);
          expect(Math.floor((v.edge * 10_000) / v.cost)).toBeGreaterThanOrEqual(minEdgeBps);
          expect(d.sized.expectedEdge).toBe(v.edge);
          expect(d.risk.edge).toBe(v.edge);
          // The cash the risk check locks covers what the legs will cost with their fees.
          for (const [i, l] of d.sized.legs.entries())
            expect(d.risk.legs[i]!.cash).toBe(
              l.px * d.sized.qty +
                feeFor(
                  market(o.legs.find((x) => x.key === l.market)!.market).fees,
                  'taker',
                  l.px,
                  d.sized.qty,
                ),
            );
        },
      ),
      { numRuns: 2_000 },
    );
    // Not vacuous: plans were made, and some resizes were refused because the smaller size did not clear.
    expect(planned).toBeGreaterThan(200);
    expect(declinedForEdge).toBeGreaterThan(20);
  });
});
