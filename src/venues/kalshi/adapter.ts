/**
 * The Kalshi venue adapter: discovery, books (WebSocket with REST fallback), V2 order entry and queries,
 * fills, positions and balance, all in core units behind the shared `VenueAdapter` interface. Requests are
 * signed with the injected clock; errors are classified once (`errors.ts`); raw payloads stay in this folder.
 *
 * A note on direction: Kalshi V2 orders are bids/asks at a YES price and accounts net YES against NO, so an
 * order the bot placed as "buy NO at q" may come back from the venue as "sell YES at 1 − q" (the deprecated
 * `side`/`action` fields say which contract really traded). Both are the same exposure on Kalshi.
 */
import type { Clock } from '../../core/clock.ts';
import { err, ok } from '../../core/errors.ts';
import { MarketIdTable, type Level } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import { type Micros, PX_ONE, type Px, type Qty, pxToDollars, qtyToFp } from '../../core/units.ts';
import type { HttpClientOptions } from '../shared/http.ts';
import type {
  BookEvent,
  Discovery,
  OrderRequest,
  OrderUpdate,
  VenueAdapter,
  VenueError,
  VenueFill,
  VenueMarket,
  VenueOrder,
  VenuePosition,
  VenueResult,
} from '../venue.ts';
import { KalshiBookStream, type KalshiBookStreamOptions } from './book-stream.ts';
import {
  decodeBalance,
  decodeEvent,
  decodeFill,
  decodeMarket,
  decodeOrder,
  decodePosition,
  encodeOrder,
  parseCount,
  yesLevels,
} from './codec.ts';
import { badResponse } from './errors.ts';
import { decodeFillCursor, encodeFillCursor, nextFillCursor } from './fill-cursor.ts';
import { KalshiOrderStream } from './order-stream.ts';
import { KalshiRest } from './rest.ts';
import { KalshiSigner } from './signer.ts';
import {
  WireBalance,
  WireCreateOrderResponse,
  type WireEvent,
  WireEventsPage,
  WireFillsPage,
  type WireMarket,
  WireMarketsPage,
  type WireOrder,
  WireOrderbookResponse,
  WireOrderResponse,
  WireOrdersPage,
  WirePositionsPage,
  type WireSeries,
  WireSeriesList,
} from './wire.ts';

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
  readonly discoverStatus?: 'unopened' | 'open' | 'closed' | 'settled';
  readonly stream?: Partial<
    Pick<KalshiBookStreamOptions, 'chunkSize' | 'resyncAfterMs' | 'backoff' | 'idleTimeoutMs' | 'watchdogMs'>
  >;
}

const invalidRequest = (message: string): VenueError => ({
  kind: 'rejected',
  code: 'KALSHI.INVALID_REQUEST',
  message,
});
const enc = encodeURIComponent;

export class KalshiAdapter implements VenueAdapter {
  readonly venue = 'kalshi' as const;
  /** Markets or events discovery skipped because their payload was malformed (reset per `discover`). */
  discoveryIssues: string[] = [];
  private readonly signer: KalshiSigner;
  private readonly rest: KalshiRest;
  private readonly ids: MarketIdTable;
  /** Book and order streams, closed with the adapter. */
  private readonly streams = new Set<{ close(): Promise<void> }>();

  constructor(private readonly opts: KalshiAdapterOptions) {
    this.signer = new KalshiSigner(opts.keyId, opts.privateKeyPem, opts.clock);
    this.rest = new KalshiRest(opts.restUrl, this.signer, opts.clock, opts.http);
    this.ids = opts.ids ?? new MarketIdTable();
  }

  // ---- discovery and books ------------------------------------------------------------------------------

  async discover(): Promise<VenueResult<Discovery>> {
    const status = this.opts.discoverStatus;
    const markets = await this.rest.all('/markets', WireMarketsPage, (p) => p.markets, {
      limit: 1000,
      status,
    });
    if (!markets.ok) return markets;
    const events = await this.rest.all('/events', WireEventsPage, (p) => p.events, { limit: 200, status });
    if (!events.ok) return events;
    // Fee types live on series; without them every market gets the default (taker-only) schedule.
    const seriesList = await this.rest.get('/series', WireSeriesList);
    if (!seriesList.ok && seriesList.error.kind === 'fatal') return seriesList;
    const series = new Map<string, WireSeries>(
      seriesList.ok ? seriesList.value.series.map((s) => [s.ticker, s]) : [],
    );
    const eventByKey = new Map<string, WireEvent>(events.value.map((e) => [e.event_ticker, e]));
    this.discoveryIssues = [];
    const out: VenueMarket[] = [];
    for (const w of markets.value) {
      const ev = eventByKey.get(w.event_ticker);
      const s = ev?.series_ticker ? series.get(ev.series_ticker) : undefined;
      const m = decodeMarket(w, this.ids, ev, s);
      if (m.ok) out.push(m.value);
      else this.discoveryIssues.push(m.error.message);
    }
    const byEvent = new Map<string, string[]>();
    for (const m of out) if (m.eventKey) byEvent.set(m.eventKey, [...(byEvent.get(m.eventKey) ?? []), m.key]);
    const discovered = events.value.map((e) =>
      decodeEvent(e, byEvent.get(e.event_ticker) ?? (e.markets ?? []).map((m: WireMarket) => m.ticker)),
    );
    return ok({ markets: out, events: discovered });
  }

