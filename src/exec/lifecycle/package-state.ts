/**
 * The package state machine: a multi-leg intent from plan to flat or hedged.
 *
 *   planned ─leg_sent─▶ legging ─leg_done…─▶ (every leg done, or abort)
 *        ├─▶ hedged     every leg holds the full size
 *        ├─▶ missed     nothing filled anywhere
 *        ├─▶ partial    the legs hold the same smaller size: hedged, nothing naked
 *        └─▶ exposed    some leg holds more than another: naked contracts
 *   exposed ─complete_sent─▶ completing ─leg_done─▶ (re-evaluated as above)
 *   exposed ─unwind_sent─▶ unwinding ─unwind_done…─▶ unwound / partial (flat again), or stays unwinding
 *   unwinding|exposed|completing ─give_up─▶ unhedged   exposure the engine could not remove: safe mode
 *   legging|exposed|unwinding|completing ─recovered─▶ (re-evaluated; unhedged if exposure is left)
 *   hedged|partial|unwound|missed|unhedged ─reversal─▶ (re-evaluated with what the intents now hold: a fill a
 *     venue undid (Polymarket trade FAILED) can leave a hedged package naked → unhedged, safe mode)
 *
 * Quantities are per leg, in Qty. `bought[i]` is what leg i's buys (first try plus completions) filled;
 * `sold[i]` what unwinds of leg i sold. The hedged size is min(bought − sold) over the legs; anything above it
 * is exposure. Events for a leg that does not exist, or that make no sense in the current state, are anomalies:
 * recorded and ignored, never thrown.
 */
import type { Transition, TransitionEffect } from './order-state.ts';

export const PACKAGE_STATES = [
  'planned',
  'legging',
  'completing',
  'exposed',
  'unwinding',
  'hedged',
  'partial',
  'unwound',
  'missed',
  'unhedged',
] as const;
export type PackageState = (typeof PACKAGE_STATES)[number];

/** The executor is done with it (unhedged still needs an operator: see safe mode). */
export const TERMINAL_PACKAGE_STATES: ReadonlySet<PackageState> = new Set([
  'hedged',
  'partial',
  'unwound',
  'missed',
  'unhedged',
]);

export type PackageEvent =
  | { readonly type: 'leg_sent'; readonly leg: number }
  /** `key`: the order's client order id, so a re-delivered result is recognised and counted once. */
  | { readonly type: 'leg_done'; readonly leg: number; readonly filled: number; readonly key: string }
  /** Stop legging (a later leg's quote moved, the leg gap ran out): evaluate what is held. */
  | { readonly type: 'abort'; readonly reason: string }
  | { readonly type: 'complete_sent'; readonly leg: number }
  | { readonly type: 'unwind_sent'; readonly leg: number }
  | { readonly type: 'unwind_done'; readonly leg: number; readonly sold: number; readonly key: string }
  /** The engine cannot remove the exposure (unwind fell short, venue unreachable). */
  | { readonly type: 'give_up'; readonly reason: string }
  /**
   * A fill of the package was reversed: the legs' quantities as its intents now hold them. Applied to a finished
   * package; one in flight is re-checked when it finishes (the executor's own events carry its intents' fills).
   */
  | { readonly type: 'reversal'; readonly bought: readonly number[]; readonly sold: readonly number[] }
  /** Startup recovery: the legs' quantities as the venues report them now; the package cannot continue. */
  | {
      readonly type: 'recovered';
      readonly bought: readonly number[];
      readonly sold: readonly number[];
    };

export type PackageEventType = PackageEvent['type'];

export interface PackageSnapshot {
  readonly state: PackageState;
  readonly qty: number;
  readonly legs: number;
  readonly bought: readonly number[];
  readonly sold: readonly number[];
  /** Legs whose first buy is done. */
  readonly done: readonly boolean[];
  /**
   * Keys (client order ids) of the leg and unwind results already counted: replaying the event log, or a result
   * delivered twice, changes nothing the second time.
   */
  readonly applied: readonly string[];
  readonly reason?: string;
}

