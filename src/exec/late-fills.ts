/**
 * Fills that change after their package is done (a Polymarket trade settles on chain minutes later, or FAILS),
 * for a running engine: the fill feeds that still hold non-final fills are re-read between packages, and a
 * reversal (which the store has already taken back from positions, intent and package: ./fill-feed.ts) is taken
 * back from the run report too, when this run reported its package, and from the risk caps.
 */
import type { Clock, TimerHandle } from '../core/clock.ts';
import type { Venue } from '../core/market.ts';
import { notional } from '../core/units.ts';
import type { ReversalApplied } from './fill-feed.ts';
import { isTerminalPackage } from './lifecycle/package-state.ts';
import type { OrderRunner } from './order-runner.ts';
import type { RunStats } from './run-report.ts';
import type { OrderStore } from './store/order-store.ts';

export interface LateFillsDeps {
  readonly clock: Clock;
  readonly store: OrderStore;
  readonly runner: OrderRunner;
  readonly stats: RunStats;
  readonly venues: () => readonly Venue[];
  /** A package is executing (its own orders read the feeds; the newest package is that one). */
  readonly busy: () => boolean;
  /** Contracts no longer held after all: the caps stop counting their notional (signed, micros). */
  readonly releaseHeld: (venue: Venue, market: string, notionalMicros: number) => void;
  readonly warn?: (message: string, fields?: Record<string, unknown>) => void;
  /** A reversal may have raised safe mode: re-read it. */
  readonly safeModeChanged: () => void;
}

/** A package id's sequence number (`<storeId>-<seq>`); 0 for none. */
const packageSeq = (id: string | undefined): number =>
  id === undefined ? 0 : Number(id.slice(id.lastIndexOf('-') + 1)) || 0;

export class LateFills {
  /** Packages with a higher sequence were executed (and reported) by this run. */
  private readonly seqAtStart: number;
  private timer: TimerHandle | undefined;
  private syncing = false;

  constructor(private readonly deps: LateFillsDeps) {
    this.seqAtStart = this.newestSeq();
    deps.runner.feed.onReversal((r) => this.onReversal(r));
  }

  start(everyMs: number): void {
    this.timer = this.deps.clock.setInterval(() => void this.sync(), everyMs);
  }

  stop(): void {
    this.deps.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private newestSeq(): number {
    return packageSeq(this.deps.store.packages({ limit: 1 })[0]?.id);
  }

  /** Between packages, re-read the feeds that hold fills the venue may still confirm or reverse. */
  private async sync(): Promise<void> {
    if (this.deps.busy() || this.syncing) return;
    this.syncing = true;
    try {
      for (const v of this.deps.venues())
        if (this.deps.runner.feed.pending(v)) await this.deps.runner.syncFills(v);
    } catch {
      // A feed that cannot be read now is read again on the next tick.
    } finally {
      this.syncing = false;
    }
  }

  /**
   * Taken back from the report only if this run reported the package: one from before this run never was, and
   * the package in flight (while busy, the newest) reports what its intents hold when it ends.
   */
  private onReversal(r: ReversalApplied): void {
    const p = r.pkg;
    const seq = p ? packageSeq(p.before.id) : 0;
    const reported =
      p !== undefined &&
      isTerminalPackage(p.before.state) &&
      seq > this.seqAtStart &&
      !(this.deps.busy() && seq === this.newestSeq());
    this.deps.stats.reversal(
      r.venue,
      r.fill,
      reported
        ? {
            before: p.before,
            after: p.after,
            payoutUnits: p.before.payoutUnits,
            expectedEdge: p.before.expectedEdge,
          }
        : undefined,
    );
    this.deps.releaseHeld(
      r.venue,
      r.fill.market,
      (r.fill.side === 'BUY' ? -1 : 1) * notional(r.fill.px, r.fill.qty),
    );
    this.deps.warn?.(
      `${r.venue}: fill ${r.fill.id} (${r.fill.side} ${r.fill.qty / 100} ${r.fill.outcome} ${r.fill.market}) reversed by the venue${p ? `; package ${p.after.id} now ${p.after.state}` : ''}`,
      { fill: r.fill.id, ...(p ? { packageId: p.after.id, state: p.after.state } : {}) },
    );
    this.deps.safeModeChanged();
  }
}
