/**
 * Startup recovery (crash-only design: every start is a recovery, a clean stop is just a crash with nothing in
 * flight). Before any new order, the store is reconciled against each venue:
 *
 *   1. intents   every intent not known to be terminal is looked up by its client order id: found → its status
 *                and fill count are adopted (a still-working order is cancelled: a crashed package cannot be
 *                continued); not found → it never reached the venue (void);
 *   2. fills     the fill feed is read from the stored cursor; each fill is recorded once and applied to its
 *                intent; a fill no intent explains is adopted with its order (UNEXPLAINED_FILL);
 *   3. orders    the venue's working orders that the store does not know are adopted (UNEXPLAINED_ORDER);
 *   4. packages  every package that was in flight (or waiting for an unknown outcome) is re-evaluated from its
 *                intents' fills: flat or hedged → done; naked → unhedged (UNHEDGED_PACKAGE); a closed package whose
 *                legs no longer match its intents' fills (a late fill) is re-evaluated the same way;
 *   5. positions the venue's positions are compared with the store's; any difference is adopted (the store then
 *                equals the venue) and reported (POSITION_MISMATCH);
 *   6. balances  refreshed from the venue.
 * Every reason raised puts the engine in safe mode (no new packages) until an operator runs `arb ack`.
 */
import type { Clock } from '../core/clock.ts';
import type { Venue } from '../core/market.ts';
import type { VenueAdapter } from '../venues/venue.ts';
import type { CrashPoints } from './crash-points.ts';
import { exposure } from './lifecycle/package-state.ts';
import { isTerminalPackage } from './lifecycle/package-state.ts';
import type { OrderRunner } from './order-runner.ts';
import type { OrderStore } from './store/order-store.ts';
import { requestOf } from './store/request-of.ts';

export interface RecoveryReport {
  readonly intentsResolved: number;
  readonly intentsUnresolved: number;
  readonly fillsRecorded: number;
  readonly ordersAdopted: number;
  readonly packagesRecovered: number;
  readonly positionMismatches: number;
  /** Reasons raised by this recovery (safe mode is on if any reason, old or new, is unacknowledged). */
  readonly raised: readonly { code: string; detail: string }[];
}

export interface RecoveryDeps {
  readonly venues: Readonly<Partial<Record<Venue, VenueAdapter>>>;
  readonly clock: Clock;
  readonly store: OrderStore;
  readonly runner: OrderRunner;
  readonly crash: CrashPoints;
}

const keyOf = (p: { market: string; outcome: string }): string => `${p.market} ${p.outcome}`;

