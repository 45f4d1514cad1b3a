/**
 * Which venues may receive new orders now, and why not: one small pure state machine per venue, fed with the
 * results of the venue's heartbeats (Polymarket's dead-man switch, P2: once started, a heartbeat missing for 10 s
 * (+≤5 s grace) makes the venue cancel every open order). Time is passed in; nothing here reads a clock.
 *
 * Fail closed. A watched venue's gate is open only while
 *   - a beat has been acknowledged, the last one less than `venueTimeoutMs − safetyMarginMs` ago (so new orders
 *     stop well before the venue could start cancelling), and
 *   - fewer than `maxConsecutiveFailures` beats in a row have failed (an explicit refusal is news before the
 *     deadline is).
 * Recovery, once the gate has closed after being open: `recoverBeats` acknowledged beats in a row, then every order
 * the store holds as open on that venue re-checked with the venue (the caller reports that with `reconciled`;
 * orders count as cancelled only once the venue says so). Only then does it open again.
 *
 * Cancels are never gated: only new orders are. A venue that is not watched is always open.
 */
import type { Venue } from '../core/market.ts';

export interface GatePolicy {
  /** How long the venue waits for a heartbeat before cancelling every open order, ms (Polymarket 10 000). */
  readonly venueTimeoutMs: number;
  /** The gate closes this long before that: an acknowledgement older than timeout − margin closes it, ms. */
  readonly safetyMarginMs: number;
  /** Failed beats in a row that close the gate at once. */
  readonly maxConsecutiveFailures: number;
  /** Acknowledged beats in a row needed, after a closure, before open orders are re-checked and it reopens. */
  readonly recoverBeats: number;
}

export const DEFAULT_GATE_POLICY: GatePolicy = {
  venueTimeoutMs: 10_000,
  safetyMarginMs: 3_000,
  maxConsecutiveFailures: 2,
  recoverBeats: 2,
};

export type GateState = { readonly open: true } | { readonly open: false; readonly reason: string };

export interface GateTransition {
  readonly venue: Venue;
  readonly atMs: number;
  readonly open: boolean;
  readonly reason?: string;
}

export interface VenueGateView {
  readonly venue: Venue;
  readonly open: boolean;
  readonly reason?: string;
  readonly lastAckMs?: number;
  readonly beats: { readonly acknowledged: number; readonly failed: number };
  /** Times the gate closed after having been open, and for how long in all (ms, up to `nowMs`). */
  readonly closures: number;
  readonly closedMs: number;
}

interface Watch {
  lastAckMs: number | undefined;
  failures: number;
  lastProblem: string;
  okStreak: number;
  acknowledged: number;
  failed: number;
  /** It closed after being open and has not recovered yet. */
  tripped: boolean;
  reconciled: boolean;
  /** What `observe` last reported, and since when it has been closed (if it was open once). */
  open: boolean;
  closedSinceMs: number | undefined;
  closures: number;
  closedMs: number;
}

const OPEN: GateState = { open: true };

export class VenueGate {
  private readonly watched = new Map<Venue, Watch>();
  private readonly pending: GateTransition[] = [];

  constructor(private readonly policy: GatePolicy = DEFAULT_GATE_POLICY) {}

  /** Require heartbeats for `venue` from now on: its gate is closed until the first one is acknowledged. */
  watch(venue: Venue): void {
    if (this.watched.has(venue)) return;
    this.watched.set(venue, {
      lastAckMs: undefined,
      failures: 0,
      lastProblem: '',
      okStreak: 0,
      acknowledged: 0,
      failed: 0,
      tripped: false,
      reconciled: false,
      open: false,
      closedSinceMs: undefined,
      closures: 0,
      closedMs: 0,
    });
  }

  isWatched(venue: Venue): boolean {
    return this.watched.has(venue);
  }

  /** One heartbeat's outcome. */
  beat(venue: Venue, nowMs: number, ok: boolean, problem = 'refused'): void {
    const w = this.watched.get(venue);
    if (!w) return;
    // Whatever the state was just before this beat is recorded first: a lapse is never hidden by a late ack.
    this.observe(venue, nowMs);
    if (ok) {
      w.lastAckMs = nowMs;
      w.failures = 0;
      w.okStreak++;
      w.acknowledged++;
    } else {
      w.failures++;
      w.okStreak = 0;
      w.failed++;
      w.lastProblem = problem;
    }
    this.observe(venue, nowMs);
  }

