/**
 * The payout verifier applied to a package as it is about to be sent, and again before every later leg: nothing
 * leaves for a venue unless the core verifier has proved the whole package on exactly the legs, sizes, limit
 * prices and fees that go out (docs/architecture.md, "Every order inside the proof").
 *
 * Pure: no store, no clock, no venue. The planner proves a package at its final size (a smaller size is not the
 * same proof scaled: fees round per order, so 1 contract of a +75 bps plan can lose money); the executor asks,
 * before each later leg, for the worst price at which the package still clears the lane's minimum edge given
 * the fills already made (their real prices and the fees the venue really charged), and sends no higher.
 */
import type { FeeModel } from '../core/fees.ts';
import { gridPrices, type MarketId, type Outcome, type TickGrid, type Venue } from '../core/market.ts';
import { verify, type Leg, type Relation } from '../core/portfolio.ts';
import { asMicros, asQty, type Micros, type Px, type Qty } from '../core/units.ts';

/** One leg's market facts, as the verifier needs them. */
export interface ProofLeg {
  readonly venue: Venue;
  readonly market: MarketId;
  readonly outcome: Outcome;
  readonly fees: FeeModel;
  readonly grid: TickGrid;
}

/** What it takes to prove a package at any size and price: its relations, its legs, the bar it must clear. */
export interface PackageProof {
  /** The relations that make the legs an arbitrage (the shape's proof). */
  readonly relations: readonly Relation[];
  /** One per planned leg, in the plan's order. */
  readonly legs: readonly ProofLeg[];
  /** The lane's minimum edge after fees, basis points of cost. The edge must also be positive. */
  readonly minEdgeBps: number;
}

/** A fill already made on a leg: what it really cost. */
export interface HeldFill {
  readonly px: Px;
  readonly qty: Qty;
  readonly fee: Micros;
}

export type ProofResult =
  | {
      readonly ok: true;
      readonly edge: Micros;
      readonly cost: Micros;
      readonly fees: Micros;
      readonly guaranteedPayout: Micros;
      readonly edgeBps: number;
    }
  | { readonly ok: false; readonly why: string; readonly edge?: Micros; readonly edgeBps?: number };

const bpsOf = (edge: number, cost: number): number => (cost > 0 ? Math.floor((edge * 10_000) / cost) : 0);

/**
 * The package at `qty` contracts per leg: each leg counts the fills it already holds (the most expensive first,
 * up to `qty`, at the fee the venue charged, pro rata) and buys the rest at `prices[k]` (one new order, the
 * venue's fee model). A leg with contracts still to buy and no price cannot be proven.
 */
export function proveAt(
  proof: PackageProof,
  qty: number,
  prices: readonly (Px | undefined)[],
  held: readonly (readonly HeldFill[] | undefined)[] = [],
): ProofResult {
  if (!Number.isSafeInteger(qty) || qty <= 0) return { ok: false, why: `no size to prove (${qty} Qty)` };
  const legs: Leg[] = [];
  for (const [k, leg] of proof.legs.entries()) {
    let left = qty;
    const fills = [...(held[k] ?? [])].sort((a, b) => b.px - a.px);
    for (const f of fills) {
      if (left <= 0) break;
      const take = Math.min(left, f.qty);
      // A fill counted in part carries its fee in part, rounded up: never less than what was paid for it.
      const fee = take === f.qty ? f.fee : Math.ceil((f.fee * take) / f.qty);
      legs.push({ ...base(leg), px: f.px, qty: asQty(take), feePaid: asMicros(fee) });
      left -= take;
    }
    if (left <= 0) continue;
    const px = prices[k];
    if (px === undefined) return { ok: false, why: `leg ${k} has ${left} Qty to buy and no price` };
    legs.push({ ...base(leg), px, qty: asQty(left) });
  }
  const v = verify(legs, proof.relations);
  if (!v.ok) return { ok: false, why: `${v.error.code}: ${v.error.message}` };
  const { edge, cost, fees, guaranteedPayout } = v.value;
  const edgeBps = bpsOf(edge, cost);
  if (edge <= 0)
    return { ok: false, why: `edge ${edge} micros at ${qty / 100} contracts is not positive`, edge, edgeBps };
  if (edgeBps < proof.minEdgeBps)
    return {
      ok: false,
      why: `edge ${edgeBps} bps at ${qty / 100} contracts is below the minimum ${proof.minEdgeBps} bps`,
      edge,
      edgeBps,
    };
  return { ok: true, edge, cost, fees, guaranteedPayout, edgeBps };
}

const base = (leg: ProofLeg): Omit<Leg, 'px' | 'qty'> => ({
  venue: leg.venue,
  market: leg.market,
  outcome: leg.outcome,
  side: 'BUY',
  fees: leg.fees,
});

/**
 * The highest price on leg `k`'s grid, no higher than `cap`, at which the package still clears (see `proveAt`:
 * the other legs at their fills or `prices`, leg k buying what it lacks of `qty` at that price). Undefined when
 * not even the lowest price clears. Cost plus fee rises with price, so the prices that clear are a prefix of the
 * grid and a binary search finds its end; the price returned has itself been proven.
 */
export function worstClearingPrice(
  proof: PackageProof,
  k: number,
  qty: number,
  prices: readonly (Px | undefined)[],
  held: readonly (readonly HeldFill[] | undefined)[],
  cap: Px,
): Px | undefined {
  const grid = gridPrices(proof.legs[k]!.grid).filter((p) => p <= cap);
  const at = (i: number): boolean => proveAt(proof, qty, withPrice(prices, k, grid[i]!), held).ok;
  let lo = 0;
  let hi = grid.length - 1;
  if (hi < 0 || !at(0)) return undefined;
  // Invariant: grid[lo] clears; find the last index that does.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (at(mid)) lo = mid;
    else hi = mid - 1;
  }
  return grid[lo];
}

const withPrice = (prices: readonly (Px | undefined)[], k: number, px: Px): (Px | undefined)[] =>
  prices.map((p, i) => (i === k ? px : p));
