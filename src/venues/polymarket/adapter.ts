/**
 * The Polymarket venue adapter (CLOB V2): the `VenueAdapter` port, by delegation. Discovery from Gamma plus
 * `/clob-markets` (rest/), live YES books from the market channel (ws/ around sync/), orders built and signed
 * with the official client's builder and sent on our keep-alive client with our L2 headers (auth/, orders/),
 * fills from trades with their settlement status, positions from the Data API, free collateral, and the
 * heartbeat dead-man switch (orders/). Every call returns a classified `VenueResult` (errors.ts).
 */
import type { Clock } from '../../core/clock.ts';
import { type Level, MarketIdTable } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import type { Micros } from '../../core/units.ts';
import { err, ok } from '../../core/errors.ts';
import type { HttpClientOptions } from '../shared/http.ts';
import type {
  BookEvent,
  BookStream,
  Discovery,
  OrderRequest,
  OrderStream,
  OrderUpdate,
  VenueAdapter,
  VenueFill,
  VenueOrder,
  VenuePosition,
  VenueResult,
} from '../venue.ts';
import { ApiKeys } from './auth/api-keys.ts';
import { polyError } from './errors.ts';
import { type ApiCreds, walletSigner } from './auth/signer.ts';
import { freeCollateral, positions } from './orders/account.ts';
import { OrderSigner } from './orders/build.ts';
import type { OrderContext } from './orders/context.ts';
import { fillsSince } from './orders/fill-feed.ts';
import { HeartbeatLoop, type HeartbeatStats } from './orders/heartbeat.ts';
import { OrderLookup } from './orders/lookup.ts';
import { OrderIds } from './orders/order-ids.ts';
import { OrderPlacer } from './orders/placing.ts';
import { PolyClient } from './rest/client.ts';
import type { ClobMarketInfo } from './rest/decode-markets.ts';
import { discover } from './rest/discovery.ts';
import { Markets } from './rest/markets.ts';
import { RestTransport } from './rest/transport.ts';
import type { MarketNotice } from './sync/book-sync.ts';
import { openPolyBookStream } from './ws/book-stream.ts';
import { openPolyOrderStream } from './ws/order-stream.ts';

export interface PolymarketAdapterOptions {
  readonly clobUrl: string;
  readonly wsUrl: string;
  readonly userWsUrl: string;
  readonly dataUrl: string;
  readonly gammaUrl: string;
  readonly privateKey: string;
  readonly chainId: number;
  readonly clock: Clock;
  readonly rng: Rng;
  /** API credentials; derived from the wallet (L1) on first use when absent. */
  readonly creds?: ApiCreds;
  /** Interns market keys to MarketIds; share the engine's table. */
  readonly ids?: MarketIdTable;
  /** Re-request a book snapshot that has not arrived after this long (default 3 s). */
  readonly bookResyncTimeoutMs?: number;
  /** Check book hashes on the WebSocket and REST (default true). */
  readonly verifyHashes?: boolean;
  /** The signed timestamp of the order derived from a client order id (default: a fixed epoch). */
  readonly orderTimestampMs?: (clientOrderId: string) => number;
  readonly http?: HttpClientOptions;
  /** Concurrent `/clob-markets` lookups during discovery (default 8). */
  readonly discoveryConcurrency?: number;
  /** Close a same-timestamp batch that has not reached its hash after this long (default 1 s). */
  readonly bookBatchTimeoutMs?: number;
  readonly onProblem?: (reason: string) => void;
  /** What the market channel says about markets: tick size changes, resolutions, new markets. */
  readonly onMarketNotice?: (n: MarketNotice) => void;
}

/** Announced markets kept until the next discovery, at most (a flood of announcements must not grow memory). */
const MAX_ANNOUNCED = 10_000;

