/**
 * The Polymarket venue adapter (CLOB V2): discovery from Gamma plus `/clob-markets`, live YES books from the
 * market channel, orders built and signed with the official client's builder but sent on our keep-alive
 * client with our L2 headers, fills from trades with their settlement status, positions from the Data API,
 * collateral balance, and the heartbeat dead-man switch. Every call returns a classified `VenueResult`.
 */
import type { Clock } from '../../core/clock.ts';
import { err, ok } from '../../core/errors.ts';
import { type Level, MarketIdTable, type Outcome } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import { type Micros, notional, type Qty, qtyFromDecimal } from '../../core/units.ts';
import type { HttpClientOptions } from '../shared/http.ts';
import type {
  BookEvent,
  BookStream,
  Discovery,
  OrderRequest,
  OrderStream,
  OrderUpdate,
  VenueAdapter,
  VenueError,
  VenueFill,
  VenueOrder,
  VenuePosition,
  VenueResult,
} from '../venue.ts';
import { type ApiCreds, type ClientSigner, l1Headers, walletSigner } from './auth.ts';
import { hashWithBlankHash } from './book-hash.ts';
import { PolyBookStream } from './book-stream.ts';
import {
  arr,
  type ClobMarketInfo,
  type GammaEvent,
  obj,
  type OpenOrder,
  parseBalance,
  parseBookSummary,
  parseCancelResponse,
  parseClobMarketInfo,
  parseGammaEvent,
  parseOpenOrder,
  parsePage,
  parsePositions,
  parsePostOrderResponse,
  parseTrade,
  PolyCodecError,
  str,
  type Trade,
} from './codec.ts';
import { polyError } from './errors.ts';
import { decodeFillCursor, encodeFillCursor, fillsFromTrades, queryAfterSeconds } from './fills.ts';
import { toDiscovery } from './discovery.ts';
import { HeartbeatLoop, type HeartbeatStats } from './heartbeat.ts';
import { MarketCache } from './markets.ts';
import { openPolyOrderStream } from './order-stream.ts';
import { DEFAULT_ORDER_TIMESTAMP_MS, OrderSigner, type WireOrderType } from './orders.ts';
import { PolyRest } from './rest.ts';

