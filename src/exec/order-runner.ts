/**
 * One order, end to end, with the store as the source of truth:
 *
 *   write the intent (synced) → send → record the reply → follow the order until it is terminal → record its
 *   fills → return what the store now says.
 *
 * The client order id is the intent's key, so a retry sends the same id and a venue can never hold two orders
 * for one intent. An unknown outcome (timeout, dropped reply, 5xx) is resolved by asking the venue for that client
 * order id, never assumed. An order still working when its deadline passes is cancelled, and the cancel's outcome
 * is queried too. Fills are read from the venue's fill feed (cursor kept in the store), recorded once each, and
 * applied to their intent's state machine; a fill no intent explains is adopted and reported (./fill-feed.ts).
 */
import type { Clock } from '../core/clock.ts';
import type { Venue } from '../core/market.ts';
import { asPx, asQty } from '../core/units.ts';
import type { OrderRequest, OrderUpdate, VenueAdapter, VenueOrder, VenueResult } from '../venues/venue.ts';
import type { CrashPoint, CrashPoints } from './crash-points.ts';
import { FillFeed } from './fill-feed.ts';
import { isTerminalOrder } from './lifecycle/order-state.ts';
import type { IntentRole, OrderStore, StoredIntent } from './store/order-store.ts';
import { requestOf } from './store/request-of.ts';

export interface OrderTiming {
  /** How long an order may stay working (not terminal) before it is cancelled, ms. */
  readonly orderTimeoutMs: number;
  /** Status polling interval while an order is working, ms. */
  readonly pollMs: number;
  /** How long to wait for the fill feed to catch up with what the order says filled, ms. */
  readonly fillWaitMs: number;
}

export const DEFAULT_ORDER_TIMING: OrderTiming = { orderTimeoutMs: 5_000, pollMs: 100, fillWaitMs: 2_000 };

/** Where a crash test may stop this order: after the reply is in hand, after it is stored, after its fills. */
export interface OrderCrashPoints {
  readonly sent?: CrashPoint;
  readonly ack?: CrashPoint;
  readonly fill?: CrashPoint;
}

export interface RunnerDeps {
  readonly venues: Readonly<Partial<Record<Venue, VenueAdapter>>>;
  readonly clock: Clock;
  readonly store: OrderStore;
  readonly crash: CrashPoints;
  readonly timing: OrderTiming;
  /** Something the store cannot explain (a fill of an order we never placed): raise it. */
  readonly onUnexplained?: (code: string, detail: string) => void;
  /** A new fill was recorded for an intent of this package (a closed package's late fill is the caller's news). */
  readonly onPackageFill?: (packageId: string) => void;
}

export const sleep = (clock: Clock, ms: number): Promise<void> =>
  new Promise((resolve) => clock.setTimeout(resolve, ms));

export class OrderRunner {
  /** Followers waiting for news of an order (by client order id): woken by a pushed update. */
  private readonly waiting = new Map<string, () => void>();
  /** Pushed updates applied to an intent, and those for orders that are not ours (or not yet linked). */
  readonly pushed = { applied: 0, unmatched: 0 };
  /** New orders refused before sending because the venue's gate was closed (heartbeats failing). */
  gated = 0;
  /** Why a venue may not receive new orders now (./venue-gate.ts), or undefined; cancels are never gated. */
  private gate: ((venue: Venue) => string | undefined) | undefined;
  /** The venues' fill feeds into the store (fee drift, reversals). */
  readonly feed: FillFeed;

  constructor(private readonly deps: RunnerDeps) {
    this.feed = new FillFeed(deps);
  }

  /** Consult `gate` before every new order from now on (the engine's heartbeat supervisor). */
  useGate(gate: (venue: Venue) => string | undefined): void {
    this.gate = gate;
  }