export class PolymarketAdapter implements VenueAdapter {
  readonly venue = 'polymarket' as const;
  readonly ids: MarketIdTable;
  /** The wallet address (orders' maker). */
  readonly address: string;
  private readonly orders: OrderContext;
  private readonly lookup: OrderLookup;
  private readonly placer: OrderPlacer;
  private readonly heartbeat: HeartbeatLoop;
  private readonly streams = new Set<BookStream | OrderStream>();
  private announced: MarketNotice[] = [];

  constructor(private readonly opts: PolymarketAdapterOptions) {
    const { clock, chainId } = opts;
    this.ids = opts.ids ?? new MarketIdTable();
    const wallet = walletSigner(opts.privateKey);
    this.address = wallet.account.address;
    const transport = new RestTransport(opts);
    const keys = new ApiKeys(transport, wallet, chainId, clock, opts.creds);
    const rest = new PolyClient(transport, keys);
    const markets = new Markets(rest, opts.discoveryConcurrency);
    this.orders = { rest, keys, markets, ids: new OrderIds(), clock, address: this.address };
    this.lookup = new OrderLookup(this.orders);
    const signer = new OrderSigner(wallet, chainId);
    const { orderTimestampMs } = opts;
    this.placer = new OrderPlacer({ ...this.orders, lookup: this.lookup, signer, orderTimestampMs });
    this.heartbeat = new HeartbeatLoop(rest, clock, opts.onProblem);
  }

  /** REST calls, failures and undecodable responses so far (for health and tests). */
  get restStats(): Readonly<RestTransport['stats']> {
    return this.orders.rest.stats;
  }

  /** The API credentials: as given, else created or derived from the wallet (L1) once. */
  credentials(): Promise<VenueResult<ApiCreds>> {
    return this.orders.keys.get();
  }

  /** CLOB facts for a market, from the cache or `/clob-markets/{id}`. */
  marketInfo(conditionId: string): Promise<VenueResult<ClobMarketInfo>> {
    return this.orders.markets.info(conditionId);
  }

  async discover(): Promise<VenueResult<Discovery>> {
    const announced = this.announced.length;
    const d = await discover(this.orders.rest, this.orders.markets, this.ids, this.opts.discoveryConcurrency);
    if (d.ok) this.announced = this.announced.slice(announced);
    return d;
  }

  /** Markets the venue announced (`new_market`) since the last discovery: the next one lists them. */
  announcedMarkets(): readonly MarketNotice[] {
    return this.announced;
  }

  /** The market channel's news about markets, into the market facts orders are checked against. */
  private readonly onNotice = (n: MarketNotice): void => {
    if (n.type === 'tick_size') this.orders.markets.setTick(n.market, n.tick);
    else if (n.type === 'resolved') this.orders.markets.markResolved(n.market, n.winningAssetId);
    else if (this.announced.length < MAX_ANNOUNCED) this.announced.push(n);
    this.opts.onMarketNotice?.(n);
  };

  streamBooks(markets: readonly string[], onEvent: (e: BookEvent) => void): BookStream {
    const { opts } = this;
    return this.track((onClose) =>
      openPolyBookStream({
        url: opts.wsUrl,
        clock: opts.clock,
        rng: opts.rng.fork('polymarket-book-ws'),
        markets,
        known: this.orders.markets,
        onEvent,
        onClose,
        onProblem: opts.onProblem,
        onNotice: this.onNotice,
        verifyHashes: opts.verifyHashes,
        resyncTimeoutMs: opts.bookResyncTimeoutMs,
        batchTimeoutMs: opts.bookBatchTimeoutMs,
      }),
    );
  }

