/**
 * The order state machine: one order from intent to terminal, driven by what we did and what the venue said.
 *
 *   pending ──sent──▶ sent ──report──▶ open ─┬─fill/report─▶ partially_filled ─▶ filled
 *      │                │                    └─report(cancelled|expired)──────▶ cancelled / expired
 *      │                ├──unknown──▶ unknown ──report──▶ (as above) / ──not_found──▶ void
 *      └──rejected──▶ rejected        └──rejected──▶ rejected
 *
 * Venue events arrive late, twice and out of order (a fill before the placement reply, an "open" report after a
 * "filled" one, a Polymarket trade reported once matched and again when confirmed). The machine is built so
 * that none of that matters:
 *   - a fill is counted once per fill id; the filled quantity is the larger of the fills summed and the largest
 *     quantity a venue report claimed, so a stale report can never shrink it;
 *   - a terminal venue status (filled, cancelled, expired) is sticky: a stale "open" after it changes nothing;
 *   - an event that cannot happen from the current state (a rejection after fills, "not found" after the
 *     venue acknowledged the order) is an **anomaly**: recorded, never applied, never thrown.
 * One thing does shrink `filled`: a **reversal** (a Polymarket trade matched, then FAILED on chain). The fill
 * stops counting, and so does its quantity in the venue's reports (the venue keeps the order's matched size):
 * filled = max(live fills, largest report − reversed). A filled order whose fill was reversed is cancelled short.
 * The table is total: every (state, event) pair has an outcome, checked by the compiler (`Record`) and by a
 * property test against a small reference model (test/exec/lifecycle).
 */
import type { VenueOrderStatus } from '../../venues/venue.ts';