export async function recover(deps: RecoveryDeps): Promise<RecoveryReport> {
  const { store, runner, crash } = deps;
  const now = (): number => Math.floor(deps.clock.now());
  const raised: { code: string; detail: string }[] = [];
  const raise = (code: string, detail: string): void => {
    raised.push({ code, detail });
    store.raiseSafeMode(now(), code, detail);
  };
  const venues = (Object.entries(deps.venues) as [Venue, VenueAdapter][]).sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  store.log(now(), 'recovery_started', { venues: venues.map(([v]) => v) });

  // 1. Intents whose outcome the store does not know.
  let resolved = 0;
  let unresolved = 0;
  for (const i of store.intents({ unresolved: true })) {
    const adapter = deps.venues[i.venue];
    if (!adapter) {
      unresolved++;
      raise('UNRESOLVED_INTENT', `${i.clientOrderId}: no ${i.venue} venue configured to ask about it`);
      continue;
    }
    const found = await adapter.findOrder(i.clientOrderId, requestOf(i));
    if (!found.ok) {
      unresolved++;
      raise(
        'UNRESOLVED_INTENT',
        `${i.clientOrderId} on ${i.venue}: ${found.error.code}: ${found.error.message}`,
      );
      continue;
    }
    if (found.value) {
      runner.report(i.clientOrderId, found.value);
      if (found.value.status === 'open') await runner.cancel(i.venue, i.clientOrderId);
    } else store.orderEvent(now(), i.clientOrderId, { type: 'not_found' });
    resolved++;
    crash.hit('mid-reconcile');
  }

  // 2. Fills since the stored cursor (the runner applies each to its intent, adopts the rest).
  let fillsRecorded = 0;
  for (const [v] of venues) fillsRecorded += await runner.syncFills(v);
  for (const r of store.safeModeReasons())
    if (r.code === 'UNEXPLAINED_FILL' && !raised.some((x) => x.detail === r.detail))
      raised.push({ code: r.code, detail: r.detail });

  // 3. Working orders the store does not know.
  let ordersAdopted = 0;
  for (const [v, adapter] of venues) {
    const open = await adapter.openOrders();
    if (!open.ok) {
      raise('VENUE_UNREACHABLE', `${v}: open orders unavailable: ${open.error.code}: ${open.error.message}`);
      continue;
    }
    for (const o of open.value) {
      const known = store.orderById(v, o.id);
      const intent = o.clientOrderId ? store.intent(o.clientOrderId) : undefined;
      if (intent) {
        runner.report(intent.clientOrderId, o);
        await runner.cancel(v, intent.clientOrderId);
        continue;
      }
      store.upsertOrder(now(), v, o, true);
      if (!known) {
        ordersAdopted++;
        raise(
          'UNEXPLAINED_ORDER',
          `${v} order ${o.id} (${o.side} ${o.qty / 100} ${o.outcome} ${o.market} @ ${o.px}) is not ours`,
        );
      }
    }
  }

  // 4. Packages that were in flight.
  let packagesRecovered = 0;
  for (const p of store.packages()) {
    const { bought, sold } = store.legQuantities(p);
    // A closed package is news again only if its legs changed: a fill of an order whose outcome was unknown,
    // found after the package closed (an unhedged one already reported, and perhaps acknowledged, likewise).
    const unchanged = bought.every((b, k) => b === p.bought[k]) && sold.every((x, k) => x === p.sold[k]);
    if (isTerminalPackage(p.state) && unchanged) continue;
    // The new state and its safe-mode reason are written together: a crash between them would leave an
    // unhedged package that the next recovery (seeing it already unhedged) would not report again.
    store.tx(() => {
      const t = store.packageEvent(now(), p.id, { type: 'recovered', bought, sold });
      if (t.next.state !== 'unhedged') return;
      const naked = exposure(t.next)
        .map((x, k) =>
          x > 0 ? `${x / 100} × ${p.legPlan[k]!.venue} ${p.legPlan[k]!.market} ${p.legPlan[k]!.outcome}` : '',
        )
        .filter(Boolean)
        .join(', ');
      raise('UNHEDGED_PACKAGE', `package ${p.id}: naked ${naked}`);
    });
    if (!isTerminalPackage(p.state)) packagesRecovered++;
    crash.hit('mid-reconcile');
  }

  // 5. Positions, then 6. balances.
  let positionMismatches = 0;
  for (const [v, adapter] of venues) {
    const pos = await adapter.positions();
    if (!pos.ok) {
      raise('VENUE_UNREACHABLE', `${v}: positions unavailable: ${pos.error.code}: ${pos.error.message}`);
      continue;
    }
    const mine = new Map(store.positions(v).map((p) => [keyOf(p), p.qty]));
    const theirs = new Map(pos.value.filter((p) => p.qty !== 0).map((p) => [keyOf(p), p.qty as number]));
    const diffs: string[] = [];
    for (const k of new Set([...mine.keys(), ...theirs.keys()]))
      if ((mine.get(k) ?? 0) !== (theirs.get(k) ?? 0))
        diffs.push(`${k}: store ${(mine.get(k) ?? 0) / 100}, venue ${(theirs.get(k) ?? 0) / 100}`);
    if (diffs.length > 0) {
      positionMismatches += diffs.length;
      store.adoptPositions(now(), v, pos.value);
      raise('POSITION_MISMATCH', `${v}: ${diffs.join('; ')}`);
    }
    const b = await adapter.balance();
    if (b.ok) store.setBalance(now(), v, b.value);
  }

  const report: RecoveryReport = {
    intentsResolved: resolved,
    intentsUnresolved: unresolved,
    fillsRecorded,
    ordersAdopted,
    packagesRecovered,
    positionMismatches,
    raised,
  };
  store.log(now(), 'recovery_done', { ...report });
  return report;
}
