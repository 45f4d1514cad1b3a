/**
 * The pre-trade risk check: a plan (a sized package) is allowed only if every venue has the cash, no market or
 * event goes over its exposure cap, the number of open packages stays under the limit and the edge after fees
 * clears the minimum. A denial names every reason. `recordFill` / `recordPackageClosed` keep the running state,
 * so the check always sees what is already committed. Pure: no I/O, no clock.
 */
import type { Venue } from '../core/market.ts';

export interface RiskLimits {
  /** Notional per market, micros. */
  readonly maxNotionalPerMarket: number;
  /** Notional per event (all markets of one event on one venue), micros. */
  readonly maxNotionalPerEvent: number;
  readonly maxOpenPackages: number;
  /** Minimum edge after fees, basis points of cost. */
  readonly minEdgeBps: number;
}

export interface PlanLeg {
  readonly venue: Venue;
  readonly market: string;
  readonly eventKey: string | undefined;
  /** Cash this leg needs: notional + fee, micros. */
  readonly cash: number;
  /** Notional that counts against the market and event caps, micros. */
  readonly notional: number;
}

export interface Plan {
  readonly id: string;
  readonly legs: readonly PlanLeg[];
  readonly edge: number;
  readonly cost: number;
}

export type Denial =
  | { readonly code: 'CASH'; readonly venue: Venue; readonly need: number; readonly free: number }
  | { readonly code: 'MARKET_CAP'; readonly market: string; readonly after: number; readonly cap: number }
  | { readonly code: 'EVENT_CAP'; readonly event: string; readonly after: number; readonly cap: number }
  | { readonly code: 'MAX_OPEN_PACKAGES'; readonly open: number; readonly max: number }
  | { readonly code: 'MIN_EDGE'; readonly edgeBps: number; readonly minBps: number }
  | { readonly code: 'DUPLICATE'; readonly id: string }
  | { readonly code: 'EMPTY' };

export type PrecheckResult =
  { readonly ok: true } | { readonly ok: false; readonly denials: readonly Denial[] };

export function describeDenial(d: Denial): string {
  const usd = (m: number): string => `$${(m / 1e6).toFixed(2)}`;
  switch (d.code) {
    case 'CASH':
      return `not enough cash on ${d.venue}: need ${usd(d.need)}, free ${usd(d.free)}`;
    case 'MARKET_CAP':
      return `market ${d.market} would hold ${usd(d.after)}, over its ${usd(d.cap)} cap`;
    case 'EVENT_CAP':
      return `event ${d.event} would hold ${usd(d.after)}, over its ${usd(d.cap)} cap`;
    case 'MAX_OPEN_PACKAGES':
      return `${d.open} packages already open (max ${d.max})`;
    case 'MIN_EDGE':
      return `edge ${d.edgeBps} bps is under the ${d.minBps} bps minimum`;
    case 'DUPLICATE':
      return `opportunity ${d.id} was already planned`;
    case 'EMPTY':
      return 'the plan has no legs';
  }
}

export class RiskBook {
  /** Free cash per venue (not locked by open orders), micros. */
  private readonly cash = new Map<Venue, number>();
  /** Cash locked by open orders per venue, micros. */
  private readonly locked = new Map<Venue, number>();
  private readonly marketNotional = new Map<string, number>();
  private readonly eventNotional = new Map<string, number>();
  private readonly openPackages = new Set<string>();
  private readonly planned = new Set<string>();

  constructor(
    private readonly limits: RiskLimits,
    cashByVenue: Readonly<Partial<Record<Venue, number>>>,
  ) {
    for (const [v, c] of Object.entries(cashByVenue) as [Venue, number][]) this.cash.set(v, c);
  }