  streamBooks(markets: readonly string[], onEvent: (e: BookEvent) => void): KalshiBookStream {
    const stream = new KalshiBookStream({
      ...this.opts.stream,
      wsUrl: this.opts.wsUrl,
      signer: this.signer,
      clock: this.opts.clock,
      rng: this.opts.rng.fork('kalshi-ws'),
      markets,
      onEvent,
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
    const r = await this.rest.get(`/markets/${enc(market)}/orderbook`, WireOrderbookResponse);
    if (!r.ok) return r;
    const book = yesLevels(
      r.value.orderbook_fp.yes_dollars ?? [],
      r.value.orderbook_fp.no_dollars ?? [],
      'orderbook_fp',
    );
    if (!book.ok) return err(badResponse(book.error.message, false));
    return ok({ ...book.value, venueTimeMs: this.opts.clock.now() });
  }

  // ---- orders -------------------------------------------------------------------------------------------

  async placeOrder(req: OrderRequest): Promise<VenueResult<VenueOrder>> {
    if (req.clientOrderId === '') return err(invalidRequest('clientOrderId is required'));
    if (!(req.px > 0 && req.px < PX_ONE))
      return err(invalidRequest(`price ${req.px} Px is not inside (0, 1)`));
    if (!(req.qty > 0)) return err(invalidRequest('size must be positive'));
    if (req.tif === 'GTD' && req.expiresAtMs === undefined)
      return err(invalidRequest('GTD needs expiresAtMs'));
    const r = await this.rest.call(
      'POST',
      '/portfolio/events/orders',
      WireCreateOrderResponse,
      encodeOrder(req),
    );
    if (!r.ok) return r;
    let filled: Qty;
    let remaining: Qty;
    try {
      filled = parseCount('fill_count', r.value.fill_count);
      remaining = parseCount('remaining_count', r.value.remaining_count);
    } catch (e) {
      return err(badResponse(`create order response: ${e instanceof Error ? e.message : String(e)}`, true));
    }
    return ok({
      id: r.value.order_id,
      clientOrderId: req.clientOrderId,
      market: req.market,
      outcome: req.outcome,
      side: req.side,
      px: req.px,
      qty: req.qty,
      filled,
      status: remaining > 0 ? 'open' : filled >= req.qty ? 'filled' : 'cancelled',
      createdMs: r.value.ts_ms ?? this.opts.clock.now(),
    });
  }

  async cancelOrder(orderId: string): Promise<VenueResult<VenueOrder>> {
    const r = await this.rest.call('DELETE', `/portfolio/events/orders/${enc(orderId)}`, undefined);
    if (!r.ok) return r;
    return this.requireOrder(orderId);
  }

  async amendOrder(orderId: string, change: { px?: Px; qty?: Qty }): Promise<VenueResult<VenueOrder>> {
    const cur = await this.rawOrder(orderId);
    if (!cur.ok) return cur;
    if (!cur.value) return err(notFound(orderId));
    const o = decodeOrder(cur.value);
    if (!o.ok) return err(badResponse(o.error.message, false));
    const px = change.px ?? o.value.px;
    const bid = (o.value.outcome === 'YES') === (o.value.side === 'BUY');
    const body = {
      ticker: o.value.market,
      side: bid ? 'bid' : 'ask',
      price: pxToDollars((o.value.outcome === 'YES' ? px : PX_ONE - px) as Px),
      count: qtyToFp(change.qty ?? o.value.qty),
    };
    const r = await this.rest.call('POST', `/portfolio/events/orders/${enc(orderId)}/amend`, undefined, body);
    if (!r.ok) return r;
    return this.requireOrder(orderId);
  }

  async decreaseOrder(orderId: string, reduceBy: Qty): Promise<VenueResult<VenueOrder>> {
    if (!(reduceBy > 0)) return err(invalidRequest('reduceBy must be positive'));
    const r = await this.rest.call('POST', `/portfolio/events/orders/${enc(orderId)}/decrease`, undefined, {
      reduce_by: qtyToFp(reduceBy),
    });
    if (!r.ok) return r;
    return this.requireOrder(orderId);
  }

  async getOrder(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const r = await this.rawOrder(orderId);
    if (!r.ok) return r;
    if (!r.value) return ok(undefined);
    const o = decodeOrder(r.value);
    return o.ok ? ok(o.value) : err(badResponse(o.error.message, false));
  }

  async findOrder(clientOrderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const all = await this.rest.all('/portfolio/orders', WireOrdersPage, (p) => p.orders, { limit: 1000 });
    if (!all.ok) return all;
    const hit = all.value.find((o) => o.client_order_id === clientOrderId);
    if (!hit) return ok(undefined);
    const o = decodeOrder(hit);
    return o.ok ? ok(o.value) : err(badResponse(o.error.message, false));
  }

  async openOrders(market?: string): Promise<VenueResult<VenueOrder[]>> {
    const all = await this.rest.all('/portfolio/orders', WireOrdersPage, (p) => p.orders, {
      limit: 1000,
      status: 'resting',
      ticker: market,
    });
    if (!all.ok) return all;
    const out: VenueOrder[] = [];
    for (const w of all.value) {
      const o = decodeOrder(w);
      if (!o.ok) return err(badResponse(o.error.message, false));
      out.push(o.value);
    }
    return ok(out);
  }

  // ---- portfolio ----------------------------------------------------------------------------------------

  /**
   * Fills after `cursor`, oldest first. The cursor remembers the newest fill second seen and the fills of
   * its last two seconds, and asks from one second before it: correct whether `min_ts` is inclusive or not.
   */
  async fillsSince(
    cursor: string | undefined,
  ): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
    const c = decodeFillCursor(cursor);
    if (!c.ok) return err(invalidRequest(c.message));
    const all = await this.rest.all('/portfolio/fills', WireFillsPage, (p) => p.fills, {
      limit: 1000,
      ...(c.value.ts === undefined ? {} : { min_ts: Math.max(0, c.value.ts - 1) }),
    });
    if (!all.ok) return all;
    const fresh: VenueFill[] = [];
    for (const w of [...all.value].reverse()) {
      const f = decodeFill(w);
      if (!f.ok) return err(badResponse(f.error.message, false));
      if (!c.value.seen.has(f.value.id)) fresh.push(f.value);
    }
    fresh.sort((a, b) => a.tsMs - b.tsMs);
    const next = nextFillCursor(c.value, fresh);
    return ok({ fills: fresh, cursor: next === undefined ? cursor : encodeFillCursor(next) });
  }

  async positions(): Promise<VenueResult<VenuePosition[]>> {
    const all = await this.rest.all('/portfolio/positions', WirePositionsPage, (p) => p.market_positions, {
      limit: 1000,
      count_filter: 'position',
    });
    if (!all.ok) return all;
    const out: VenuePosition[] = [];
    for (const w of all.value) {
      const p = decodePosition(w);
      if (!p.ok) return err(badResponse(p.error.message, false));
      if (p.value) out.push(p.value);
    }
    return ok(out);
  }

  async balance(): Promise<VenueResult<Micros>> {
    const r = await this.rest.get('/portfolio/balance', WireBalance);
    if (!r.ok) return r;
    const b = decodeBalance(r.value);
    return b.ok ? ok(b.value) : err(badResponse(b.error.message, false));
  }

  async close(): Promise<void> {
    await Promise.all([...this.streams].map((s) => s.close()));
    this.streams.clear();
    await this.rest.close();
  }

  // ---- internals ----------------------------------------------------------------------------------------

  /** The raw order, undefined on a 404. */
  private async rawOrder(orderId: string): Promise<VenueResult<WireOrder | undefined>> {
    const r = await this.rest.get(`/portfolio/orders/${enc(orderId)}`, WireOrderResponse);
    if (r.ok) return ok(r.value.order);
    return r.error.status === 404 ? ok(undefined) : r;
  }

  private async requireOrder(orderId: string): Promise<VenueResult<VenueOrder>> {
    const r = await this.getOrder(orderId);
    if (!r.ok) return r;
    return r.value ? ok(r.value) : err(notFound(orderId));
  }
}

function notFound(orderId: string): VenueError {
  return { kind: 'rejected', code: 'KALSHI.ORDER_NOT_FOUND', message: `no order ${orderId}`, status: 404 };
}