export function newPackage(qty: number, legs: number): PackageSnapshot {
  return {
    state: 'planned',
    qty,
    legs,
    bought: Array<number>(legs).fill(0),
    sold: Array<number>(legs).fill(0),
    done: Array<boolean>(legs).fill(false),
    applied: [],
  };
}

/** Contracts held on every leg. */
export const hedgedQty = (p: Pick<PackageSnapshot, 'bought' | 'sold'>): number =>
  p.bought.length === 0 ? 0 : Math.max(0, Math.min(...p.bought.map((b, i) => b - p.sold[i]!)));

/** Naked contracts per leg: held beyond the hedged size. */
export const exposure = (p: Pick<PackageSnapshot, 'bought' | 'sold'>): number[] => {
  const h = hedgedQty(p);
  return p.bought.map((b, i) => Math.max(0, b - p.sold[i]! - h));
};

/** Where a package with these quantities stands once nothing is in flight. */
export function evaluate(p: Pick<PackageSnapshot, 'qty' | 'bought' | 'sold'>): PackageState {
  const naked = exposure(p).some((x) => x > 0);
  if (naked) return 'exposed';
  const h = hedgedQty(p);
  if (h >= p.qty) return 'hedged';
  if (h > 0) return 'partial';
  return p.bought.some((b) => b > 0) ? 'unwound' : 'missed';
}

const same = (s: PackageSnapshot, effect: TransitionEffect, why?: string): Transition<PackageSnapshot> => ({
  next: s,
  effect,
  ...(why ? { why } : {}),
});
const to = (s: PackageSnapshot, patch: Partial<PackageSnapshot>): Transition<PackageSnapshot> => ({
  next: { ...s, ...patch },
  effect: 'applied',
});
const setAt = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, k) => (k === i ? v : x));
const badLeg = (s: PackageSnapshot, leg: number): boolean =>
  !(Number.isInteger(leg) && leg >= 0 && leg < s.legs);

type Handler<E extends PackageEvent> = (s: PackageSnapshot, e: E) => Transition<PackageSnapshot>;
type Table = { readonly [K in PackageEventType]: Handler<Extract<PackageEvent, { type: K }>> };