  /** The venue's gate is closed: the intent is recorded as refused, nothing is sent. */
  private refusedByGate(venue: Venue, clientOrderId: string): boolean {
    const closed = this.gate?.(venue);
    if (closed === undefined) return false;
    this.gated++;
    this.deps.store.orderEvent(
      this.now(),
      clientOrderId,
      { type: 'rejected', code: 'VENUE_GATE_CLOSED' },
      { error: `${venue} gate closed: ${closed}` },
    );
    return true;
  }

  /**
   * An order update pushed by the venue's user WebSocket: applied to its intent through the state machine
   * (duplicates and stale updates change nothing), and whoever follows that order is woken at once instead of
   * at its next poll.
   */
  onOrderUpdate(venue: Venue, u: OrderUpdate): void {
    const { store } = this.deps;
    const intent = store.intentOf(venue, u.orderId, u.clientOrderId);
    if (!intent) {
      this.pushed.unmatched++;
      return;
    }
    this.pushed.applied++;
    // The update may arrive before the placement reply (the venue pushes as it accepts the order): then it is the
    // first the store hears of the venue's order id, and the order row is built from the intent's own terms.
    const order: VenueOrder = {
      id: u.orderId,
      clientOrderId: intent.clientOrderId,
      market: intent.market,
      outcome: intent.outcome,
      side: intent.side,
      px: intent.px,
      qty: intent.qty,
      filled: u.filled,
      status: u.status,
      createdMs: this.now(),
    };
    const known = store.orderById(venue, u.orderId) !== undefined;
    store.tx(() => {
      store.orderEvent(
        this.now(),
        intent.clientOrderId,
        { type: 'report', status: u.status, filled: u.filled },
        known ? {} : { order },
      );
      // A known order keeps its own terms (an amend may have changed them): only status and fill count move.
      if (known) store.updateOrderStatus(this.now(), venue, u.orderId, u.status, u.filled);
    });
    this.waiting.get(intent.clientOrderId)?.();
  }

