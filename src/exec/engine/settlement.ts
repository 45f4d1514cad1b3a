/**
 * What a finished package does: the run report counts it (status, fills, fees, PnL, legging), the risk book
 * records what filled against the caps and returns what the plan locked but did not spend, and the venues' own
 * balances replace the book's idea of free cash. Between packages, the periodic balance refresh re-reads the
 * late fills and each venue's cash, and releases capital still locked when nothing is in flight (bookkeeping
 * that lost track of a package).
 */
import type { Clock } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import { asMicros, type Micros } from '../../core/units.ts';
import type { Opportunity } from '../../hot/index.ts';
import type { RiskBook } from '../../risk/index.ts';
import type { VenueAdapter } from '../../venues/venue.ts';
import type { OrderRunner } from '../order-runner.ts';
import type { PackageResult } from '../package-types.ts';
import type { RunStats } from '../run-report.ts';
import type { OrderStore } from '../store/order-store.ts';
import type { MarketData } from './market-data.ts';
import type { EnginePlan } from './planning.ts';
import type { EngineEvents } from './types.ts';

export interface SettlementOptions {
  readonly venues: readonly [Venue, VenueAdapter][];
  readonly clock: Clock;
  readonly store: OrderStore;
  readonly stats: RunStats;
  readonly events: EngineEvents | undefined;
  readonly risk: RiskBook;
  readonly market: MarketData;
  readonly runner: OrderRunner;
  /** A package is in flight or the engine is stopping: the balance refresh leaves the book alone. */
  readonly busy: () => boolean;
}

export class Settlement {
  constructor(private readonly o: SettlementOptions) {}

  /** A package came to rest: the report, the risk book (what it spent and holds), the venues' cash. */
  async packageDone(result: PackageResult, plan: EnginePlan, opportunity: Opportunity): Promise<void> {
    const { stats, risk } = this.o;
    stats.legging(result);
    for (const f of result.fills) stats.fill(f.venue, f.fee);
    stats.fills.partial += result.legs.filter(
      (l) => l.requested > 0 && l.filled > 0 && l.filled < l.requested,
    ).length;
    if (result.status !== 'unknown') stats.packages[result.status]++;
    stats.expectedMicros += result.expectedMicros;
    stats.realizedMicros += result.realizedMicros;
    stats.unwindLossMicros += Math.max(0, result.unwind.loss);
    // Return what the plan locked but did not spend; record what filled against the caps.
    const spent = new Map<Venue, number>();
    for (const l of result.legs) {
      if (l.requested <= 0) continue;
      spent.set(l.leg.venue, (spent.get(l.leg.venue) ?? 0) + l.cost + l.fees);
      risk.recordFill(
        {
          venue: l.leg.venue,
          market: l.leg.market,
          eventKey: this.o.market.eventKey(l.leg.venue, l.leg.market),
        },
        asMicros(l.cost),
        asMicros(l.cost + l.fees),
      );
    }
    const unused: Partial<Record<Venue, Micros>> = {};
    for (const leg of plan.risk.legs) unused[leg.venue] = asMicros((unused[leg.venue] ?? 0) + leg.cash);
    for (const [v, s] of spent) unused[v] = asMicros((unused[v] ?? 0) - s);
    risk.closePackage(plan.risk.id, unused);
    // Unwinds return cash too; the venue's own balance is the truth.
    for (const [v, adapter] of this.o.venues) {
      const b = await adapter.balance();
      if (b.ok) risk.setFreeCash(v, b.value);
    }
    this.o.events?.packageDone?.(result, opportunity);
  }

  /**
   * Balance refresh: re-read each venue's free cash; with no package in flight nothing should be locked, so any
   * capital still locked is stale (a package the engine lost track of) and is released to what the venue says.
   */
  async refreshBalances(): Promise<void> {
    const { busy, risk, store } = this.o;
    if (busy()) return;
    for (const [v, adapter] of this.o.venues) {
      // Fills the venue reports late (an order whose outcome was unknown, found after its package closed) are
      // read even when nothing trades: a closed package they change is re-evaluated (unhedged → safe mode).
      await this.o.runner.syncFills(v);
      if (busy()) continue;
      const b = await adapter.balance();
      if (!b.ok || busy()) continue;
      const now = Math.floor(this.o.clock.now());
      store.setBalance(now, v, b.value);
      const stale = risk.releaseStaleLocks(v);
      if (stale !== 0) store.log(now, 'stale_lock_released', { micros: stale }, { venue: v });
      risk.setFreeCash(v, b.value);
    }
  }
}
