/**
 * Executes one sized package, leg after leg, as immediate-or-cancel orders at the planned prices.
 *
 * Legs go in the plan's order (the planner puts the quote most likely to vanish first, because a miss there
 * costs nothing yet); each later leg is sized to what the earlier legs actually filled, so a partial fill
 * shrinks the package instead of leaving it naked. If a later leg still falls short, the excess of the earlier
 * legs is unwound at once (sold into the bids). The crash-safe version of this (persisted intents, legging
 * deadlines, cancel/replace) is the order-lifecycle work; this is the shared path paper and live both use.
 */
import type { Clock } from '../core/clock.ts';
import type { Outcome, Venue } from '../core/market.ts';
import { MICROS_PER_QTY_PAYOUT, notional, PX_ONE, type Px, type Qty } from '../core/units.ts';
import type { OrderRequest, VenueAdapter, VenueFill, VenueResult, VenueOrder } from '../venues/venue.ts';

/** A leg to buy. Legs execute in the order the plan lists them (the planner decides the order). */
export interface PlannedLeg {
  readonly venue: Venue;
  readonly market: string;
  readonly outcome: Outcome;
  readonly px: Px;
}

export interface SizedPlan {
  readonly id: string;
  readonly legs: readonly PlannedLeg[];
  readonly qty: Qty;
  /** Contracts paid per contract of each leg in the worst feasible state (1, or n − 1 for a NO basket). */
  readonly payoutUnits: number;
  /** Edge after fees the verifier proved for `qty`, micros. */
  readonly expectedEdge: number;
}

export interface LegResult {
  readonly leg: PlannedLeg;
  readonly orderId: string | undefined;
  readonly requested: number;
  readonly filled: number;
  readonly cost: number;
  readonly fees: number;
  readonly outcome: 'ok' | 'rejected' | 'unknown';
  readonly error?: string;
}

export interface PackageResult {
  readonly planId: string;
  readonly legs: readonly LegResult[];
  /** Contracts held on every leg: the part of the package that is a true arbitrage. */
  readonly hedgedQty: number;
  /**
   * hedged: every contract of the package held on every leg; partial: some hedged, the rest never filled or was
   * unwound; unwound: a leg missed after another filled, and everything bought was sold back; unhedged: naked
   * exposure remains (the unwind itself fell short); missed: nothing filled.
   */
  readonly status: 'hedged' | 'partial' | 'unwound' | 'unhedged' | 'missed';
  readonly expectedMicros: number;
  readonly realizedMicros: number;
  readonly unwind: {
    readonly qty: number;
    readonly proceeds: number;
    readonly fees: number;
    readonly loss: number;
  };
  readonly fills: readonly (VenueFill & { readonly venue: Venue })[];
}

export interface ExecutorDeps {
  readonly venues: Readonly<Partial<Record<Venue, VenueAdapter>>>;
  readonly clock: Clock;
  readonly onOrder?: (venue: Venue, outcome: LegResult['outcome']) => void;
}

/** Lowest price a sell may ask: selling "at market" into whatever bids there are. */
const SELL_ANY = 100 as Px;

export class PackageExecutor {
  private readonly cursors = new Map<Venue, string | undefined>();

  constructor(private readonly deps: ExecutorDeps) {}

  async execute(plan: SizedPlan): Promise<PackageResult> {
    const results: LegResult[] = [];
    let target: number = plan.qty;
    for (const [i, leg] of plan.legs.entries()) {
      if (target <= 0) break;
      const r = await this.place(leg, {
        clientOrderId: `${plan.id}-L${i}`,
        market: leg.market,
        outcome: leg.outcome,
        side: 'BUY',
        px: leg.px,
        qty: target as Qty,
        tif: 'IOC',
      });
      results.push(r);
      target = Math.min(target, r.filled);
    }
    const hedged = results.length === plan.legs.length ? Math.min(...results.map((r) => r.filled)) : 0;
    // Anything filled beyond the hedged size is naked: sell it back now.
    let unwindQty = 0;
    const bought = [...results];
    for (const [i, r] of bought.entries()) {
      const excess = r.filled - hedged;
      if (excess <= 0) continue;
      const u = await this.place(r.leg, {
        clientOrderId: `${plan.id}-U${i}`,
        market: r.leg.market,
        outcome: r.leg.outcome,
        side: 'SELL',
        px: SELL_ANY,
        qty: excess as Qty,
        tif: 'IOC',
      });
      results.push({ ...u, requested: -excess });
      unwindQty += u.filled;
    }
    const fills = await this.collectFills(results);
    const buys = fills.filter((f) => f.side === 'BUY');
    const sells = fills.filter((f) => f.side === 'SELL');
    const buyCost = buys.reduce((s, f) => s + notional(f.px, f.qty) + f.fee, 0);
    const sellProceeds = sells.reduce((s, f) => s + notional(f.px, f.qty), 0);
    const sellFees = sells.reduce((s, f) => s + f.fee, 0);
    const realized =
      Math.round(plan.payoutUnits * hedged * MICROS_PER_QTY_PAYOUT) - buyCost + sellProceeds - sellFees;
    const expected = Math.floor((plan.expectedEdge * hedged) / plan.qty);
    // What the naked part cost: its purchase (at the fills' prices and fees) minus what selling it returned.
    const excessCost = results
      .filter((r) => r.requested > 0 && r.filled > hedged)
      .reduce((s, r) => s + ((r.cost + r.fees) * (r.filled - hedged)) / r.filled, 0);
    const unhedgedLeft =
      results.filter((r) => r.requested > 0).reduce((s, r) => s + Math.max(0, r.filled - hedged), 0) -
      unwindQty;
    const anyFilled = results.some((r) => r.requested > 0 && r.filled > 0);
    const status: PackageResult['status'] = !anyFilled
      ? 'missed'
      : unhedgedLeft > 0
        ? 'unhedged'
        : hedged === plan.qty
          ? 'hedged'
          : hedged > 0
            ? 'partial'
            : 'unwound';
    return {
      planId: plan.id,
      legs: results,
      hedgedQty: hedged,
      status,
      expectedMicros: expected,
      realizedMicros: realized,
      unwind: {
        qty: unwindQty,
        proceeds: sellProceeds,
        fees: sellFees,
        loss: Math.round(excessCost - sellProceeds + sellFees),
      },
      fills,
    };
  }