  precheck(plan: Plan): PrecheckResult {
    const denials: Denial[] = [];
    if (plan.legs.length === 0) denials.push({ code: 'EMPTY' });
    if (this.planned.has(plan.id)) denials.push({ code: 'DUPLICATE', id: plan.id });
    if (this.openPackages.size >= this.limits.maxOpenPackages) {
      denials.push({
        code: 'MAX_OPEN_PACKAGES',
        open: this.openPackages.size,
        max: this.limits.maxOpenPackages,
      });
    }
    const edgeBps = plan.cost > 0 ? Math.floor((plan.edge * 10_000) / plan.cost) : 0;
    if (edgeBps < this.limits.minEdgeBps)
      denials.push({ code: 'MIN_EDGE', edgeBps, minBps: this.limits.minEdgeBps });
    const needByVenue = new Map<Venue, number>();
    const addMarket = new Map<string, number>();
    const addEvent = new Map<string, number>();
    for (const l of plan.legs) {
      needByVenue.set(l.venue, (needByVenue.get(l.venue) ?? 0) + l.cash);
      addMarket.set(`${l.venue}:${l.market}`, (addMarket.get(`${l.venue}:${l.market}`) ?? 0) + l.notional);
      if (l.eventKey !== undefined)
        addEvent.set(
          `${l.venue}:${l.eventKey}`,
          (addEvent.get(`${l.venue}:${l.eventKey}`) ?? 0) + l.notional,
        );
    }
    for (const [venue, need] of needByVenue) {
      const free = this.cash.get(venue) ?? 0;
      if (need > free) denials.push({ code: 'CASH', venue, need, free });
    }
    for (const [market, add] of addMarket) {
      const after = (this.marketNotional.get(market) ?? 0) + add;
      if (after > this.limits.maxNotionalPerMarket)
        denials.push({ code: 'MARKET_CAP', market, after, cap: this.limits.maxNotionalPerMarket });
    }
    for (const [event, add] of addEvent) {
      const after = (this.eventNotional.get(event) ?? 0) + add;
      if (after > this.limits.maxNotionalPerEvent)
        denials.push({ code: 'EVENT_CAP', event, after, cap: this.limits.maxNotionalPerEvent });
    }
    return denials.length === 0 ? { ok: true } : { ok: false, denials };
  }

  /** An allowed plan is committed: its cash is locked and its package counts as open. */
  commit(plan: Plan): void {
    this.planned.add(plan.id);
    this.openPackages.add(plan.id);
    for (const l of plan.legs) {
      this.cash.set(l.venue, (this.cash.get(l.venue) ?? 0) - l.cash);
      this.locked.set(l.venue, (this.locked.get(l.venue) ?? 0) + l.cash);
    }
  }

  /**
   * A fill happened: `paid` (notional + fee actually charged) leaves the locked cash; the filled notional counts
   * against the market and event caps. Over-locking is released when the package closes.
   */
  recordFill(
    leg: { venue: Venue; market: string; eventKey: string | undefined },
    notional: number,
    paid: number,
  ): void {
    this.locked.set(leg.venue, (this.locked.get(leg.venue) ?? 0) - paid);
    const mk = `${leg.venue}:${leg.market}`;
    this.marketNotional.set(mk, (this.marketNotional.get(mk) ?? 0) + notional);
    if (leg.eventKey !== undefined) {
      const ek = `${leg.venue}:${leg.eventKey}`;
      this.eventNotional.set(ek, (this.eventNotional.get(ek) ?? 0) + notional);
    }
  }

  /** The package is done (filled, or the rest cancelled): whatever it still locks returns to free cash. */
  closePackage(planId: string, unusedByVenue: Readonly<Partial<Record<Venue, number>>>): void {
    this.openPackages.delete(planId);
    for (const [v, unused] of Object.entries(unusedByVenue) as [Venue, number][]) {
      this.locked.set(v, (this.locked.get(v) ?? 0) - unused);
      this.cash.set(v, (this.cash.get(v) ?? 0) + unused);
    }
  }

  /** Notional already held (rebuilt from the order store on start) counts against the caps like a fill. */
  addHeld(leg: { venue: Venue; market: string; eventKey: string | undefined }, notional: number): void {
    const mk = `${leg.venue}:${leg.market}`;
    this.marketNotional.set(mk, (this.marketNotional.get(mk) ?? 0) + notional);
    if (leg.eventKey !== undefined) {
      const ek = `${leg.venue}:${leg.eventKey}`;
      this.eventNotional.set(ek, (this.eventNotional.get(ek) ?? 0) + notional);
    }
  }

  /**
   * With no package open nothing should be locked: whatever is still locked on `venue` is stale (bookkeeping
   * that lost track); drop it. Free cash is then whatever the venue reports (`setFreeCash`). Returns what was
   * released.
   */
  releaseStaleLocks(venue: Venue): number {
    if (this.openPackages.size > 0) return 0;
    const stale = this.locked.get(venue) ?? 0;
    this.locked.set(venue, 0);
    return stale;
  }

  /** Replace a venue's free cash with what the venue reports (balance refresh). */
  setFreeCash(venue: Venue, micros: number): void {
    this.cash.set(venue, micros);
  }

  freeCash(venue: Venue): number {
    return this.cash.get(venue) ?? 0;
  }

  lockedCash(venue: Venue): number {
    return this.locked.get(venue) ?? 0;
  }

  marketRoom(venue: Venue, market: string): number {
    return this.limits.maxNotionalPerMarket - (this.marketNotional.get(`${venue}:${market}`) ?? 0);
  }

  get openCount(): number {
    return this.openPackages.size;
  }
}
