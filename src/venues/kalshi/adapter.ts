/**
 * The Kalshi venue adapter: the `VenueAdapter` port over the modules of this folder, and nothing else. REST
 * calls are `rest/client.ts` (signed by `auth/signer.ts`, errors classified by `errors.ts`), decoding is
 * `rest/decode-*.ts`, order entry and the fill feed are `orders/`, the book and order streams `ws/` (the book
 * state machine is `sync/book-sync.ts`). Everything that crosses the port is in core units.
 *
 * A note on direction: Kalshi V2 orders are bids/asks at a YES price and accounts net YES against NO, so an
 * order the bot placed as "buy NO at q" may come back from the venue as "sell YES at 1 − q" (the deprecated
 * `side`/`action` fields say which contract really traded). Both are the same exposure on Kalshi.
 */
import type { Clock } from '../../core/clock.ts';
import { err, ok } from '../../core/errors.ts';
import { MarketIdTable, type Level } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import type { Micros, Px, Qty } from '../../core/units.ts';
import type { HttpClientOptions } from '../shared/http.ts';
import type {
  BookEvent,
  Discovery,
  OrderRequest,
  OrderUpdate,
  VenueAdapter,
  VenueFill,
  VenueOrder,
  VenuePosition,
  VenueResult,
} from '../venue.ts';
import { KalshiSigner } from './auth/signer.ts';
import { fromCodec } from './errors.ts';
import { fillsSince } from './orders/fills.ts';
import { KalshiOrderGroup, type OrderGroupStatus } from './orders/order-group.ts';
import { KalshiOrders } from './orders/orders.ts';
import { KalshiRest, type ListStatus } from './rest/client.ts';
import { decodeOrderbook } from './rest/decode-book.ts';
import { decodeDiscovery } from './rest/decode-markets.ts';
import { decodeBalance, decodePositions } from './rest/decode-portfolio.ts';
import { KalshiBookStream, type KalshiBookStreamOptions } from './ws/book-stream.ts';
import { KalshiOrderStream } from './ws/order-stream.ts';
import type { KalshiTrade } from './ws/trade-frames.ts';

export interface KalshiAdapterOptions {
  /** `…/trade-api/v2` */
  readonly restUrl: string;
  /** `…/trade-api/ws/v2` */
  readonly wsUrl: string;
  readonly keyId: string;
  readonly privateKeyPem: string;
  readonly clock: Clock;
  readonly rng: Rng;
  /** Where discovered markets get their dense ids (share one table across venues). */
  readonly ids?: MarketIdTable;
  readonly http?: HttpClientOptions;
  /**
   * Only discover markets and events with this status (Kalshi's list filter). Against the real venue pass
   * `'open'`: unfiltered lists page through every market ever listed. Default: all.
   */
  readonly discoverStatus?: ListStatus;
  /**
   * The venue's own cap (issue 16): every order goes into one order group with this many whole contracts per
   * rolling 15 s window (1–1,000,000); past it the venue cancels the group's resting orders and refuses new ones
   * until reset. Undefined: no group (orders carry no `order_group_id`).
   */
  readonly orderGroupContractsLimit?: number;
  readonly stream?: Partial<
    Pick<KalshiBookStreamOptions, 'chunkSize' | 'resyncAfterMs' | 'backoff' | 'idleTimeoutMs' | 'watchdogMs'>
  >;
}

export class KalshiAdapter implements VenueAdapter {
  readonly venue = 'kalshi' as const;
  /** Markets discovery skipped because their payload was malformed (reset per `discover`). */
  discoveryIssues: string[] = [];
  private readonly signer: KalshiSigner;
  private readonly rest: KalshiRest;
  private readonly orders: KalshiOrders;
  private readonly group: KalshiOrderGroup | undefined;
  private readonly ids: MarketIdTable;
  /** Book and order streams, closed with the adapter. */
  private readonly streams = new Set<{ close(): Promise<void> }>();

