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
import { type ApiCreds, type ClientSigner, walletSigner } from './auth/signer.ts';
import { freeCollateral, positions } from './orders/account.ts';
import { OrderSigner } from './orders/build.ts';
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
  readonly onProblem?: (reason: string) => void;
}

export class PolymarketAdapter implements VenueAdapter {
  readonly venue = 'polymarket' as const;
  readonly ids: MarketIdTable;
  private readonly signer: ClientSigner;
  private readonly transport: RestTransport;
  private readonly keys: ApiKeys;
  private readonly rest: PolyClient;
  private readonly markets: Markets;
  private readonly orderIds = new OrderIds();
  private readonly lookup: OrderLookup;
  private readonly placer: OrderPlacer;
  private readonly heartbeat: HeartbeatLoop;
  private readonly streams = new Set<BookStream | OrderStream>();

  constructor(private readonly opts: PolymarketAdapterOptions) {
    this.ids = opts.ids ?? new MarketIdTable();
    this.signer = walletSigner(opts.privateKey);
    const { clobUrl, dataUrl, gammaUrl, clock } = opts;
    this.transport = new RestTransport({
      clobUrl,
      dataUrl,
      gammaUrl,
      clock,
      ...(opts.http ? { http: opts.http } : {}),
    });
    this.keys = new ApiKeys(this.transport, this.signer, opts.chainId, clock, opts.creds);
    this.rest = new PolyClient(this.transport, this.keys);
    this.markets = new Markets(this.rest, opts.discoveryConcurrency);
    this.lookup = new OrderLookup(this.rest, this.markets, this.orderIds);
    this.placer = new OrderPlacer({
      ...{ rest: this.rest, keys: this.keys, markets: this.markets, ids: this.orderIds, lookup: this.lookup },
      signer: new OrderSigner(this.signer, opts.chainId),
      clock,
      orderTimestampMs: opts.orderTimestampMs,
    });
    this.heartbeat = new HeartbeatLoop(this.rest, clock, opts.onProblem);
  }

  get address(): string {
    return this.signer.account.address;
  }

  /** REST calls, failures and undecodable responses so far (for health and tests). */
  get restStats(): Readonly<RestTransport['stats']> {
    return this.transport.stats;
  }

  /** The API credentials: as given, else created or derived from the wallet (L1) once. */
  credentials(): Promise<VenueResult<ApiCreds>> {
    return this.keys.get();
  }

  /** CLOB facts for a market, from the cache or `/clob-markets/{id}`. */
  marketInfo(conditionId: string): Promise<VenueResult<ClobMarketInfo>> {
    return this.markets.info(conditionId);
  }

  discover(): Promise<VenueResult<Discovery>> {
    return discover(this.rest, this.markets, this.ids);
  }

  streamBooks(markets: readonly string[], onEvent: (e: BookEvent) => void): BookStream {
    const { opts } = this;
    const stream = openPolyBookStream({
      url: opts.wsUrl,
      clock: opts.clock,
      rng: opts.rng.fork('polymarket-book-ws'),
      markets,
      lookup: (m) => this.markets.ensure(m),
      follow: (m) => ({ market: this.markets.get(m)!.conditionId, assetId: this.markets.get(m)!.tokens.yes }),
      onEvent,
      onClose: () => this.streams.delete(stream),
      ...(opts.verifyHashes === undefined ? {} : { verifyHashes: opts.verifyHashes }),
      ...(opts.bookResyncTimeoutMs === undefined ? {} : { resyncTimeoutMs: opts.bookResyncTimeoutMs }),
      ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
    });
    this.streams.add(stream);
    return stream;
  }

  async fetchBook(
    market: string,
  ): Promise<VenueResult<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }>> {
    const info = await this.markets.info(market);
    if (!info.ok) return info;
    return this.rest.book(info.value.tokens.yes, this.opts.verifyHashes ?? true);
  }

  /** The account's order updates from the user channel (all markets), closed with the adapter. */
  streamOrders(onUpdate: (u: OrderUpdate) => void): OrderStream {
    const stream = openPolyOrderStream({
      url: this.opts.userWsUrl,
      clock: this.opts.clock,
      rng: this.opts.rng.fork('polymarket-user-ws'),
      credentials: () => this.keys.get(),
      onUpdate,
      clientOrderIdOf: (id) => this.orderIds.clientIdOf(id),
      marketOf: (assetId) => this.markets.token(assetId)?.market,
      onClose: () => this.streams.delete(stream),
      ...(this.opts.onProblem ? { onProblem: this.opts.onProblem } : {}),
    });
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
    return fillsSince(cursor, {
      rest: this.rest,
      markets: this.markets,
      ids: this.orderIds,
      address: this.address,
    });
  }

  positions(): Promise<VenueResult<VenuePosition[]>> {
    return positions(this.rest, this.markets, this.address);
  }

  /** Free collateral: the wallet balance less what open buy orders would spend. */
  balance(): Promise<VenueResult<Micros>> {
    return freeCollateral(this.rest, this.lookup);
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
    await this.rest.close();
  }
}
