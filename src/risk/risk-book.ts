/**
 * The risk book: what the engine has committed (cash locked by open packages, notional held per market and per
 * event, packages open) and the pre-trade check against it. A plan (a sized package) passes `precheck` only if
 * every venue has the cash, no market or event goes over its exposure cap, the number of open packages stays
 * under the limit and the edge after fees clears the minimum; a denial names every reason (./denial.ts).
 * `commit`, `recordFill` and `closePackage` keep the running state, so the check always sees what is already
 * committed. Pure: no I/O, no clock.
 *
 * Money is `Micros` throughout, and every sum goes through `asMicros`: a NaN or an unsafe integer reaching the
 * book is a bug, and must stop here rather than make a cap comparison quietly false.
 */
import type { Venue } from '../core/market.ts';
import { asMicros, type Micros } from '../core/units.ts';
import type { Denial, PrecheckResult } from './denial.ts';

export interface RiskLimits {
  /** Notional per market. */
  readonly maxNotionalPerMarket: Micros;
  /** Notional per event (all markets of one event on one venue). */
  readonly maxNotionalPerEvent: Micros;
  readonly maxOpenPackages: number;
  /** Minimum edge after fees, basis points of cost. */
  readonly minEdgeBps: number;
}

export interface PlanLeg {
  readonly venue: Venue;
  readonly market: string;
  readonly eventKey: string | undefined;
  /** Cash this leg needs: notional + fee. */
  readonly cash: Micros;
  /** Notional that counts against the market and event caps. */
  readonly notional: Micros;
}

export interface Plan {
  readonly id: string;
  readonly legs: readonly PlanLeg[];
  /** Edge after fees. */
  readonly edge: Micros;
  /** Cost including fees. */
  readonly cost: Micros;
}

/** Where a fill or a held position counts: its market and, when known, its event, on one venue. */
export interface HeldLeg {
  readonly venue: Venue;
  readonly market: string;
  readonly eventKey: string | undefined;
}

const ZERO = asMicros(0);

/** `map[key] += by`, checked. */
function add<K>(map: Map<K, Micros>, key: K, by: number): void {
  map.set(key, asMicros((map.get(key) ?? ZERO) + by));
}

export class RiskBook {
  /** Free cash per venue (not locked by open orders). */
  private readonly cash = new Map<Venue, Micros>();
  /** Cash locked by open orders per venue. */
  private readonly locked = new Map<Venue, Micros>();
  private readonly marketNotional = new Map<string, Micros>();
  private readonly eventNotional = new Map<string, Micros>();
  private readonly openPackages = new Set<string>();
  private readonly planned = new Set<string>();

  constructor(
    private readonly limits: RiskLimits,
    cashByVenue: Readonly<Partial<Record<Venue, Micros>>>,
  ) {
    for (const [v, c] of Object.entries(cashByVenue) as [Venue, Micros][]) this.cash.set(v, c);
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
    const needByVenue = new Map<Venue, Micros>();
    const addMarket = new Map<string, Micros>();
    const addEvent = new Map<string, Micros>();
    for (const l of plan.legs) {
      add(needByVenue, l.venue, l.cash);
      add(addMarket, `${l.venue}:${l.market}`, l.notional);
      if (l.eventKey !== undefined) add(addEvent, `${l.venue}:${l.eventKey}`, l.notional);
    }
    for (const [venue, need] of needByVenue) {
      const free = this.freeCash(venue);
      if (need > free) denials.push({ code: 'CASH', venue, need, free });
    }
    const cap = { market: this.limits.maxNotionalPerMarket, event: this.limits.maxNotionalPerEvent };
    for (const [market, more] of addMarket) {
      const after = asMicros((this.marketNotional.get(market) ?? 0) + more);
      if (after > cap.market) denials.push({ code: 'MARKET_CAP', market, after, cap: cap.market });
    }
    for (const [event, more] of addEvent) {
      const after = asMicros((this.eventNotional.get(event) ?? 0) + more);
      if (after > cap.event) denials.push({ code: 'EVENT_CAP', event, after, cap: cap.event });
    }
    return denials.length === 0 ? { ok: true } : { ok: false, denials };
  }

  /** An allowed plan is committed: its cash is locked and its package counts as open. */
  commit(plan: Plan): void {
    this.planned.add(plan.id);
    this.openPackages.add(plan.id);
    for (const l of plan.legs) {
      add(this.cash, l.venue, -l.cash);
      add(this.locked, l.venue, l.cash);
    }
  }

  /**
   * A fill happened: `paid` (notional + fee actually charged) leaves the locked cash; the filled notional counts
   * against the market and event caps. Over-locking is released when the package closes.
   */
  recordFill(leg: HeldLeg, notional: Micros, paid: Micros): void {
    add(this.locked, leg.venue, -paid);
    this.addHeld(leg, notional);
  }

  /** The package is done (filled, or the rest cancelled): whatever it still locks returns to free cash. */
  closePackage(planId: string, unusedByVenue: Readonly<Partial<Record<Venue, Micros>>>): void {
    this.openPackages.delete(planId);
    for (const [v, unused] of Object.entries(unusedByVenue) as [Venue, Micros][]) {
      add(this.locked, v, -unused);
      add(this.cash, v, unused);
    }
  }

  /** Notional already held (rebuilt from the order store on start) counts against the caps like a fill. */
  addHeld(leg: HeldLeg, notional: Micros): void {
    add(this.marketNotional, `${leg.venue}:${leg.market}`, notional);
    if (leg.eventKey !== undefined) add(this.eventNotional, `${leg.venue}:${leg.eventKey}`, notional);
  }

  /**
   * With no package open nothing should be locked: whatever is still locked on `venue` is stale (bookkeeping
   * that lost track); drop it. Free cash is then whatever the venue reports (`setFreeCash`). Returns what was
   * released.
   */
  releaseStaleLocks(venue: Venue): Micros {
    if (this.openPackages.size > 0) return ZERO;
    const stale = this.lockedCash(venue);
    this.locked.set(venue, ZERO);
    return stale;
  }

  /** Replace a venue's free cash with what the venue reports (balance refresh). */
  setFreeCash(venue: Venue, micros: Micros): void {
    this.cash.set(venue, micros);
  }

  freeCash(venue: Venue): Micros {
    return this.cash.get(venue) ?? ZERO;
  }

  lockedCash(venue: Venue): Micros {
    return this.locked.get(venue) ?? ZERO;
  }

  marketRoom(venue: Venue, market: string): Micros {
    return asMicros(this.limits.maxNotionalPerMarket - (this.marketNotional.get(`${venue}:${market}`) ?? 0));
  }

  get openCount(): number {
    return this.openPackages.size;
  }
}