  constructor(private readonly opts: KalshiAdapterOptions) {
    this.signer = new KalshiSigner(opts.keyId, opts.privateKeyPem, opts.clock);
    this.rest = new KalshiRest(opts.restUrl, this.signer, opts.clock, opts.http);
    const limit = opts.orderGroupContractsLimit;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1_000_000)) {
      throw new Error(
        `orderGroupContractsLimit must be a whole number of contracts in 1–1000000, got ${limit}`,
      );
    }
    this.group = limit === undefined ? undefined : new KalshiOrderGroup(this.rest, opts.clock, limit);
    this.orders = new KalshiOrders(this.rest, opts.clock, this.group);
    this.ids = opts.ids ?? new MarketIdTable();
  }

  // ---- discovery and books ------------------------------------------------------------------------------

  async discover(): Promise<VenueResult<Discovery>> {
    const status = this.opts.discoverStatus;
    const markets = await this.rest.markets(status);
    if (!markets.ok) return markets;
    const events = await this.rest.events(status);
    if (!events.ok) return events;
    // Fee types live on series; without them every market gets the default (taker-only) schedule.
    const series = await this.rest.series();
    if (!series.ok && series.error.kind === 'fatal') return series;
    const d = decodeDiscovery(markets.value, events.value, series.ok ? series.value.series : [], this.ids);
    this.discoveryIssues = d.issues;
    return ok(d.discovery);
  }

  /**
   * The markets' books; with `onTrade`, their public trades too (Kalshi-only: not part of the port, and the
   * engine passes none yet, so the `trade` channel is subscribed only when asked for).
   */
  streamBooks(
    markets: readonly string[],
    onEvent: (e: BookEvent) => void,
    onTrade?: (t: KalshiTrade) => void,
  ): KalshiBookStream {
    const stream = new KalshiBookStream({
      ...this.opts.stream,
      wsUrl: this.opts.wsUrl,
      signer: this.signer,
      clock: this.opts.clock,
      rng: this.opts.rng.fork('kalshi-ws'),
      markets,
      onEvent,
      ...(onTrade ? { onTrade } : {}),
    });
    this.streams.add(stream);
    return stream;
  }

  /** The account's order updates (`user_orders`, every market), reconnecting and resubscribing by itself. */
  streamOrders(onUpdate: (u: OrderUpdate) => void): KalshiOrderStream {
    const { backoff, idleTimeoutMs } = this.opts.stream ?? {};
    const stream = new KalshiOrderStream({
      ...(backoff ? { backoff } : {}),
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
      wsUrl: this.opts.wsUrl,
      signer: this.signer,
      clock: this.opts.clock,
      rng: this.opts.rng.fork('kalshi-user-ws'),
      onUpdate,
    });
    this.streams.add(stream);
    return stream;
  }

  async fetchBook(
    market: string,
  ): Promise<VenueResult<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }>> {
    const r = await this.rest.orderbook(market);
    if (!r.ok) return r;
    const book = fromCodec(decodeOrderbook(r.value), false);
    return book.ok ? ok({ ...book.value, venueTimeMs: this.opts.clock.now() }) : book;
  }

  // ---- orders (orders/orders.ts) ------------------------------------------------------------------------

  placeOrder(req: OrderRequest): Promise<VenueResult<VenueOrder>> {
    return this.orders.place(req);
  }

  cancelOrder(orderId: string): Promise<VenueResult<VenueOrder>> {
    return this.orders.cancel(orderId);
  }

  amendOrder(orderId: string, change: { px?: Px; qty?: Qty }): Promise<VenueResult<VenueOrder>> {
    return this.orders.amend(orderId, change);
  }

  decreaseOrder(orderId: string, reduceBy: Qty): Promise<VenueResult<VenueOrder>> {
    return this.orders.decrease(orderId, reduceBy);
  }

  getOrder(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    return this.orders.get(orderId);
  }

  findOrder(clientOrderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    return this.orders.find(clientOrderId);
  }

  openOrders(market?: string): Promise<VenueResult<VenueOrder[]>> {
    return this.orders.open(market);
  }

  /**
   * Cancel every resting order with the venue's cancel-all (`DELETE /portfolio/events/orders`): it reaches the
   * orders in the group and any outside it. The group is left active, so a flatten can place its closing orders;
   * `triggerOrderGroup` is the venue-side stop. The venue answers 204 without a count: `cancelled` is the
   * orders resting before that are not resting after (0 when the list before could not be read).
   */
  async cancelAll(): Promise<VenueResult<{ cancelled: number }>> {
    const before = await this.orders.open();
    const r = await this.rest.cancelAllOrders();
    if (!r.ok) return r;
    const after = await this.orders.open();
    if (!after.ok) return after;
    if (after.value.length > 0) {
      return err({
        kind: 'retryable',
        code: 'KALSHI.CANCEL_ALL_INCOMPLETE',
        message: `${after.value.length} orders still resting after cancel-all: ${after.value.map((o) => o.id).join(', ')}`,
      });
    }
    return ok({ cancelled: before.ok ? before.value.length : 0 });
  }

  /** The order group: its id once created, its cap, and whether the venue refused an order because it was hit. */
  get orderGroup(): OrderGroupStatus | undefined {
    return this.group?.status;
  }

  /** The venue-side stop: cancel the group's resting orders and make the venue refuse new ones until reset. */
  triggerOrderGroup(): Promise<VenueResult<void>> {
    return this.group ? this.group.trigger() : Promise.resolve(ok(undefined));
  }

  /** Accept orders again after the group was triggered (by the venue's cap or by `triggerOrderGroup`). */
  resetOrderGroup(): Promise<VenueResult<void>> {
    return this.group ? this.group.reset() : Promise.resolve(ok(undefined));
  }

  // ---- portfolio ----------------------------------------------------------------------------------------

  /** Fills after `cursor`, oldest first (`orders/fills.ts`: why the cursor is correct whatever `min_ts` means). */
  fillsSince(
    cursor: string | undefined,
  ): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
    return fillsSince(this.rest, cursor);
  }

  async positions(): Promise<VenueResult<VenuePosition[]>> {
    const r = await this.rest.positions();
    return r.ok ? fromCodec(decodePositions(r.value), false) : r;
  }

  async balance(): Promise<VenueResult<Micros>> {
    const r = await this.rest.balance();
    return r.ok ? fromCodec(decodeBalance(r.value), false) : r;
  }

  async close(): Promise<void> {
    await Promise.all([...this.streams].map((s) => s.close()));
    this.streams.clear();
    await this.rest.close();
  }
}
