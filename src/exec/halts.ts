/**
 * Why new packages may not open now: one registry every control writes into (the kill switch, the daily loss
 * cap, consecutive failures, data health, the venues' dead-man switches stay in ./venue-gate.ts). The scheduler
 * asks one question, `blockedFor(venues)`, so a new control never touches it; `arb status` shows `view()`.
 *
 * A halt has a source (who set it: `kill`, `loss_cap`, `failures`, `data_health`, …), a scope (every venue, or
 * one) and a strength: `pause` (no new packages; packages in flight finish or unwind as usual, and it may lift by
 * itself, e.g. data health recovers) or `halt` (the same for new packages, but only an operator lifts it). The
 * `trading` state is `halted` when any halt is set, `paused` when only pauses are, else `running`. Pure state: no
 * clock, no I/O (the callers pass `nowMs`), so every control tests without an engine.
 */
import type { Venue } from '../core/market.ts';

export type HaltStrength = 'pause' | 'halt';
export type TradingState = 'running' | 'paused' | 'halted';

export interface Halt {
  /** Who set it: one halt per source and scope (setting it again replaces it). */
  readonly source: string;
  /** The venue it applies to; undefined: every venue. */
  readonly venue: Venue | undefined;
  readonly strength: HaltStrength;
  /** Why, for people: shown in `arb status` (`haltReasons`) and logged. */
  readonly reason: string;
  readonly sinceMs: number;
}

export interface HaltChange {
  readonly kind: 'set' | 'lifted';
  readonly halt: Halt;
}

const keyOf = (source: string, venue: Venue | undefined): string => `${source}:${venue ?? '*'}`;

export class Halts {
  private readonly halts = new Map<string, Halt>();

  /** `onChange`: a halt was set (or its reason or strength changed) or lifted: log it, re-run the scheduler. */
  constructor(private readonly onChange: (c: HaltChange) => void = () => {}) {}

  /** Set (or replace) the halt of `source` on `venue` (undefined: every venue). Idempotent. */
  set(source: string, venue: Venue | undefined, strength: HaltStrength, reason: string, nowMs: number): void {
    const key = keyOf(source, venue);
    const before = this.halts.get(key);
    if (before && before.strength === strength && before.reason === reason) return;
    const halt: Halt = { source, venue, strength, reason, sinceMs: before?.sinceMs ?? nowMs };
    this.halts.set(key, halt);
    this.onChange({ kind: 'set', halt });
  }

  /** Lift the halt of `source` on `venue`; nothing when none is set. */
  lift(source: string, venue: Venue | undefined): void {
    const key = keyOf(source, venue);
    const halt = this.halts.get(key);
    if (!halt) return;
    this.halts.delete(key);
    this.onChange({ kind: 'lifted', halt });
  }

  /** Lift every halt `source` set, on any venue. */
  liftAll(source: string): void {
    for (const h of [...this.halts.values()]) if (h.source === source) this.lift(source, h.venue);
  }

  /** Why a new package on these venues may not open now (the first halt that applies), or undefined. */
  blockedFor(venues: readonly Venue[]): Halt | undefined {
    for (const h of this.halts.values()) if (h.venue === undefined || venues.includes(h.venue)) return h;
    return undefined;
  }

  /** Is a halt of `source` set (on `venue`, or on any scope when `venue` is omitted)? */
  has(source: string, venue?: Venue): boolean {
    if (venue !== undefined) return this.halts.has(keyOf(source, venue));
    for (const h of this.halts.values()) if (h.source === source) return true;
    return false;
  }

  get state(): TradingState {
    let paused = false;
    for (const h of this.halts.values()) {
      if (h.strength === 'halt') return 'halted';
      paused = true;
    }
    return paused ? 'paused' : 'running';
  }

  /** Every halt, oldest first. */
  view(): Halt[] {
    return [...this.halts.values()].sort((a, b) => a.sinceMs - b.sinceMs || (a.source < b.source ? -1 : 1));
  }

  /** One line per halt, as `arb status` lists them: `kill (kalshi): operator: "maintenance"`. */
  reasons(): string[] {
    return this.view().map((h) => `${h.source}${h.venue ? ` (${h.venue})` : ''}: ${h.reason}`);
  }
}