  /** Wait up to `ms` for a pushed update about this order (a poll interval, cut short by news). */
  private waitForNews(clientOrderId: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.deps.clock.clearTimer(timer);
        if (this.waiting.get(clientOrderId) === done) this.waiting.delete(clientOrderId);
        resolve();
      };
      const timer = this.deps.clock.setTimeout(done, ms);
      this.waiting.set(clientOrderId, done);
    });
  }

  private now(): number {
    return Math.floor(this.deps.clock.now());
  }

  /** Place one order through the store and follow it to the end. Returns the intent as finally stored. */
  async run(
    venue: Venue,
    req: OrderRequest,
    meta: { packageId?: string; role: IntentRole; leg: number },
    crashAt: OrderCrashPoints = {},
    /** false: record the reply and return (a resting order the caller keeps working); default: follow to the end. */
    follow = true,
  ): Promise<StoredIntent> {
    const { store, crash } = this.deps;
    const adapter = this.deps.venues[venue];
    store.writeIntent(this.now(), { request: req, venue, ...meta });
    crash.hit('after-intent-written');
    if (!adapter) {
      store.orderEvent(
        this.now(),
        req.clientOrderId,
        { type: 'rejected', code: 'NO_VENUE' },
        { error: `no ${venue} venue` },
      );
      return store.intent(req.clientOrderId)!;
    }
    if (this.refusedByGate(venue, req.clientOrderId)) return store.intent(req.clientOrderId)!;
    let res = await adapter.placeOrder(req);
    // A retryable refusal (rate limit, busy) means the venue did not take it: one more try, same client order id.
    if (!res.ok && res.error.kind === 'retryable') {
      await sleep(this.deps.clock, Math.min(res.error.retryAfterMs ?? this.deps.timing.pollMs, 1_000));
      if (this.refusedByGate(venue, req.clientOrderId)) return store.intent(req.clientOrderId)!;
      res = await adapter.placeOrder(req);
    }
    if (crashAt.sent) crash.hit(crashAt.sent);
    // The reply is one commit (one fsync): "sent" and what the venue said are written together.
    store.tx(() => {
      store.orderEvent(this.now(), req.clientOrderId, { type: 'sent' });
      if (res.ok) this.report(req.clientOrderId, res.value);
      else if (res.error.kind === 'unknown')
        store.orderEvent(this.now(), req.clientOrderId, { type: 'unknown' }, { error: describe(res) });
      else
        store.orderEvent(
          this.now(),
          req.clientOrderId,
          { type: 'rejected', code: res.error.code },
          { error: describe(res) },
        );
    });
    if (!res.ok && res.error.kind === 'unknown') await this.resolve(venue, req.clientOrderId);
    if (crashAt.ack) crash.hit(crashAt.ack);
    if (!follow) {
      await this.syncFills(venue);
      return store.intent(req.clientOrderId)!;
    }
    await this.follow(venue, req.clientOrderId);
    await this.awaitFills(venue, req.clientOrderId);
    if (crashAt.fill) crash.hit(crashAt.fill);
    return store.intent(req.clientOrderId)!;
  }

  /** Record the venue's view of an order against its intent. */
  report(clientOrderId: string, o: VenueOrder): void {
    this.deps.store.orderEvent(
      this.now(),
      clientOrderId,
      { type: 'report', status: o.status, filled: o.filled },
      { order: o },
    );
  }

  /**
   * An unknown outcome: ask the venue for the client order id (`attempts` times, the venue may be slow to show
   * it). Found: its report. Not found: the order never reached the venue (void). Still unanswerable: it stays
   * unknown (never assumed closed): its package waits and the engine asks again (recovery does after a restart).
   */
  async resolve(venue: Venue, clientOrderId: string, attempts = 3): Promise<void> {
    const adapter = this.deps.venues[venue]!;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (this.deps.store.intent(clientOrderId)!.state !== 'unknown') return; // the stream found it meanwhile
      const i = this.deps.store.intent(clientOrderId)!;
      const found = await adapter.findOrder(clientOrderId, requestOf(i));
      if (found.ok) {
        if (found.value) this.report(clientOrderId, found.value);
        else this.deps.store.orderEvent(this.now(), clientOrderId, { type: 'not_found' });
        return;
      }
      this.deps.store.log(
        this.now(),
        'order_query_failed',
        { attempt: attempt + 1, error: `${found.error.code}: ${found.error.message}` },
        { clientOrderId, venue },
      );
      if (attempt + 1 < attempts) await sleep(this.deps.clock, this.deps.timing.pollMs);
    }
  }

  /** Poll a working order until it is terminal; past the deadline, cancel it and record what the cancel left. */
  private async follow(venue: Venue, clientOrderId: string): Promise<void> {
    const { store, timing } = this.deps;
    const adapter = this.deps.venues[venue]!;
    const deadline = this.now() + timing.orderTimeoutMs;
    for (;;) {
      const i = store.intent(clientOrderId)!;
      if (isTerminalOrder(i.state) || i.state === 'unknown' || i.venueOrderId === undefined) return;
      if (this.now() >= deadline) {
        store.log(this.now(), 'order_timeout', { afterMs: timing.orderTimeoutMs }, { clientOrderId, venue });
        await this.cancel(venue, clientOrderId);
        return;
      }
      await this.waitForNews(clientOrderId, timing.pollMs);
      // Pushed news is applied already; the poll is the safety net (a missed or late WebSocket update).
      if (isTerminalOrder(store.intent(clientOrderId)!.state)) return;
      const r = await adapter.getOrder(i.venueOrderId);
      if (r.ok && r.value) this.report(clientOrderId, r.value);
    }
  }

  /** Cancel an intent's working order; whatever the cancel's reply, ask the venue what is left. */
  async cancel(venue: Venue, clientOrderId: string): Promise<void> {
    const { store } = this.deps;
    const adapter = this.deps.venues[venue]!;
    const i = store.intent(clientOrderId)!;
    if (i.venueOrderId === undefined || isTerminalOrder(i.state)) return;
    const c = await adapter.cancelOrder(i.venueOrderId);
    store.log(
      this.now(),
      'order_cancel',
      { ok: c.ok, ...(c.ok ? {} : { error: describe(c) }) },
      { clientOrderId, venue },
    );
    const r = c.ok ? c : await adapter.getOrder(i.venueOrderId);
    if (r.ok && r.value) this.report(clientOrderId, r.value);
  }

  /**
   * Ask the venue about every order the store holds as open on `venue` and record its answer (through the state
   * machine for ours): after the venue may have cancelled them (a heartbeat lapse), what it says is the truth,
   * never an assumption. Returns whether every such order was answered.
   */
  async refreshOpenOrders(venue: Venue): Promise<boolean> {
    const { store } = this.deps;
    const adapter = this.deps.venues[venue];
    if (!adapter) return false;
    let answered = true;
    for (const o of store.orders({ venue, open: true })) {
      const r = await adapter.getOrder(o.id);
      if (!r.ok || !r.value) {
        answered = false;
        continue;
      }
      const intent = store.intentOf(venue, o.id, o.clientOrderId);
      if (intent) this.report(intent.clientOrderId, r.value);
      else store.upsertOrder(this.now(), venue, r.value, o.adopted);
    }
    return answered;
  }

  /**
   * Change a working order's price or size: amended in place where the venue can (Kalshi keeps the order id),
   * cancelled and replaced by a new intent elsewhere (Polymarket orders are immutable). Returns the intent that
   * now carries the order.
   */
  async replace(
    venue: Venue,
    clientOrderId: string,
    change: { px?: number; qty?: number },
    newClientOrderId: string,
  ): Promise<StoredIntent> {
    const { store } = this.deps;
    const adapter = this.deps.venues[venue]!;
    const i = store.intent(clientOrderId)!;
    if (adapter.amendOrder && i.venueOrderId !== undefined) {
      const r = await adapter.amendOrder(i.venueOrderId, {
        ...(change.px === undefined ? {} : { px: asPx(change.px) }),
        ...(change.qty === undefined ? {} : { qty: asQty(change.qty) }),
      });
      store.log(this.now(), 'order_amend', { change, ok: r.ok }, { clientOrderId, venue });
      if (r.ok) {
        this.report(clientOrderId, r.value);
        return store.intent(clientOrderId)!;
      }
    }
    await this.cancel(venue, clientOrderId);
    const after = store.intent(clientOrderId)!;
    if (!isTerminalOrder(after.state)) return after; // the cancel did not take: never place a second order
    const remaining = (change.qty ?? i.qty) - after.filled;
    if (remaining <= 0) return after;
    return this.run(
      venue,
      {
        clientOrderId: newClientOrderId,
        market: i.market,
        outcome: i.outcome,
        side: i.side,
        px: change.px === undefined ? i.px : asPx(change.px),
        qty: asQty(remaining),
        tif: i.tif as OrderRequest['tif'],
      },
      { ...(i.packageId ? { packageId: i.packageId } : {}), role: 'replace', leg: i.leg },
      {},
      false,
    );
  }

  /** Read the fill feed until the intent's fills add up to what the venue said it filled (or time runs out). */
  async awaitFills(venue: Venue, clientOrderId: string): Promise<void> {
    const deadline = this.now() + this.deps.timing.fillWaitMs;
    for (;;) {
      await this.syncFills(venue);
      const i = this.deps.store.intent(clientOrderId)!;
      if (this.fillSum(clientOrderId) >= i.filled || this.now() >= deadline) return;
      await sleep(this.deps.clock, this.deps.timing.pollMs);
    }
  }

  private fillSum(clientOrderId: string): number {
    return this.deps.store
      .fills({ clientOrderId })
      .filter((f) => !f.reversed)
      .reduce((s, f) => s + f.qty, 0);
  }

  /** New fills (and reversals of known ones) from `venue`'s feed into the store: see ./fill-feed.ts. */
  syncFills(venue: Venue): Promise<number> {
    return this.feed.sync(venue);
  }
}

const describe = (r: VenueResult<unknown>): string => (r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`);