const TABLE: Table = {
  leg_sent: (s, e) => {
    if (badLeg(s, e.leg)) return same(s, 'anomaly', `no leg ${e.leg}`);
    if (s.state !== 'planned' && s.state !== 'legging')
      return same(s, 'anomaly', `leg ${e.leg} sent while ${s.state}`);
    if (s.done[e.leg]) return same(s, 'duplicate');
    return s.state === 'legging' ? same(s, 'duplicate') : to(s, { state: 'legging' });
  },
  leg_done: (s, e) => {
    if (badLeg(s, e.leg)) return same(s, 'anomaly', `no leg ${e.leg}`);
    if (s.applied.includes(e.key)) return same(s, 'duplicate');
    const applied = [...s.applied, e.key];
    if (s.state === 'completing') {
      const next = { ...s, applied, bought: setAt(s.bought, e.leg, s.bought[e.leg]! + e.filled) };
      return to(next, { state: evaluate(next) });
    }
    if (s.state !== 'legging') return same(s, 'anomaly', `leg ${e.leg} done while ${s.state}`);
    if (s.done[e.leg]) return same(s, 'duplicate');
    const next = {
      ...s,
      applied,
      bought: setAt(s.bought, e.leg, e.filled),
      done: setAt(s.done, e.leg, true),
    };
    // Legs go in order, each sized to what the last filled: a leg that fills nothing ends the legging.
    const finished = next.done.every(Boolean) || e.filled === 0;
    return to(next, { state: finished ? evaluate(next) : 'legging' });
  },
  abort: (s, e) => {
    if (s.state !== 'legging' && s.state !== 'planned') return same(s, 'anomaly', `abort while ${s.state}`);
    return to(s, { state: evaluate(s), reason: e.reason });
  },
  complete_sent: (s, e) => {
    if (badLeg(s, e.leg)) return same(s, 'anomaly', `no leg ${e.leg}`);
    if (s.state === 'completing') return same(s, 'duplicate');
    if (s.state !== 'exposed') return same(s, 'anomaly', `completion sent while ${s.state}`);
    return to(s, { state: 'completing' });
  },
  unwind_sent: (s, e) => {
    if (badLeg(s, e.leg)) return same(s, 'anomaly', `no leg ${e.leg}`);
    if (s.state === 'unwinding') return same(s, 'duplicate');
    if (s.state !== 'exposed') return same(s, 'anomaly', `unwind sent while ${s.state}`);
    return to(s, { state: 'unwinding' });
  },
  unwind_done: (s, e) => {
    if (badLeg(s, e.leg)) return same(s, 'anomaly', `no leg ${e.leg}`);
    if (s.applied.includes(e.key)) return same(s, 'duplicate');
    if (s.state !== 'unwinding') return same(s, 'anomaly', `unwind done while ${s.state}`);
    const next = {
      ...s,
      applied: [...s.applied, e.key],
      sold: setAt(s.sold, e.leg, s.sold[e.leg]! + e.sold),
    };
    const state = evaluate(next);
    return to(next, { state: state === 'exposed' ? 'unwinding' : state });
  },
  give_up: (s, e) => {
    if (s.state === 'unhedged') return same(s, 'duplicate');
    if (s.state !== 'exposed' && s.state !== 'unwinding' && s.state !== 'completing')
      return same(s, 'anomaly', `give up while ${s.state}`);
    return to(s, { state: evaluate(s) === 'exposed' ? 'unhedged' : evaluate(s), reason: e.reason });
  },
  reversal: (s, e) => {
    if (e.bought.length !== s.legs || e.sold.length !== s.legs)
      return same(s, 'anomaly', `reversal with ${e.bought.length} legs, package has ${s.legs}`);
    if (!TERMINAL_PACKAGE_STATES.has(s.state))
      return same(s, 'stale', `in flight (${s.state}): re-checked when it finishes`);
    if (e.bought.every((b, i) => b === s.bought[i]) && e.sold.every((x, i) => x === s.sold[i]))
      return same(s, 'duplicate');
    const next = { ...s, bought: [...e.bought], sold: [...e.sold] };
    const state = evaluate(next);
    return state === 'exposed'
      ? to(next, { state: 'unhedged', reason: 'a fill was reversed (trade FAILED): naked contracts' })
      : to(next, { state });
  },
  recovered: (s, e) => {
    if (e.bought.length !== s.legs || e.sold.length !== s.legs)
      return same(s, 'anomaly', `recovered with ${e.bought.length} legs, package has ${s.legs}`);
    if (TERMINAL_PACKAGE_STATES.has(s.state)) {
      // A finished package: the venues' quantities matter only if they disagree (a late fill of an order whose
      // outcome was unknown, found after the package closed). Exposure then is unhedged: safe mode.
      const next = { ...s, bought: [...e.bought], sold: [...e.sold] };
      const state = evaluate(next);
      if (state === 'exposed')
        return to(next, { state: 'unhedged', reason: 'exposure found after the package closed' });
      if (s.state === 'unhedged') return to(next, { state });
      const same_ = e.bought.every((b, k) => b === s.bought[k]) && e.sold.every((x, k) => x === s.sold[k]);
      return same_ ? same(s, 'stale') : to(next, { state });
    }
    const next = { ...s, bought: [...e.bought], sold: [...e.sold], done: s.done.map(() => true) };
    const state = evaluate(next);
    return to(next, {
      state: state === 'exposed' ? 'unhedged' : state,
      ...(state === 'exposed' ? { reason: 'interrupted with exposure (recovered after a restart)' } : {}),
    });
  },
};

export function packageTransition(s: PackageSnapshot, e: PackageEvent): Transition<PackageSnapshot> {
  const handler = TABLE[e.type] as Handler<PackageEvent>;
  return handler(s, e);
}

export const isTerminalPackage = (s: PackageState): boolean => TERMINAL_PACKAGE_STATES.has(s);
