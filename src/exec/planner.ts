/**
 * From a proven opportunity and the size sizing allows to the package that will be sent: leg order, the
 * naked-exposure cap, and the proof at exactly the size, prices and fees that go out. Pure (no books, no venues,
 * no clock), so every decision it makes is tested without sockets.
 *
 * Why the proof is re-run: the opportunity was proven at the size detection found; the plan is usually smaller
 * (Kelly, cash, market room, the naked cap), and a smaller size is not the same proof scaled down. Fees round per
 * order, so a plan that earns +75 bps on 1,000 contracts can lose money on 1 contract. Below the lane's minimum
 * edge at the final size, nothing is sent.
 */
import { feeFor, type FeeModel } from '../core/fees.ts';
import type { MarketId, TickGrid } from '../core/market.ts';
import type { Relation } from '../core/portfolio.ts';
import { asMicros, asQty, MICROS_PER_QTY_PAYOUT, notional, type Micros } from '../core/units.ts';
import type { Opportunity, OpportunityLeg } from '../hot/index.ts';
import type { Plan } from '../risk/index.ts';
import type { SizedPlan } from './package-executor.ts';
import { proveAt, type PackageProof } from './proof.ts';

/** What the planner reads of a market. */
export interface PlannerMarket {
  readonly fees: FeeModel;
  readonly grid: TickGrid;
  /** Smallest order the venue takes, Qty. */
  readonly minSize: number;
  readonly eventKey: string | undefined;
}

export interface PlanRequest {
  readonly opportunity: Opportunity;
  /** The relations that make the opportunity's legs an arbitrage (its shape's proof). */
  readonly relations: readonly Relation[];
  readonly market: (id: MarketId) => PlannerMarket;
  /** The lane's minimum edge after fees, basis points of cost. */
  readonly minEdgeBps: number;
  /** The size sizing allows, Qty (already capped by depth, cash and room). */
  readonly sizedQty: number;
  /** Largest naked position a package may risk (the cost of every leg but the last). */
  readonly maxNakedMicros: Micros;
}

export type PlanDecision =
  | { readonly ok: true; readonly sized: SizedPlan; readonly risk: Plan }
  /** `reason` is a short counter key (the run report's "sized to zero"), `detail` says why in full. */
  | { readonly ok: false; readonly reason: string; readonly detail: string };

/**
 * Legs in execution order: the longest-unchanged quote first. On a lagging venue that is the quote about to
 * reprice, the likeliest to miss; a miss on the first leg costs nothing, a miss on a later one an unwind.
 */
export const legOrder = (o: Opportunity): OpportunityLeg[] =>
  [...o.legs].sort((a, b) => b.quoteAgeMs - a.quoteAgeMs);

/** Whole contracts: every venue accepts them, and per-order fee rounding is what was proven. */
const LOT = 100;

export function planPackage(req: PlanRequest): PlanDecision {
  const o = req.opportunity;
  const order = legOrder(o);
  const minSize = Math.max(LOT, ...order.map((l) => req.market(l.market).minSize));
  // Naked-exposure cap: if the last leg misses, everything bought before it is naked.
  const before = order.slice(0, -1).reduce((sum, l) => sum + l.px, 0);
  const nakedCap =
    before > 0 ? Math.floor(req.maxNakedMicros / before / LOT) * LOT : Number.POSITIVE_INFINITY;
  const qty = Math.min(Math.floor(req.sizedQty / LOT) * LOT, nakedCap, o.qty);
  if (qty <= 0 || qty < minSize) {
    const capped = nakedCap < req.sizedQty;
    return {
      ok: false,
      reason: capped ? 'naked cap' : 'below minimum size',
      detail: capped
        ? `the naked cap allows ${nakedCap / 100} contracts, under the legs' minimum ${minSize / 100}`
        : `sized to ${qty / 100} contracts, under the legs' minimum ${minSize / 100}`,
    };
  }
  const proof: PackageProof = {
    relations: req.relations,
    legs: order.map((l) => ({
      venue: l.venue,
      market: l.market,
      outcome: l.outcome,
      fees: req.market(l.market).fees,
      grid: req.market(l.market).grid,
    })),
    minEdgeBps: req.minEdgeBps,
  };
  const proven = proveAt(
    proof,
    qty,
    order.map((l) => l.px),
  );
  if (!proven.ok)
    return {
      ok: false,
      reason: 'edge at final size',
      detail: `${o.id} resized from ${o.qty / 100} to ${qty / 100} contracts: ${proven.why}`,
    };
  const size = asQty(qty);
  const risk: Plan = {
    id: o.id,
    legs: order.map((l) => {
      const m = req.market(l.market);
      return {
        venue: l.venue,
        market: l.key,
        eventKey: m.eventKey,
        cash: asMicros(notional(l.px, size) + feeFor(m.fees, 'taker', l.px, size)),
        notional: notional(l.px, size),
      };
    }),
    edge: proven.edge,
    cost: asMicros(proven.cost + proven.fees),
  };
  return {
    ok: true,
    risk,
    sized: {
      id: o.id,
      lane: o.lane,
      legs: order.map((l) => ({ venue: l.venue, market: l.key, outcome: l.outcome, px: l.px })),
      qty: size,
      payoutUnits: proven.guaranteedPayout / (qty * MICROS_PER_QTY_PAYOUT),
      expectedEdge: proven.edge,
      proof,
    },
  };
}
