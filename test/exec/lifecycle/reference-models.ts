/**
 * Small reference models for the order and package state machines, written from the spec in the headers of
 * src/exec/lifecycle/*.ts and deliberately shaped differently from the machines (facts and sets instead of a
 * transition table), so the property tests compare two independent readings of the same spec.
 */
import type { OrderEvent, OrderState } from '../../../src/exec/lifecycle/order-state.ts';
import type { PackageState } from '../../../src/exec/lifecycle/package-state.ts';
import type { VenueOrderStatus } from '../../../src/venues/venue.ts';

// ---- order: from the set of facts seen ---------------------------------------------------------------

export interface OrderOutcome {
  readonly state: OrderState;
  readonly filled: number;
}

/** A known order's state from its quantities and the statuses the venue ever claimed. */
function settled(
  qty: number,
  filled: number,
  said: ReadonlySet<VenueOrderStatus>,
  close?: string,
): OrderState {
  if (said.has('filled') || filled >= qty) return 'filled';
  if (close === 'cancelled' || close === 'expired') return close;
  return filled > 0 ? 'partially_filled' : 'open';
}

/**
 * The final state of an order whose events come from one consistent venue truth, in any order and with any
 * repeats. Only which facts were seen matters, never their order: that is the point of the property.
 */
export function expectedOrder(qty: number, events: readonly OrderEvent[]): OrderOutcome {
  const seen = new Set(events.map((e) => e.type));
  if (seen.has('rejected')) return { state: 'rejected', filled: 0 };
  if (seen.has('not_found')) return { state: 'void', filled: 0 };
  const fills = new Map<string, number>();
  const said = new Set<VenueOrderStatus>();
  let reported = 0;
  for (const e of events) {
    if (e.type === 'fill') fills.set(e.fillId, e.qty);
    if (e.type === 'report') {
      said.add(e.status);
      reported = Math.max(reported, e.filled);
    }
  }
  if (fills.size === 0 && said.size === 0) {
    return { state: seen.has('unknown') ? 'unknown' : seen.has('sent') ? 'sent' : 'pending', filled: 0 };
  }
  const filled = Math.min(qty, Math.max(sum([...fills.values()]), reported));
  // One venue truth has at most one closing status besides `filled`.
  const close = said.has('cancelled') ? 'cancelled' : said.has('expired') ? 'expired' : undefined;
  return { state: settled(qty, filled, said, close), filled };
}

// ---- order: step by step, for adversarial sequences ---------------------------------------------------

/**
 * What we know about an order, as facts. Two kinds of claims can contradict each other: "the order exists"
 * (a report, a fill) and "there is no order" (a rejection, a not-found query). Whichever came first wins; the
 * later, contradicting one is an anomaly. A rejection after "not found" is one too: not-found says the request
 * never reached the venue, a rejection says it did.
 */
export interface OrderFacts {
  readonly qty: number;
  readonly sent: boolean;
  readonly lostReply: boolean;
  readonly noOrder?: 'rejected' | 'void';
  readonly exists: boolean;
  readonly fills: ReadonlyMap<string, number>;
  /** Fills the venue undid (a FAILED trade), with the quantity each reversal took back. */
  readonly reversed: ReadonlyMap<string, number>;
  readonly reported: number;
  readonly said: ReadonlySet<VenueOrderStatus>;
  /** The first of cancelled/expired the venue said: a closing status is sticky. */
  readonly close?: 'cancelled' | 'expired';
}

export const noFacts = (qty: number): OrderFacts => ({
  qty,
  sent: false,
  lostReply: false,
  exists: false,
  fills: new Map(),
  reversed: new Map(),
  reported: 0,
  said: new Set(),
});

