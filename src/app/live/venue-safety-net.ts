/**
 * The venue's own safety net as the running engine sees it (issue 16). On Kalshi every order goes into one
 * order group with a rolling contracts cap; when the venue refuses an order because the cap was hit, it has
 * already cancelled the group's resting orders and will refuse every further order until the group is reset.
 * Sending more would only collect rejections, so this halts new Kalshi packages (`Halts` source `venue_cap`)
 * until the group accepts orders again (a reset; a restart makes a fresh group), and keeps the group's state in
 * the store meta (`venue_safety_net`) for `arb status`.
 *
 * `checkSafetyNet` is the pure step (state in, halt and meta out); `watchVenueSafetyNet` runs it every second.
 */
import type { Clock } from '../../core/clock.ts';
import type { Halts } from '../../exec/halts.ts';
import type { OrderGroupStatus } from '../../venues/kalshi/orders/order-group.ts';

export const SAFETY_NET_META = 'venue_safety_net';
export const VENUE_CAP_SOURCE = 'venue_cap';

export interface VenueSafetyNetView {
  readonly atMs: number;
  readonly kalshi?: {
    /** null until the first order created the group. */
    readonly orderGroupId: string | null;
    readonly contractsLimit: number;
    readonly triggered: boolean;
    readonly triggeredAtMs?: number;
  };
}

export interface SafetyNetDeps {
  /** The Kalshi adapter (only its `orderGroup`), when Kalshi is traded. */
  readonly kalshi: { readonly orderGroup?: OrderGroupStatus | undefined } | undefined;
  readonly halts: Pick<Halts, 'set' | 'lift'>;
  readonly store: { setMeta(key: string, value: string): void };
  readonly clock: Clock;
}

/** One look: halt or lift Kalshi on the group's state; write the view when it changed. Returns the view. */
export function checkSafetyNet(
  deps: SafetyNetDeps,
  last: string | undefined,
): { view: VenueSafetyNetView; json: string } {
  const nowMs = Math.floor(deps.clock.now());
  const g = deps.kalshi?.orderGroup;
  const kalshi =
    g === undefined
      ? undefined
      : {
          orderGroupId: g.id ?? null,
          contractsLimit: g.contractsLimit,
          triggered: g.triggeredAtMs !== undefined,
          ...(g.triggeredAtMs === undefined ? {} : { triggeredAtMs: g.triggeredAtMs }),
        };
  if (kalshi?.triggered) {
    deps.halts.set(
      VENUE_CAP_SOURCE,
      'kalshi',
      'halt',
      `Kalshi order group cap hit (${kalshi.contractsLimit} contracts per 15 s): the venue cancelled the group's resting orders and refuses new ones until it is reset`,
      nowMs,
    );
  } else {
    deps.halts.lift(VENUE_CAP_SOURCE, 'kalshi');
  }
  // `atMs` is left out of the comparison: the meta is rewritten only when the state changes.
  const json = JSON.stringify(kalshi === undefined ? {} : { kalshi });
  const view: VenueSafetyNetView = { atMs: nowMs, ...(kalshi === undefined ? {} : { kalshi }) };
  if (json !== last) deps.store.setMeta(SAFETY_NET_META, JSON.stringify(view));
  return { view, json };
}

/** Run `checkSafetyNet` now and every `everyMs`; returns the stop function. */
export function watchVenueSafetyNet(deps: SafetyNetDeps, everyMs = 1_000): () => void {
  let last = checkSafetyNet(deps, undefined).json;
  const timer = deps.clock.setInterval(() => {
    last = checkSafetyNet(deps, last).json;
  }, everyMs);
  return () => deps.clock.clearTimer(timer);
}