export const ORDER_STATES = [
  'pending',
  'sent',
  'unknown',
  'open',
  'partially_filled',
  'filled',
  'cancelled',
  'expired',
  'rejected',
  'void',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/** No further venue event can change what the order did (late fills still count, see `fill`). */
export const TERMINAL_ORDER_STATES: ReadonlySet<OrderState> = new Set([
  'filled',
  'cancelled',
  'expired',
  'rejected',
  'void',
]);

export type OrderEvent =
  /** The request is about to leave (recorded before the send). */
  | { readonly type: 'sent' }
  /** The reply never came (timeout, dropped connection, 5xx): the order may or may not exist. */
  | { readonly type: 'unknown' }
  /** The venue definitively refused it. */
  | { readonly type: 'rejected'; readonly code: string }
  /** The venue's view of the order: a placement reply, a query, a user-stream update. */
  | { readonly type: 'report'; readonly status: VenueOrderStatus; readonly filled: number }
  /** One execution. */
  | { readonly type: 'fill'; readonly fillId: string; readonly qty: number }
  /** An execution the venue undid (a Polymarket trade that FAILED after it matched). */
  | { readonly type: 'reversal'; readonly fillId: string; readonly qty: number }
  /** A query by client order id found nothing: the order never reached the venue. */
  | { readonly type: 'not_found' };

export type OrderEventType = OrderEvent['type'];

export interface OrderSnapshot {
  readonly state: OrderState;
  readonly qty: number;
  /** max(sum of unique fills, largest filled a venue report claimed). */
  readonly filled: number;
  readonly fillSum: number;
  readonly reportedFilled: number;
  readonly fillIds: ReadonlySet<string>;
  /** Quantity of the reversed fills, and their ids. */
  readonly reversedSum: number;
  readonly reversedIds: ReadonlySet<string>;
  /** The venue has acknowledged the order exists (a report or a fill). */
  readonly known: boolean;
  /** The venue said so: the order can no longer trade. */
  readonly closedStatus?: 'filled' | 'cancelled' | 'expired';
}

/** applied: the state or quantities changed; duplicate/stale: nothing new; anomaly: impossible here, ignored. */
export type TransitionEffect = 'applied' | 'duplicate' | 'stale' | 'anomaly';

export interface Transition<S> {
  readonly next: S;
  readonly effect: TransitionEffect;
  readonly why?: string;
}

export function newOrder(qty: number): OrderSnapshot {
  return {
    state: 'pending',
    qty,
    filled: 0,
    fillSum: 0,
    reportedFilled: 0,
    fillIds: new Set(),
    reversedSum: 0,
    reversedIds: new Set(),
    known: false,
  };
}

/** The state a known order is in, from its quantities and the venue's closing word. */
function settle(s: OrderSnapshot): OrderState {
  if (s.filled >= s.qty || (s.closedStatus === 'filled' && s.reversedSum === 0)) return 'filled';
  // The venue said filled, but part of it was reversed: done, short of its size.
  if (s.closedStatus === 'filled') return 'cancelled';
  if (s.closedStatus) return s.closedStatus;
  return s.filled > 0 ? 'partially_filled' : 'open';
}

type Handler<E extends OrderEvent> = (s: OrderSnapshot, e: E) => Transition<OrderSnapshot>;
type Table = { readonly [K in OrderEventType]: Handler<Extract<OrderEvent, { type: K }>> };

const same = (s: OrderSnapshot, effect: TransitionEffect, why?: string): Transition<OrderSnapshot> => ({
  next: s,
  effect,
  ...(why ? { why } : {}),
});

const withQuantities = (s: OrderSnapshot, patch: Partial<OrderSnapshot>): Transition<OrderSnapshot> => {
  const merged = { ...s, ...patch };
  const filled = Math.max(
    0,
    Math.min(merged.qty, Math.max(merged.fillSum, merged.reportedFilled - merged.reversedSum)),
  );
  const known = { ...merged, filled, known: true };
  const next = { ...known, state: settle(known) };
  const changed =
    next.state !== s.state ||
    next.filled !== s.filled ||
    next.fillSum !== s.fillSum ||
    next.reportedFilled !== s.reportedFilled ||
    next.reversedSum !== s.reversedSum ||
    next.closedStatus !== s.closedStatus;
  return { next, effect: changed ? 'applied' : 'stale' };
};

const TABLE: Table = {
  sent: (s) =>
    s.state === 'pending' ? { next: { ...s, state: 'sent' }, effect: 'applied' } : same(s, 'duplicate'),
  unknown: (s) =>
    s.state === 'sent' || s.state === 'pending'
      ? { next: { ...s, state: 'unknown' }, effect: 'applied' }
      : s.state === 'unknown'
        ? same(s, 'duplicate')
        : // The venue already told us more than "no idea": a lost reply after a report is stale news.
          same(s, 'stale'),
  rejected: (s, e) => {
    if (s.state === 'rejected') return same(s, 'duplicate');
    if (s.state === 'pending' || s.state === 'sent' || s.state === 'unknown')
      return { next: { ...s, state: 'rejected' }, effect: 'applied' };
    return same(
      s,
      'anomaly',
      s.state === 'void'
        ? `rejected (${e.code}) for an order a query showed the venue never had`
        : `rejected (${e.code}) after the venue acknowledged the order`,
    );
  },
  report: (s, e) => {
    if (s.state === 'rejected' || s.state === 'void')
      return same(s, 'anomaly', `venue reports ${e.status} for an order recorded as ${s.state}`);
    const closing = e.status === 'open' ? undefined : e.status;
    // A terminal status is sticky; `filled` wins over cancelled/expired (the venue saw it complete).
    const closedStatus =
      s.closedStatus === 'filled' || closing === undefined
        ? s.closedStatus
        : s.closedStatus && closing !== 'filled'
          ? s.closedStatus
          : closing;
    return withQuantities(s, {
      reportedFilled: Math.max(s.reportedFilled, e.filled),
      ...(closedStatus ? { closedStatus } : {}),
    });
  },
  fill: (s, e) => {
    if (s.fillIds.has(e.fillId)) return same(s, 'duplicate');
    // Already undone by the venue (the reversal came first): it never counts.
    if (s.reversedIds.has(e.fillId)) return same(s, 'stale');
    if (s.state === 'rejected' || s.state === 'void')
      return same(s, 'anomaly', `fill ${e.fillId} for an order recorded as ${s.state}`);
    const fillIds = new Set(s.fillIds);
    fillIds.add(e.fillId);
    const t = withQuantities(s, { fillIds, fillSum: s.fillSum + e.qty });
    return { next: t.next, effect: 'applied' };
  },
  reversal: (s, e) => {
    if (s.reversedIds.has(e.fillId)) return same(s, 'duplicate');
    if (s.state === 'rejected' || s.state === 'void')
      return same(s, 'anomaly', `reversal of ${e.fillId} for an order recorded as ${s.state}`);
    const reversedIds = new Set(s.reversedIds);
    reversedIds.add(e.fillId);
    // A fill never applied here still counts in the venue's reports: discount it there only.
    const fillSum = s.fillIds.has(e.fillId) ? s.fillSum - e.qty : s.fillSum;
    // An order that had filled is done at the venue: it ends short of its size, it does not trade again.
    const closedStatus = s.closedStatus ?? (s.state === 'filled' ? 'filled' : undefined);
    const t = withQuantities(s, {
      reversedIds,
      reversedSum: s.reversedSum + e.qty,
      fillSum,
      ...(closedStatus ? { closedStatus } : {}),
    });
    return { next: t.next, effect: 'applied' };
  },
  not_found: (s) => {
    if (s.state === 'void') return same(s, 'duplicate');
    if (s.state === 'pending' || s.state === 'sent' || s.state === 'unknown')
      return { next: { ...s, state: 'void' }, effect: 'applied' };
    if (s.state === 'rejected') return same(s, 'stale');
    return same(s, 'anomaly', `query found no order the venue had acknowledged (${s.state})`);
  },
};

export function orderTransition(s: OrderSnapshot, e: OrderEvent): Transition<OrderSnapshot> {
  const handler = TABLE[e.type] as Handler<OrderEvent>;
  return handler(s, e);
}

export const isTerminalOrder = (s: OrderState): boolean => TERMINAL_ORDER_STATES.has(s);