  private async place(leg: PlannedLeg, req: OrderRequest): Promise<LegResult> {
    const failed = (outcome: 'rejected' | 'unknown', error: string): LegResult => ({
      leg,
      orderId: undefined,
      requested: req.qty,
      filled: 0,
      cost: 0,
      fees: 0,
      outcome,
      error,
    });
    const venue = this.deps.venues[leg.venue];
    if (!venue) return failed('rejected', `no ${leg.venue} venue`);
    let res: VenueResult<VenueOrder | undefined> = await venue.placeOrder(req);
    let outcome: LegResult['outcome'] = 'ok';
    if (!res.ok && res.error.kind === 'unknown') {
      // The order may exist: ask the venue for it by its client order id rather than assuming either way.
      outcome = 'unknown';
      const found = await venue.findOrder(req.clientOrderId);
      if (found.ok) res = found;
    }
    if (!res.ok || res.value === undefined) {
      const error = res.ok
        ? 'order not found after an unknown outcome'
        : `${res.error.code}: ${res.error.message}`;
      const kind = outcome === 'unknown' ? 'unknown' : 'rejected';
      this.deps.onOrder?.(leg.venue, kind);
      return failed(kind, error);
    }
    this.deps.onOrder?.(leg.venue, outcome);
    const o = res.value;
    return { leg, orderId: o.id, requested: req.qty, filled: o.filled, cost: 0, fees: 0, outcome };
  }

  /**
   * Fetch each venue's new fills once, and attach costs and fees to the legs that caused them. Each fill is put
   * in the terms of the order that caused it: Kalshi may report a buy of YES at p as a sell of NO at 1 − p (it
   * sold NO the account held instead; the same exposure, see docs/architecture.md), and counting that as a sale
   * would add $1 a contract to the PnL. A fill reported again (Polymarket: once matched, again when final) is
   * kept once, in its latest form.
   */
  private async collectFills(results: LegResult[]): Promise<(VenueFill & { venue: Venue })[]> {
    const out: (VenueFill & { venue: Venue })[] = [];
    const venues = [...new Set(results.map((r) => r.leg.venue))].sort();
    for (const v of venues) {
      const adapter = this.deps.venues[v]!;
      const r = await adapter.fillsSince(this.cursors.get(v));
      if (!r.ok) continue;
      this.cursors.set(v, r.value.cursor);
      const mine = new Map<string, LegResult>();
      for (const x of results) if (x.leg.venue === v && x.orderId !== undefined) mine.set(x.orderId, x);
      const byId = new Map<string, VenueFill & { venue: Venue }>();
      for (const f of r.value.fills) {
        const leg = mine.get(f.orderId);
        if (leg) byId.set(f.id, { ...asOrdered(f, leg), venue: v });
      }
      out.push(...byId.values());
    }
    for (const [i, r] of results.entries()) {
      const fs = out.filter((f) => f.venue === r.leg.venue && f.orderId === r.orderId);
      results[i] = {
        ...r,
        cost: fs.reduce((s, f) => s + notional(f.px, f.qty), 0),
        fees: fs.reduce((s, f) => s + f.fee, 0),
      };
    }
    return out;
  }

  /** Start reading fills from now on (skip whatever the account did before the session). */
  async skipExistingFills(): Promise<void> {
    for (const [v, adapter] of Object.entries(this.deps.venues) as [Venue, VenueAdapter][]) {
      let cursor: string | undefined;
      for (;;) {
        const r = await adapter.fillsSince(cursor);
        if (!r.ok || r.value.fills.length === 0 || r.value.cursor === cursor) break;
        cursor = r.value.cursor;
      }
      this.cursors.set(v, cursor);
    }
  }
}

/** A fill in the terms its order was placed in: the mirror trade (other outcome, other side, 1 − price) flipped. */
function asOrdered(f: VenueFill, leg: LegResult): VenueFill {
  const side = leg.requested >= 0 ? 'BUY' : 'SELL';
  if (f.outcome === leg.leg.outcome || f.side === side) return f;
  return { ...f, outcome: leg.leg.outcome, side, px: (PX_ONE - f.px) as Px };
}
