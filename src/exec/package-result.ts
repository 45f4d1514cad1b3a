/**
 * A package's result as the store records it (legs, fills in their orders' terms, money), and the small pieces
 * of arithmetic the executor shares with it: fills in the terms they were ordered in, naked exposure over time.
 */
import type { Outcome, Venue } from '../core/market.ts';
import { asQty, MICROS_PER_QTY_PAYOUT, notional, pxComplement } from '../core/units.ts';
import type { VenueFill } from '../venues/venue.ts';
import { exposure, hedgedQty } from './lifecycle/package-state.ts';
import type {
  ExposureDecision,
  LegResult,
  PackageResult,
  PackageStatus,
  SizedPlan,
} from './package-types.ts';
import type { HeldFill } from './proof.ts';
import type { OrderStore, StoredIntent } from './store/order-store.ts';

/** The package as the store records it: legs, fills (in their orders' terms), money. */
export function packageResult(
  store: OrderStore,
  plan: SizedPlan,
  id: string,
  status: PackageStatus,
  aborted: string | undefined,
  decisions: readonly { decision: ExposureDecision; why: string }[],
  nakedMicrosMs: number,
): PackageResult {
  const pkg = store.getPackage(id)!;
  const intents = store.intents({ packageId: id });
  const fills: (VenueFill & { venue: Venue })[] = [];
  const legs: LegResult[] = intents.map((i) => {
    const leg = plan.legs[i.leg]!;
    const mine = store
      .fills({ clientOrderId: i.clientOrderId })
      .filter((f) => f.venue === i.venue && !f.reversed)
      .map((f) => ({ ...asOrdered(f, i.outcome, i.side), venue: f.venue }));
    fills.push(...mine);
    const outcome = outcomeOf(i);
    return {
      leg,
      clientOrderId: i.clientOrderId,
      orderId: i.venueOrderId,
      requested: i.side === 'SELL' ? -i.qty : i.qty,
      filled: i.filled,
      cost: mine.reduce((s, f) => s + notional(f.px, f.qty), 0),
      fees: mine.reduce((s, f) => s + f.fee, 0),
      outcome,
      ...(i.error ? { error: i.error } : {}),
    };
  });
  const hedged = hedgedQty(pkg);
  const buys = fills.filter((f) => f.side === 'BUY');
  const sells = fills.filter((f) => f.side === 'SELL');
  const buyCost = buys.reduce((s, f) => s + notional(f.px, f.qty) + f.fee, 0);
  const sellProceeds = sells.reduce((s, f) => s + notional(f.px, f.qty), 0);
  const sellFees = sells.reduce((s, f) => s + f.fee, 0);
  const realized =
    Math.round(plan.payoutUnits * hedged * MICROS_PER_QTY_PAYOUT) - buyCost + sellProceeds - sellFees;
  const expected = Math.floor((plan.expectedEdge * hedged) / plan.qty);
  // What the naked part cost: its purchase (at the fills' prices and fees) minus what selling it returned.
  const excessCost = legs
    .filter((r) => r.requested > 0 && r.filled > 0)
    .reduce((s, r) => {
      const boughtOnLeg = pkg.bought[intents.find((x) => x.clientOrderId === r.clientOrderId)!.leg]!;
      const extra = Math.max(0, boughtOnLeg - hedged);
      return s + ((r.cost + r.fees) * Math.min(extra, r.filled)) / r.filled;
    }, 0);
  const unwindQty = pkg.sold.reduce((s, x) => s + x, 0);
  return {
    planId: plan.id,
    packageId: id,
    legs,
    hedgedQty: hedged,
    status,
    expectedMicros: expected,
    realizedMicros: realized,
    unwind: {
      qty: unwindQty,
      proceeds: sellProceeds,
      fees: sellFees,
      loss: unwindQty > 0 ? Math.round(excessCost - sellProceeds + sellFees) : 0,
    },
    ...(aborted ? { aborted } : {}),
    decisions: [...decisions],
    nakedMicrosMs,
    fills,
  };
}

/** rejected: the venue refused it (or it never got there); unknown: its reply was lost (resolved by query or not). */
export const outcomeOf = (i: StoredIntent): LegResult['outcome'] =>
  i.state === 'rejected' || (i.state === 'void' && i.error === undefined)
    ? 'rejected'
    : i.error !== undefined
      ? 'unknown'
      : 'ok';

/** Naked exposure (micros) integrated over time: micros × ms. */
export class NakedMeter {
  private micros = 0;
  private since: number;
  private acc = 0;
  constructor(private readonly now: () => number) {
    this.since = now();
  }
  /**
   * Exposure is now `micros`. `sinceMs`: when a rise began, if earlier than now (a leg's exposure starts when its
   * order left, not when its fills were read back); never before the last change.
   */
  set(micros: number, sinceMs?: number): void {
    const t = this.now();
    // Backdated only when exposure grows: measured conservatively, it is never under-counted.
    const from =
      sinceMs === undefined || micros <= this.micros ? t : Math.max(this.since, Math.min(t, sinceMs));
    this.acc += this.micros * (from - this.since);
    this.micros = micros;
    this.since = from;
  }
  total(): number {
    return this.acc + this.micros * (this.now() - this.since);
  }
}

/** A fill in the terms its order was placed in: the mirror trade (other outcome, other side, 1 − price) flipped. */
export function asOrdered<F extends VenueFill>(f: F, outcome: Outcome, side: 'BUY' | 'SELL'): F {
  if (f.outcome === outcome || f.side === side) return f;
  return { ...f, outcome, side, px: pxComplement(f.px) };
}

/** The fills each leg's buys (first try and completion) have made so far, in the terms they were ordered in. */
export function heldFills(store: OrderStore, plan: SizedPlan, id: string): HeldFill[][] {
  const held: HeldFill[][] = plan.legs.map(() => []);
  for (const i of store.intents({ packageId: id })) {
    if (i.side !== 'BUY' || (i.role !== 'leg' && i.role !== 'complete')) continue;
    for (const f of store.fills({ clientOrderId: i.clientOrderId }))
      if (f.venue === i.venue && !f.reversed) {
        const o = asOrdered(f, i.outcome, i.side);
        held[i.leg]!.push({ px: o.px, qty: o.qty, fee: o.fee });
      }
  }
  return held;
}

/** When the venue's reply to an order was recorded (its `order_sent` event), if it was. */
export function repliedAt(store: OrderStore, packageId: string, clientOrderId: string): number | undefined {
  const sent = store
    .events({ packageId })
    .filter((e) => e.kind === 'order_sent' && e.clientOrderId === clientOrderId);
  return sent.length > 0 ? sent[sent.length - 1]!.tsMs : undefined;
}

/** Naked exposure now: what the contracts held beyond the hedged size cost, micros. */
export function nakedMicros(plan: SizedPlan, bought: readonly number[], sold: readonly number[]): number {
  const ex = exposure({ bought, sold });
  return ex.reduce((s, x, i) => s + notional(plan.legs[i]!.px, asQty(x)), 0);
}