  async fetchBook(
    market: string,
  ): Promise<VenueResult<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }>> {
    const info = await this.orders.markets.info(market);
    if (!info.ok) return info;
    return this.orders.rest.book(info.value.tokens.yes, this.opts.verifyHashes ?? true);
  }

  /** The account's order updates from the user channel (all markets), closed with the adapter. */
  streamOrders(onUpdate: (u: OrderUpdate) => void): OrderStream {
    const { opts } = this;
    return this.track((onClose) =>
      openPolyOrderStream({
        url: opts.userWsUrl,
        clock: opts.clock,
        rng: opts.rng.fork('polymarket-user-ws'),
        credentials: () => this.orders.keys.get(),
        onUpdate,
        onClose,
        onProblem: opts.onProblem,
        clientOrderIdOf: (id) => this.orders.ids.clientIdOf(id),
        marketOf: (assetId) => this.orders.markets.token(assetId)?.market,
      }),
    );
  }

  /** Keep a stream until it is closed, so `close()` closes what is still open. */
  private track<S extends BookStream | OrderStream>(open: (onClose: () => void) => S): S {
    const stream = open(() => this.streams.delete(stream));
    this.streams.add(stream);
    return stream;
  }

  /** The venue order id (EIP-712 hash) the request derives to, without sending anything. */
  orderIdFor(req: OrderRequest): Promise<VenueResult<string>> {
    return this.placer.orderIdFor(req);
  }

  placeOrder(req: OrderRequest): Promise<VenueResult<VenueOrder>> {
    return this.placer.place(req);
  }

  cancelOrder(orderId: string): Promise<VenueResult<VenueOrder>> {
    return this.placer.cancel(orderId);
  }

  /**
   * The venue's cancel-all (`DELETE /cancel-all`, the official client's `cancelAll()`): every open order of the
   * account, ours or not. `cancelled` is the venue's list of cancelled ids; any it names as not cancelled is an
   * error listing them (retryable: ask again).
   */
  async cancelAll(): Promise<VenueResult<{ cancelled: number }>> {
    const r = await this.orders.rest.cancelAll();
    if (!r.ok) return r;
    const refused = Object.entries(r.value.notCanceled);
    if (refused.length > 0) {
      return err(
        polyError(
          'retryable',
          'POLYMARKET.CANCEL_ALL_INCOMPLETE',
          `not cancelled: ${refused.map(([id, why]) => `${id} (${why})`).join(', ')}`,
        ),
      );
    }
    return ok({ cancelled: r.value.canceled.length });
  }

  getOrder(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    return this.lookup.get(orderId);
  }

  /** By client order id: derived in this process, or from `request` (after a restart). */
  findOrder(clientOrderId: string, request?: OrderRequest): Promise<VenueResult<VenueOrder | undefined>> {
    return this.lookup.find(clientOrderId, request, (r) => this.placer.orderIdFor(r));
  }

  openOrders(market?: string): Promise<VenueResult<VenueOrder[]>> {
    return this.lookup.open(market);
  }

  fillsSince(
    cursor: string | undefined,
  ): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
    return fillsSince(cursor, this.orders);
  }

  positions(): Promise<VenueResult<VenuePosition[]>> {
    return positions(this.orders);
  }

  /** Free collateral: the wallet balance less what open buy orders would spend. */
  balance(): Promise<VenueResult<Micros>> {
    return freeCollateral(this.orders, this.lookup);
  }

  /**
   * Start the dead-man switch: if we stop beating (a crash, a hang), the venue cancels all our open orders.
   * `onBeat` hears each beat's outcome (the engine's venue gate closes on failures).
   */
  startHeartbeats(everyMs = 5_000, onBeat?: (ok: boolean, problem?: string) => void): void {
    this.heartbeat.start(everyMs, onBeat);
  }

  stopHeartbeats(): void {
    this.heartbeat.stop();
  }

  /** One heartbeat; resolves to whether the venue took it. */
  beat(): Promise<boolean> {
    return this.heartbeat.beat();
  }

  get heartbeats(): Readonly<HeartbeatStats> {
    return this.heartbeat.stats;
  }

  async close(): Promise<void> {
    this.stopHeartbeats();
    await Promise.all([...this.streams].map((s) => s.close()));
    await this.orders.rest.close();
  }
}