  /** The venue's open orders have been re-checked with it since the gate closed. */
  reconciled(venue: Venue, nowMs: number): void {
    const w = this.watched.get(venue);
    if (!w || !w.tripped) return;
    w.reconciled = true;
    this.observe(venue, nowMs);
  }

  /** The gate closed and the heartbeats are healthy again: the open orders must be re-checked before it opens. */
  needsReconcile(venue: Venue, nowMs: number): boolean {
    const w = this.watched.get(venue);
    return !!w && w.tripped && !w.reconciled && this.health(w, nowMs) === undefined && this.streakDone(w);
  }

  /** May `venue` receive a new order now? */
  check(venue: Venue, nowMs: number): GateState {
    const w = this.watched.get(venue);
    if (!w) return OPEN;
    this.observe(venue, nowMs);
    return this.state(w, nowMs);
  }

  /** Re-evaluate every watched venue at `nowMs` (a lapse is noticed even when no beat comes back). */
  observeAll(nowMs: number): void {
    for (const v of this.watched.keys()) this.observe(v, nowMs);
  }

  /** Transitions since the last call, oldest first. */
  drain(): GateTransition[] {
    return this.pending.splice(0);
  }

  view(nowMs: number): VenueGateView[] {
    return [...this.watched.entries()].map(([venue, w]) => {
      const s = this.state(w, nowMs);
      return {
        venue,
        open: s.open,
        ...(s.open ? {} : { reason: s.reason }),
        ...(w.lastAckMs === undefined ? {} : { lastAckMs: w.lastAckMs }),
        beats: { acknowledged: w.acknowledged, failed: w.failed },
        closures: w.closures,
        closedMs: w.closedMs + (w.closedSinceMs === undefined ? 0 : nowMs - w.closedSinceMs),
      };
    });
  }

  private streakDone(w: Watch): boolean {
    return w.okStreak >= this.policy.recoverBeats;
  }

  /** Why the heartbeats themselves are not healthy now, or undefined. */
  private health(w: Watch, nowMs: number): string | undefined {
    const { venueTimeoutMs, safetyMarginMs, maxConsecutiveFailures } = this.policy;
    if (w.lastAckMs === undefined)
      return w.failures > 0
        ? `no heartbeat acknowledged yet (${w.lastProblem})`
        : 'no heartbeat acknowledged yet';
    if (w.failures >= maxConsecutiveFailures)
      return `${w.failures} heartbeats failed in a row (last: ${w.lastProblem})`;
    const age = nowMs - w.lastAckMs;
    const limit = venueTimeoutMs - safetyMarginMs;
    if (age > limit)
      return `last heartbeat acknowledged ${age} ms ago (limit ${limit} ms; the venue cancels every open order after ${venueTimeoutMs} ms)`;
    return undefined;
  }

  private state(w: Watch, nowMs: number): GateState {
    const unhealthy = this.health(w, nowMs);
    if (unhealthy) return { open: false, reason: unhealthy };
    if (w.tripped && !this.streakDone(w))
      return {
        open: false,
        reason: `recovering: ${w.okStreak}/${this.policy.recoverBeats} heartbeats acknowledged since the failure`,
      };
    if (w.tripped && !w.reconciled)
      return { open: false, reason: 'recovering: open orders not yet re-checked with the venue' };
    return OPEN;
  }

  private observe(venue: Venue, nowMs: number): void {
    const w = this.watched.get(venue)!;
    const s = this.state(w, nowMs);
    if (w.open && !s.open) {
      w.tripped = true;
      w.reconciled = false;
      w.okStreak = 0;
      w.closures++;
      w.closedSinceMs = nowMs;
      // The reason as it stands once tripped (the recovery wording would hide why it closed).
      const why = this.health(w, nowMs) ?? s.reason;
      this.pending.push({ venue, atMs: nowMs, open: false, reason: why });
    } else if (!w.open && s.open) {
      w.tripped = false;
      if (w.closedSinceMs !== undefined) w.closedMs += nowMs - w.closedSinceMs;
      w.closedSinceMs = undefined;
      this.pending.push({ venue, atMs: nowMs, open: true });
    }
    w.open = s.open;
  }
}