export function factsState(f: OrderFacts): OrderOutcome {
  if (f.noOrder) return { state: f.noOrder, filled: 0 };
  if (!f.exists) return { state: f.lostReply ? 'unknown' : f.sent ? 'sent' : 'pending', filled: 0 };
  // A reversed fill stops counting, and its quantity stops counting in the venue's reports too.
  const back = sum([...f.reversed.values()]);
  const filled = Math.max(0, Math.min(f.qty, Math.max(sum([...f.fills.values()]), f.reported - back)));
  if (back > 0 && f.said.has('filled') && filled < f.qty) return { state: 'cancelled', filled };
  return { state: settled(f.qty, filled, f.said, f.close), filled };
}

/** The facts after one event, and whether the spec calls that event an anomaly (then the facts are unchanged). */
export function addFact(f: OrderFacts, e: OrderEvent): { facts: OrderFacts; anomaly: boolean } {
  const ok = (facts: OrderFacts) => ({ facts, anomaly: false });
  const anomaly = { facts: f, anomaly: true };
  switch (e.type) {
    case 'sent':
      return ok({ ...f, sent: true });
    case 'unknown':
      return ok({ ...f, lostReply: true });
    case 'rejected':
      if (f.exists || f.noOrder === 'void') return anomaly;
      return ok({ ...f, noOrder: 'rejected' });
    case 'not_found':
      if (f.exists) return anomaly;
      return ok(f.noOrder ? f : { ...f, noOrder: 'void' });
    case 'report': {
      if (f.noOrder) return anomaly;
      const close = f.close ?? (e.status === 'cancelled' || e.status === 'expired' ? e.status : undefined);
      return ok({
        ...f,
        exists: true,
        reported: Math.max(f.reported, e.filled),
        said: new Set([...f.said, e.status]),
        ...(close ? { close } : {}),
      });
    }
    case 'fill':
      if (f.fills.has(e.fillId) || f.reversed.has(e.fillId)) return ok(f);
      if (f.noOrder) return anomaly;
      return ok({ ...f, exists: true, fills: new Map([...f.fills, [e.fillId, e.qty]]) });
    case 'reversal': {
      if (f.reversed.has(e.fillId)) return ok(f);
      if (f.noOrder) return anomaly;
      const counted = f.fills.get(e.fillId);
      // An order that had filled stays done: short of its size, closed as the venue said (filled if it said nothing).
      const done = factsState(f).state === 'filled' && f.close === undefined;
      return ok({
        ...f,
        exists: true,
        ...(done ? { said: new Set([...f.said, 'filled' as const]) } : {}),
        reversed: new Map([...f.reversed, [e.fillId, e.qty]]),
        fills: counted === undefined ? f.fills : new Map([...f.fills, [e.fillId, counted - e.qty]]),
      });
    }
  }
}

// ---- package ----------------------------------------------------------------------------------------

/** Contracts held per leg. */
export const held = (bought: readonly number[], sold: readonly number[]): number[] =>
  bought.map((b, i) => b - (sold[i] ?? 0));

/** The size every leg holds: the package's hedged contracts (never negative). */
export function hedgedSize(bought: readonly number[], sold: readonly number[]): number {
  const h = held(bought, sold);
  return h.length === 0
    ? 0
    : Math.max(
        0,
        h.reduce((a, b) => Math.min(a, b)),
      );
}

/** Does any leg hold contracts the other legs do not cover? */
export const isNaked = (bought: readonly number[], sold: readonly number[]): boolean =>
  held(bought, sold).some((x) => x > hedgedSize(bought, sold));

/**
 * Where a package stands once the engine stopped acting on it. `stopped` means it gave up (or was recovered
 * after a crash): exposure left then is unhedged, and the operator takes over.
 */
export function expectedPackage(
  qty: number,
  bought: readonly number[],
  sold: readonly number[],
  stopped: boolean,
): PackageState | 'still exposed' {
  if (isNaked(bought, sold)) return stopped ? 'unhedged' : 'still exposed';
  const h = hedgedSize(bought, sold);
  if (h >= qty) return 'hedged';
  if (h > 0) return 'partial';
  return bought.some((b) => b > 0) ? 'unwound' : 'missed';
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