const END_CURSOR = 'LTE=';

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
  private readonly rest: PolyRest;
  private readonly signer: ClientSigner;
  private readonly orders: OrderSigner;
  private readonly cache = new MarketCache();
  private readonly streams = new Set<BookStream | OrderStream>();
  /** Client order id → order hash, and back: filled as orders are derived. */
  private readonly hashByClientId = new Map<string, string>();
  private readonly clientIdByHash = new Map<string, string>();
  private auth: Promise<VenueResult<ApiCreds>> | undefined;
  private readonly heartbeat: HeartbeatLoop;

  constructor(private readonly opts: PolymarketAdapterOptions) {
    this.ids = opts.ids ?? new MarketIdTable();
    this.signer = walletSigner(opts.privateKey);
    this.orders = new OrderSigner(this.signer, opts.chainId);
    this.rest = new PolyRest({
      clobUrl: opts.clobUrl,
      dataUrl: opts.dataUrl,
      gammaUrl: opts.gammaUrl,
      clock: opts.clock,
      ...(opts.http ? { http: opts.http } : {}),
    });
    this.heartbeat = new HeartbeatLoop(this.rest, opts.clock, () => this.credentials(), opts.onProblem);
  }

  get address(): string {
    return this.signer.account.address;
  }

  /** REST calls, failures and undecodable responses so far (for health and tests). */
  get restStats(): Readonly<PolyRest['stats']> {
    return this.rest.stats;
  }

  // ---- credentials -------------------------------------------------------------------------------------

  /** The API credentials: as given, else created or derived from the wallet (L1) once. */
  credentials(): Promise<VenueResult<ApiCreds>> {
    this.auth ??= this.obtainCreds().then((r) => {
      if (r.ok) this.rest.setCredentials(this.address, r.value);
      else this.auth = undefined; // try again next time
      return r;
    });
    return this.auth;
  }

  private async obtainCreds(): Promise<VenueResult<ApiCreds>> {
    if (this.opts.creds) return ok(this.opts.creds);
    const decode = (v: unknown): ApiCreds => {
      const o = obj(v, 'api key');
      return {
        key: str(o, 'apiKey', 'api key'),
        secret: str(o, 'secret', 'api key'),
        passphrase: str(o, 'passphrase', 'api key'),
      };
    };
    const headers = await l1Headers(this.signer, this.opts.chainId, this.opts.clock.now());
    const created = await this.rest.call('POST', '/auth/api-key', decode, { headers });
    if (created.ok) return created;
    // The venue refuses to create a key that exists: derive it instead.
    const again = await l1Headers(this.signer, this.opts.chainId, this.opts.clock.now());
    return this.rest.call('GET', '/auth/derive-api-key', decode, { headers: again });
  }

  // ---- markets -----------------------------------------------------------------------------------------

  /** CLOB facts for a market, from the cache or `/clob-markets/{id}`. */
  async marketInfo(conditionId: string): Promise<VenueResult<ClobMarketInfo>> {
    const hit = this.cache.get(conditionId);
    if (hit) return ok(hit);
    const r = await this.rest.call('GET', `/clob-markets/${conditionId}`, parseClobMarketInfo);
    if (r.ok) this.cache.put(r.value);
    return r;
  }

  async discover(): Promise<VenueResult<Discovery>> {
    const events: GammaEvent[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.rest.call(
        'GET',
        '/events',
        (v) => arr(v, 'events').map((e, i) => parseGammaEvent(e, `events[${i}]`)),
        { host: 'gamma', query: { closed: 'false', limit: '100', offset: String(offset) } },
      );
      if (!page.ok) return page;
      events.push(...page.value);
      if (page.value.length < 100) break;
    }
    const conditionIds = [...new Set(events.flatMap((e) => e.markets.map((m) => m.conditionId)))];
    const failed = await this.fetchInfos(conditionIds);
    if (failed) return err(failed);
    return ok(toDiscovery(events, this.cache, this.ids));
  }

  private async fetchInfos(conditionIds: readonly string[]): Promise<VenueError | undefined> {
    const todo = conditionIds.filter((c) => !this.cache.get(c));
    let failure: VenueError | undefined;
    const worker = async (): Promise<void> => {
      for (let c = todo.pop(); c !== undefined && !failure; c = todo.pop()) {
        const r = await this.marketInfo(c);
        if (!r.ok) failure = r.error;
      }
    };
    await Promise.all(Array.from({ length: this.opts.discoveryConcurrency ?? 8 }, worker));
    return failure;
  }

  // ---- books -------------------------------------------------------------------------------------------

  streamBooks(markets: readonly string[], onEvent: (e: BookEvent) => void): BookStream {
    let inner: PolyBookStream | undefined;
    let closed = false;
    const ready = (async () => {
      const failed = await this.fetchInfos(markets);
      if (failed) throw new Error(`polymarket: cannot stream books: ${failed.code}: ${failed.message}`);
      if (closed) return;
      inner = new PolyBookStream({
        url: this.opts.wsUrl,
        clock: this.opts.clock,
        rng: this.opts.rng.fork('polymarket-book-ws'),
        markets: markets.map((m) => ({
          market: this.cache.get(m)!.conditionId,
          assetId: this.cache.get(m)!.tokens.yes,
        })),
        onEvent,
        ...(this.opts.verifyHashes === undefined ? {} : { verifyHashes: this.opts.verifyHashes }),
        ...(this.opts.bookResyncTimeoutMs === undefined
          ? {}
          : { resyncTimeoutMs: this.opts.bookResyncTimeoutMs }),
        ...(this.opts.onProblem ? { onProblem: this.opts.onProblem } : {}),
      });
      await inner.ready;
    })();
    // A caller that never awaits `ready` must not crash the process when discovery fails.
    ready.catch(() => undefined);
    const stream: BookStream & { isValid(market: string): boolean } = {
      ready,
      stats: () =>
        inner?.stats() ?? { snapshots: 0, updates: 0, gaps: 0, malformed: 0, reconnects: 0, resyncs: 0 },
      isValid: (market) => inner?.isValid(market) ?? false,
      close: async () => {
        closed = true;
        this.streams.delete(stream);
        await ready.catch(() => undefined);
        await inner?.close();
      },
    };
    this.streams.add(stream);
    return stream;
  }

  async fetchBook(
    market: string,
  ): Promise<VenueResult<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }>> {
    const info = await this.marketInfo(market);
    if (!info.ok) return info;
    const verify = this.opts.verifyHashes ?? true;
    return this.rest.call(
      'GET',
      '/book',
      (v) => {
        const b = parseBookSummary(v);
        if (verify && hashWithBlankHash(obj(v, 'book')) !== b.hash)
          throw new PolyCodecError('book: hash does not match its content');
        return { yesBids: b.bids, yesAsks: b.asks, venueTimeMs: b.timestampMs };
      },
      { query: { token_id: info.value.tokens.yes } },
    );
  }

  // ---- orders ------------------------------------------------------------------------------------------

  /** The account's order updates from the user channel (all markets), closed with the adapter. */
  streamOrders(onUpdate: (u: OrderUpdate) => void): OrderStream {
    const stream = openPolyOrderStream({
      url: this.opts.userWsUrl,
      clock: this.opts.clock,
      rng: this.opts.rng.fork('polymarket-user-ws'),
      credentials: () => this.credentials(),
      onUpdate,
      clientOrderIdOf: (id) => this.clientIdByHash.get(id),
      marketOf: (assetId) => this.cache.token(assetId)?.market,
      onClose: () => this.streams.delete(stream),
      ...(this.opts.onProblem ? { onProblem: this.opts.onProblem } : {}),
    });
    this.streams.add(stream);
    return stream;
  }

  /** The venue order id (EIP-712 hash) the request derives to, without sending anything. */
  async orderIdFor(req: OrderRequest): Promise<VenueResult<string>> {
    const built = await this.build(req);
    return built.ok ? ok(built.value.hash) : built;
  }

  private async build(req: OrderRequest): Promise<VenueResult<{ hash: string; body: string }>> {
    const creds = await this.credentials();
    if (!creds.ok) return creds;
    const info = await this.marketInfo(req.market);
    if (!info.ok) return info;
    if (req.tif === 'GTD' && req.expiresAtMs === undefined)
      return err(polyError('rejected', 'POLYMARKET.INVALID_EXPIRATION', 'GTD orders need expiresAtMs'));
    const orderType: WireOrderType = req.tif === 'IOC' ? 'FAK' : req.tif;
    const built = await this.orders.build(
      {
        clientOrderId: req.clientOrderId,
        tokenId: req.outcome === 'YES' ? info.value.tokens.yes : info.value.tokens.no,
        side: req.side,
        px: req.px,
        qty: req.qty,
        negRisk: info.value.negRisk,
        orderType,
        postOnly: req.postOnly ?? false,
        // P5: a GTD order is kept until 60 s before its signed expiration.
        ...(req.tif === 'GTD' ? { expirationSec: Math.ceil(req.expiresAtMs! / 1000) + 60 } : {}),
        timestampMs: this.opts.orderTimestampMs?.(req.clientOrderId) ?? DEFAULT_ORDER_TIMESTAMP_MS,
      },
      creds.value.key,
    );
    this.hashByClientId.set(req.clientOrderId, built.hash);
    this.clientIdByHash.set(built.hash, req.clientOrderId);
    return ok(built);
  }

  async placeOrder(req: OrderRequest): Promise<VenueResult<VenueOrder>> {
    const built = await this.build(req);
    if (!built.ok) return built;
    const { hash, body } = built.value;
    const r = await this.rest.call('POST', '/order', parsePostOrderResponse, {
      body,
      auth: true,
      write: true,
    });
    if (!r.ok) {
      // Our own order already exists (a retry after an unknown outcome): report it instead of failing.
      if (r.error.code === 'POLYMARKET.DUPLICATE_ORDER') {
        const existing = await this.getOrder(hash);
        if (existing.ok && existing.value) return ok(existing.value);
      }
      return r;
    }
    const res = r.value;
    if (!res.success)
      return err(
        polyError('rejected', 'POLYMARKET.EXECUTION_ERROR', res.errorMsg || 'order not accepted', {
          status: 200,
        }),
      );
    const shares = req.side === 'BUY' ? res.takingAmount : res.makingAmount;
    let filled: Qty;
    try {
      filled = qtyFromDecimal(shares);
    } catch {
      return err(
        polyError('unknown', 'POLYMARKET.MALFORMED_RESPONSE', `order ${hash}: bad matched amount ${shares}`),
      );
    }
    // live: resting (maybe partly matched); matched: fully filled, or an IOC/FAK whose rest was cancelled;
    // unmatched: nothing traded and nothing rests; delayed: still being processed, so still open.
    const status: VenueOrder['status'] =
      res.status === 'live' || res.status === 'delayed'
        ? 'open'
        : res.status === 'matched' && filled >= req.qty
          ? 'filled'
          : 'cancelled';
    return ok({
      id: hash,
      clientOrderId: req.clientOrderId,
      market: req.market,
      outcome: req.outcome,
      side: req.side,
      px: req.px,
      qty: req.qty,
      filled,
      status,
      createdMs: this.opts.clock.now(),
    });
  }

  async cancelOrder(orderId: string): Promise<VenueResult<VenueOrder>> {
    const creds = await this.credentials();
    if (!creds.ok) return creds;
    const r = await this.rest.call('DELETE', '/order', parseCancelResponse, {
      body: JSON.stringify({ orderID: orderId }),
      auth: true,
      write: true,
    });
    if (!r.ok) return r;
    const after = await this.getOrder(orderId);
    if (!after.ok) return after;
    if (!after.value) return err(polyError('rejected', 'POLYMARKET.NOT_FOUND', `order ${orderId} not found`));
    if (!r.value.canceled.includes(orderId))
      return err(
        polyError(
          'rejected',
          'POLYMARKET.ORDER_NOT_OPEN',
          r.value.notCanceled[orderId] ?? `order ${orderId} was not canceled`,
        ),
      );
    return ok(after.value);
  }

  async getOrder(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const creds = await this.credentials();
    if (!creds.ok) return creds;
    const out = await this.rest.raw('GET', `/data/order/${orderId}`, { auth: true });
    if (
      out.ok &&
      (out.res.status === 404 || (out.res.status === 200 && /^\s*(null)?\s*$/.test(out.res.text)))
    )
      return ok(undefined);
    const r = this.rest.decode(out, `GET /data/order/${orderId}`, parseOpenOrder);
    if (!r.ok) return r;
    return this.toVenueOrder(r.value);
  }

  /**
   * Polymarket orders carry no client order id: the order's hash is derived from the request (the salt comes
   * from the client order id). This process knows the hashes it derived; after a restart, pass the original
   * request (recovery rebuilds it from the stored intent) and the hash is derived again.
   */
  async findOrder(
    clientOrderId: string,
    request?: OrderRequest,
  ): Promise<VenueResult<VenueOrder | undefined>> {
    let hash = this.hashByClientId.get(clientOrderId);
    if (hash === undefined && request !== undefined && request.clientOrderId === clientOrderId) {
      const derived = await this.orderIdFor(request);
      if (!derived.ok) return derived;
      hash = derived.value;
    }
    if (hash === undefined)
      return err(
        polyError(
          'rejected',
          'POLYMARKET.UNKNOWN_CLIENT_ORDER_ID',
          `no order was derived from ${clientOrderId} in this process: use orderIdFor(request) and getOrder`,
        ),
      );
    return this.getOrder(hash);
  }

  async openOrders(market?: string): Promise<VenueResult<VenueOrder[]>> {
    const creds = await this.credentials();
    if (!creds.ok) return creds;
    const out: VenueOrder[] = [];
    for (let cursor = 'MA=='; cursor !== END_CURSOR;) {
      const page = await this.rest.call('GET', '/data/orders', (v) => parsePage(v, 'orders'), {
        auth: true,
        query: { next_cursor: cursor, ...(market === undefined ? {} : { market }) },
      });
      if (!page.ok) return page;
      for (const raw of page.value.data) {
        let o: OpenOrder;
        try {
          o = parseOpenOrder(raw);
        } catch (e) {
          if (!(e instanceof PolyCodecError)) throw e;
          return err(polyError('retryable', 'POLYMARKET.MALFORMED_RESPONSE', e.message));
        }
        const v = await this.toVenueOrder(o);
        if (!v.ok) return v;
        out.push(v.value);
      }
      cursor = page.value.nextCursor;
    }
    return ok(out);
  }

  private async toVenueOrder(o: OpenOrder): Promise<VenueResult<VenueOrder>> {
    const info = await this.marketInfo(o.market);
    if (!info.ok) return info;
    const outcome: Outcome | undefined =
      o.assetId === info.value.tokens.yes ? 'YES' : o.assetId === info.value.tokens.no ? 'NO' : o.outcome;
    if (!outcome)
      return err(
        polyError('retryable', 'POLYMARKET.MALFORMED_RESPONSE', `order ${o.id}: unknown asset ${o.assetId}`),
      );
    const clientOrderId = this.clientIdByHash.get(o.id);
    return ok({
      id: o.id,
      ...(clientOrderId === undefined ? {} : { clientOrderId }),
      market: info.value.conditionId,
      outcome,
      side: o.side,
      px: o.px,
      qty: o.originalQty,
      filled: o.matchedQty,
      status:
        o.status === 'LIVE'
          ? 'open'
          : o.status === 'MATCHED' || o.matchedQty >= o.originalQty
            ? 'filled'
            : 'cancelled',
      createdMs: o.createdMs,
    });
  }

  // ---- fills, positions, balance -----------------------------------------------------------------------

  async fillsSince(
    cursor: string | undefined,
  ): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
    const state = decodeFillCursor(cursor);
    if (!state)
      return err(polyError('rejected', 'POLYMARKET.BAD_CURSOR', 'not a cursor this adapter issued'));
    const creds = await this.credentials();
    if (!creds.ok) return creds;
    const trades: Trade[] = [];
    for (let next = 'MA=='; next !== END_CURSOR;) {
      const page = await this.rest.call('GET', '/data/trades', (v) => parsePage(v, 'trades'), {
        auth: true,
        query: { after: String(queryAfterSeconds(state)), next_cursor: next },
      });
      if (!page.ok) return page;
      try {
        trades.push(...page.value.data.map(parseTrade));
      } catch (e) {
        if (!(e instanceof PolyCodecError)) throw e;
        return err(polyError('retryable', 'POLYMARKET.MALFORMED_RESPONSE', e.message));
      }
      next = page.value.nextCursor;
    }
    const failed = await this.fetchInfos([...new Set(trades.map((t) => t.market))]);
    if (failed) return err(failed);
    const { fills, next } = fillsFromTrades(trades, state, {
      address: this.address,
      outcomeOf: (asset) => this.cache.token(asset)?.outcome,
      feesOf: (market) => this.cache.fees(market),
      clientOrderIdOf: (id) => this.clientIdByHash.get(id),
    });
    return ok({ fills, cursor: encodeFillCursor(next) });
  }

  async positions(): Promise<VenueResult<VenuePosition[]>> {
    const out: VenuePosition[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await this.rest.call('GET', '/positions', parsePositions, {
        host: 'data',
        query: { user: this.address, sizeThreshold: '0', limit: '500', offset: String(offset) },
      });
      if (!page.ok) return page;
      for (const p of page.value) {
        const outcome = this.cache.token(p.assetId)?.outcome ?? p.outcome;
        if (!outcome || p.qty === 0) continue;
        out.push({ market: p.conditionId, outcome, qty: p.qty });
      }
      if (page.value.length < 500) break;
    }
    return ok(out);
  }

  /** Free collateral: the wallet balance less what open buy orders would spend (the venue reports the whole wallet). */
  async balance(): Promise<VenueResult<Micros>> {
    const creds = await this.credentials();
    if (!creds.ok) return creds;
    const [bal, open] = await Promise.all([
      this.rest.call('GET', '/balance-allowance', parseBalance, {
        auth: true,
        query: { asset_type: 'COLLATERAL', signature_type: '0' },
      }),
      this.openOrders(),
    ]);
    if (!bal.ok) return bal;
    if (!open.ok) return open;
    let committed = 0;
    for (const o of open.value) if (o.side === 'BUY') committed += notional(o.px, (o.qty - o.filled) as Qty);
    return ok((bal.value - committed) as Micros);
  }

  // ---- heartbeats --------------------------------------------------------------------------------------

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
