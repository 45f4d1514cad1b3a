/**
 * Price one shape against the current books: pick each slot's cheapest venue, reject at once when even the top
 * of the books can't beat the payout (the common case, a few dozen nanoseconds), otherwise walk the depth of all
 * legs together to the size that maximises edge after fees, and have the core verifier prove the result.
 */
import { feeFor } from '../core/fees.ts';
import type { MarketId, Outcome } from '../core/market.ts';
import { type Leg, verify } from '../core/portfolio.ts';
import { asMicros, asPx, asQty, MICROS_PER_QTY_PAYOUT, PX_ONE, type Qty } from '../core/units.ts';
import type { BookStore } from './book-store.ts';
import type { MarketTable } from './market-table.ts';
import { type Opportunity, opportunityId } from './opportunity.ts';
import type { LaneName, Shape } from './shapes.ts';

export interface LaneLimits {
  readonly enabled: boolean;
  /** Minimum edge after fees as a share of cost, in basis points. */
  readonly minEdgeBps: number;
  /** Minimum size, in Qty (1 contract = 100). */
  readonly minSize: Qty;
}

export interface EvalContext {
  readonly books: BookStore;
  readonly markets: MarketTable;
  readonly limits: Readonly<Record<LaneName, LaneLimits>>;
  /** Largest size one opportunity may propose, in Qty. */
  readonly maxSize: Qty;
  /** Time bucket of opportunity ids. */
  readonly idBucketMs: number;
}

/** Trade in whole contracts: every venue accepts them, and it keeps fee rounding honest. */
const LOT = 100;
const MAX_SLOTS = 256;
// Scratch state reused across evaluations: the hot path allocates nothing until it finds an edge.
const chosenMarket = new Int32Array(MAX_SLOTS);
const chosenYes = new Uint8Array(MAX_SLOTS);
const cursor = new Int32Array(MAX_SLOTS);
const levelLeft = new Float64Array(MAX_SLOTS);
const levelPx = new Float64Array(MAX_SLOTS);

const outcomeOf = (i: number): Outcome => (chosenYes[i] === 1 ? 'YES' : 'NO');

export function evaluateShape(shape: Shape, ctx: EvalContext, nowMs: number): Opportunity | undefined {
  const limits = ctx.limits[shape.lane];
  if (!limits.enabled) return undefined;
  const { books } = ctx;
  const n = shape.slots.length;
  if (n > MAX_SLOTS) return undefined;
  // 1. Cheapest option per slot, and the gross test at the top of the books.
  let topCost = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    for (const o of shape.slots[i]!) {
      if (!books.isTrusted(o.market)) continue;
      const px = books.bestBuyPx(o.market, o.outcome);
      if (px >= 0 && (best < 0 || px < best)) {
        best = px;
        chosenMarket[i] = o.market;
        chosenYes[i] = o.outcome === 'YES' ? 1 : 0;
      }
    }
    if (best < 0) return undefined;
    topCost += best;
  }
  if (shape.payoutUnits * PX_ONE - topCost <= 0) return undefined;

  // 2. Walk every leg's depth together; at each lot boundary price the whole size at each leg's worst level.
  for (let i = 0; i < n; i++) {
    const m = chosenMarket[i] as MarketId;
    const o = outcomeOf(i);
    const s = books.nextBuySlot(m, o, -1);
    cursor[i] = s;
    levelLeft[i] = books.buyQtyAt(m, o, s);
    levelPx[i] = books.buyPxAt(m, o, s);
  }
  const minSize = Math.max(
    limits.minSize,
    LOT,
    ...Array.from({ length: n }, (_, i) => ctx.markets.get(chosenMarket[i] as MarketId).minSize),
  );
  let q = 0;
  let bestEdge = 0;
  let bestQty = 0;
  let bestPx: number[] = [];
  for (;;) {
    let marginal = shape.payoutUnits * PX_ONE;
    let step = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      marginal -= levelPx[i]!;
      step = Math.min(step, levelLeft[i]!);
    }
    if (marginal <= 0) break;
    step = Math.min(step, ctx.maxSize - q);
    if (step <= 0) break;
    q += step;
    const lots = Math.floor(q / LOT) * LOT;
    if (lots >= minSize) {
      const edge = edgeAt(shape, ctx, n, lots);
      if (edge > bestEdge) {
        bestEdge = edge;
        bestQty = lots;
        bestPx = Array.from(levelPx.subarray(0, n));
      }
    }
    if (q >= ctx.maxSize) break;
    let exhausted = false;
    for (let i = 0; i < n; i++) {
      levelLeft[i]! -= step;
      if (levelLeft[i]! > 0) continue;
      const m = chosenMarket[i] as MarketId;
      const o = outcomeOf(i);
      const s = books.nextBuySlot(m, o, cursor[i]!);
      if (s < 0) {
        exhausted = true;
        break;
      }
      cursor[i] = s;
      levelLeft[i] = books.buyQtyAt(m, o, s);
      levelPx[i] = books.buyPxAt(m, o, s);
    }
    if (exhausted) break;
  }
  if (bestQty === 0) return undefined;

  // 3. Prove it, and keep it only if it clears the lane's minimum edge.
  const legs: Leg[] = [];
  for (let i = 0; i < n; i++) {
    const m = ctx.markets.get(chosenMarket[i] as MarketId);
    legs.push({
      venue: m.venue,
      market: m.id,
      outcome: outcomeOf(i),
      side: 'BUY',
      px: asPx(bestPx[i]!),
      qty: asQty(bestQty),
      fees: m.fees,
    });
  }
  const v = verify(legs, shape.proof);
  if (!v.ok || v.value.edge <= 0) return undefined;
  const { edge, cost, fees, guaranteedPayout } = v.value;
  const edgeBps = cost > 0 ? Math.floor((edge * 10_000) / cost) : 0;
  if (edgeBps < limits.minEdgeBps) return undefined;
  const quoteLegs = legs.map((l) => {
    const m = ctx.markets.get(l.market);
    return {
      market: l.market,
      venue: l.venue,
      key: m.key,
      outcome: l.outcome,
      px: l.px,
      qty: l.qty,
      quoteAgeMs: nowMs - books.receivedAt(l.market),
    };
  });
  return {
    id: opportunityId(shape.lane, shape.style, quoteLegs, Math.floor(nowMs / ctx.idBucketMs)),
    shape: shape.index,
    relationId: shape.relationId,
    lane: shape.lane,
    style: shape.style,
    legs: quoteLegs,
    qty: asQty(bestQty),
    guaranteedPayout,
    cost,
    fees,
    edge: asMicros(edge),
    edgeBps,
    detectedAtMs: nowMs,
  };
}

/** Edge after fees of buying `qty` in every slot at each leg's current (worst) level price. */
function edgeAt(shape: Shape, ctx: EvalContext, n: number, qty: number): number {
  let cost = 0;
  let fees = 0;
  for (let i = 0; i < n; i++) {
    const px = asPx(levelPx[i]!);
    cost += px * qty;
    fees += feeFor(ctx.markets.get(chosenMarket[i] as MarketId).fees, 'taker', px, asQty(qty));
  }
  return shape.payoutUnits * qty * MICROS_PER_QTY_PAYOUT - cost - fees;
}
