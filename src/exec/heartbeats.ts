/**
 * Runs the venues' dead-man switches (Polymarket heartbeats) for a live engine and keeps the venue gate
 * (./venue-gate.ts) fed: every beat's outcome goes into the gate, the gate is re-evaluated on a short tick (a
 * lapse is noticed even when a beat never returns), and once heartbeats work again after a closure the venue's
 * open orders are re-checked with the venue before the gate reopens. Every transition is logged in the store's
 * event log (`venue_gate`), and the gates' current view is kept in the store's meta (`venue_gates`) for
 * `arb status`.
 *
 * Venues whose adapter has no heartbeats (Kalshi, paper venues) are not watched: their gate is always open.
 */
import type { Clock, TimerHandle } from '../core/clock.ts';
import type { Venue } from '../core/market.ts';
import type { VenueAdapter } from '../venues/venue.ts';
import type { OrderRunner } from './order-runner.ts';
import type { OrderStore } from './store/order-store.ts';
import { type GatePolicy, type GateTransition, VenueGate, type VenueGateView } from './venue-gate.ts';

export interface HeartbeatSettings {
  /** How often a beat is sent, ms (well under the venue's timeout). */
  readonly everyMs: number;
  readonly policy: GatePolicy;
}

export interface HeartbeatSupervisorDeps {
  readonly venues: readonly (readonly [Venue, VenueAdapter])[];
  readonly clock: Clock;
  readonly store: OrderStore;
  readonly runner: OrderRunner;
  readonly settings: HeartbeatSettings;
  /** A gate opened or closed. */
  readonly onTransition?: (t: GateTransition) => void;
}

/** How often the gates are re-evaluated between beats, ms. */
const TICK_MS = 500;

export class HeartbeatSupervisor {
  readonly gate: VenueGate;
  private timer: TimerHandle | undefined;
  private reconciling = new Set<Venue>();
  private readonly firstOpen = new Map<Venue, () => void>();
  private stopped = false;

  constructor(private readonly deps: HeartbeatSupervisorDeps) {
    this.gate = new VenueGate(deps.settings.policy);
  }

  private now(): number {
    return Math.floor(this.deps.clock.now());
  }

  /** Venues with a dead-man switch. */
  get watched(): Venue[] {
    return this.deps.venues.filter(([v]) => this.gate.isWatched(v)).map(([v]) => v);
  }

  /** Start every venue's heartbeats (their gates stay closed until the first beat is acknowledged). */
  start(): void {
    for (const [v, adapter] of this.deps.venues) {
      if (!adapter.startHeartbeats) continue;
      this.gate.watch(v);
      adapter.startHeartbeats(this.deps.settings.everyMs, (ok, problem) => {
        if (this.stopped) return;
        this.gate.beat(v, this.now(), ok, problem);
        this.publish();
        this.writeView();
      });
    }
    if (this.watched.length > 0) this.timer = this.deps.clock.setInterval(() => this.tick(), TICK_MS);
    this.publish();
  }

  /** Resolves once `venue`'s gate is open (its first beat acknowledged). */
  firstBeat(venue: Venue): Promise<void> {
    if (this.gate.check(venue, this.now()).open) return Promise.resolve();
    return new Promise((resolve) => this.firstOpen.set(venue, resolve));
  }

  /** Why new orders may not go to `venue` now, or undefined when they may. */
  closedReason(venue: Venue): string | undefined {
    const s = this.gate.check(venue, this.now());
    this.publish();
    return s.open ? undefined : s.reason;
  }

  /** May a package with legs on these venues be opened now? */
  openFor(venues: readonly Venue[]): boolean {
    return venues.every((v) => this.closedReason(v) === undefined);
  }

  view(): VenueGateView[] {
    return this.gate.view(this.now());
  }

  /** Stop beating (the engine has cancelled what was open): the venue's switch is then no longer armed by us. */
  stop(): void {
    this.stopped = true;
    this.deps.clock.clearTimer(this.timer);
    this.timer = undefined;
    for (const [v, adapter] of this.deps.venues) if (this.gate.isWatched(v)) adapter.stopHeartbeats?.();
    this.writeView();
  }

  private tick(): void {
    const now = this.now();
    this.gate.observeAll(now);
    for (const v of this.watched)
      if (this.gate.needsReconcile(v, now) && !this.reconciling.has(v)) void this.reconcile(v);
    this.publish();
  }

  /** Heartbeats work again: ask the venue about every order the store holds as open there, then reopen. */
  private async reconcile(venue: Venue): Promise<void> {
    this.reconciling.add(venue);
    try {
      // A failure to ask (the venue unreachable, the store closing) is "not answered": asked again next tick.
      const answered = await this.deps.runner.refreshOpenOrders(venue).catch(() => false);
      this.deps.store.log(this.now(), 'venue_gate_reconcile', { answered }, { venue });
      if (answered && !this.stopped) this.gate.reconciled(venue, this.now());
    } finally {
      this.reconciling.delete(venue);
    }
    this.publish();
  }

  private publish(): void {
    const transitions = this.gate.drain();
    for (const t of transitions) {
      this.deps.store.log(
        t.atMs,
        'venue_gate',
        { open: t.open, ...(t.reason ? { reason: t.reason } : {}) },
        { venue: t.venue },
      );
      this.deps.onTransition?.(t);
    }
    if (transitions.length > 0) this.writeView();
    for (const [v, resolve] of this.firstOpen)
      if (this.gate.check(v, this.now()).open) {
        this.firstOpen.delete(v);
        resolve();
      }
  }

  /** The gates as they stand, for `arb status` (which reads only the store). */
  private writeView(): void {
    if (this.watched.length === 0) return;
    this.deps.store.setMeta('venue_gates', JSON.stringify({ atMs: this.now(), venues: this.view() }));
  }
}
