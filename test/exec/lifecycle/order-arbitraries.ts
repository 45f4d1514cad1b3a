/**
 * Event sequences for the order state machine: realistic ones derived from a hidden venue truth, and
 * unconstrained ones for the adversarial property.
 */
import fc from 'fast-check';
import type { OrderEvent } from '../../../src/exec/lifecycle/order-state.ts';
import type { VenueOrderStatus } from '../../../src/venues/venue.ts';

/** What really happened at the venue; the client only ever sees a shuffled, lossy, repeated view of it. */
export type VenueTruth =
  | { readonly kind: 'never_received' }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'accepted'; readonly fills: readonly number[]; readonly final: VenueOrderStatus };

export interface OrderRun {
  readonly qty: number;
  readonly truth: VenueTruth;
  readonly events: readonly OrderEvent[];
}

/** Fill sizes summing to at most `qty`: the last one is clipped to what is left, so full fills are common. */
function fillsWithin(qty: number, wanted: readonly number[]): number[] {
  const fills: number[] = [];
  let left = qty;
  for (const q of wanted) {
    if (left === 0) break;
    fills.push(Math.min(q, left));
    left -= fills[fills.length - 1]!;
  }
  return fills;
}

const truthArb = (qty: number): fc.Arbitrary<VenueTruth> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'never_received' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'rejected' as const }) },
    {
      weight: 6,
      arbitrary: fc
        .record({
          wanted: fc.array(fc.integer({ min: 1, max: qty }), { maxLength: 5 }),
          close: fc.constantFrom<VenueOrderStatus>('open', 'cancelled', 'expired'),
        })
        .map(({ wanted, close }) => {
          const fills = fillsWithin(qty, wanted);
          const total = fills.reduce((a, b) => a + b, 0);
          return { kind: 'accepted' as const, fills, final: total === qty ? 'filled' : close };
        }),
    },
  );

/**
 * Every event the venue could send about this truth: one report per moment of its life (the placement reply
 * is the first `open` with nothing filled; later `open`s carry the fills so far, so a late one is stale) and
 * one event per fill.
 */
export function venueEvents(truth: VenueTruth): OrderEvent[] {
  switch (truth.kind) {
    case 'never_received':
      return [{ type: 'not_found' }];
    case 'rejected':
      return [{ type: 'rejected', code: 'INSUFFICIENT_BALANCE' }];
    case 'accepted': {
      const events: OrderEvent[] = [];
      let soFar = 0;
      truth.fills.forEach((qty, k) => {
        events.push({ type: 'report', status: 'open', filled: soFar });
        events.push({ type: 'fill', fillId: `t${k}`, qty });
        soFar += qty;
      });
      events.push({ type: 'report', status: truth.final, filled: soFar });
      return events;
    }
  }
}

/**
 * A realistic run: `sent` first (recorded before the request leaves), then any subset of the venue's events,
 * each possibly delivered twice (a Polymarket trade matched then confirmed, a reconnect replay), plus maybe a
 * lost reply, all in any order.
 */
export const realisticOrderRun: fc.Arbitrary<OrderRun> = fc
  .integer({ min: 1, max: 20 })
  .chain((qty) => truthArb(qty).map((truth) => ({ qty, truth })))
  .chain(({ qty, truth }) => {
    const once = venueEvents(truth);
    const pool: OrderEvent[] = [...once, ...once, { type: 'unknown' }];
    return fc.shuffledSubarray(pool).map((seen) => ({
      qty,
      truth,
      events: [{ type: 'sent' } as OrderEvent, ...seen],
    }));
  });

/** Any event at all: contradictory statuses, fills over the size, ids reused with other sizes. */
export const anyOrderEvent = (qty: number): fc.Arbitrary<OrderEvent> =>
  fc.oneof(
    fc.constant<OrderEvent>({ type: 'sent' }),
    fc.constant<OrderEvent>({ type: 'unknown' }),
    fc.constant<OrderEvent>({ type: 'not_found' }),
    fc
      .constantFrom('INSUFFICIENT_BALANCE', 'MARKET_CLOSED')
      .map((code): OrderEvent => ({ type: 'rejected', code })),
    fc
      .record({
        status: fc.constantFrom<VenueOrderStatus>('open', 'filled', 'cancelled', 'expired'),
        filled: fc.nat(qty + 3),
      })
      .map((r): OrderEvent => ({ type: 'report', ...r })),
    // Quantities stay non-negative integers: that is what a Qty is (src/core/units.ts), codecs reject the rest.
    fc
      .record({ fillId: fc.constantFrom('a', 'b', 'c', 'd'), qty: fc.nat(qty) })
      .map((r): OrderEvent => ({ type: 'fill', ...r })),
    // A venue undoing a fill (Polymarket trade FAILED), of an id seen or not, with any quantity.
    fc
      .record({ fillId: fc.constantFrom('a', 'b', 'c', 'd'), qty: fc.nat(qty) })
      .map((r): OrderEvent => ({ type: 'reversal', ...r })),
  );

export const adversarialOrderRun = fc
  .integer({ min: 1, max: 20 })
  .chain((qty) =>
    fc.record({ qty: fc.constant(qty), events: fc.array(anyOrderEvent(qty), { maxLength: 30 }) }),
  );
