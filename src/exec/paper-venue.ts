/**
 * Paper execution: a `VenueAdapter` that takes market data from a real adapter and simulates the orders.
 *
 * An order "arrives" after a random latency and then walks the live book as it is at that moment, level by
 * level up to its limit: partial fills are real partial fills, each level at its own price, each fill charged
 * the venue's taker fee. IOC/FOK remainders are cancelled; GTC remainders rest and fill when the book later
 * trades through them (at the order's price, as a maker). Liquidity the bot already took at a level is not
 * offered to it again until that level changes in the feed, so repeated orders cannot fill twice off one quote.
 *
 * The engine cannot tell it from a live venue: the same planner and order path run up to this call.
 */
import type { Clock } from '../core/clock.ts';
import { feeFor, type FeeModel } from '../core/fees.ts';
import type { Level, Outcome, Venue } from '../core/market.ts';
import type { Rng } from '../core/rng.ts';
import { notional, PX_ONE, type Micros, type Px, type Qty } from '../core/units.ts';
import type {
  BookEvent,
  BookStream,
  Discovery,
  OrderRequest,
  VenueAdapter,
  VenueFill,
  VenueOrder,
  VenuePosition,
  VenueResult,
} from '../venues/venue.ts';

/** Where the paper venue reads the live book: YES levels, best first. */
export interface BookSource {
  levels(venue: Venue, market: string): { yesBids: readonly Level[]; yesAsks: readonly Level[] } | undefined;
}

export interface PaperVenueOptions {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly books: BookSource;
  readonly fees: (market: string) => FeeModel;
  readonly startingCash: Micros;
  /** Order latency, uniform in [min, max] ms. */
  readonly latencyMs: readonly [number, number];
}

interface PaperOrder {
  readonly req: OrderRequest;
  readonly id: string;
  filled: number;
  status: VenueOrder['status'];
  readonly createdMs: number;
  /** Cash held for the unfilled part of a buy. */
  held: number;
}

const ok = <T>(value: T): VenueResult<T> => ({ ok: true, value });
const reject = (code: string, message: string): VenueResult<never> => ({
  ok: false,
  error: { kind: 'rejected', code: `PAPER.${code}`, message },
});

export class PaperVenue implements VenueAdapter {
  readonly venue: Venue;
  private readonly orders = new Map<string, PaperOrder>();
  private readonly byClientId = new Map<string, string>();
  private readonly fills: VenueFill[] = [];
  private readonly positionsHeld = new Map<string, number>();
  /** Quantity the bot already took per (market, outcome, price), forgotten when the market's book changes. */
  private readonly consumed = new Map<string, number>();
  private cash: number;
  private n = 0;

  constructor(
    private readonly inner: VenueAdapter,
    private readonly opts: PaperVenueOptions,
  ) {
    this.venue = inner.venue;
    this.cash = opts.startingCash;
  }

  // ---- market data: the real venue's ---------------------------------------------------------------------

  discover(): Promise<VenueResult<Discovery>> {
    return this.inner.discover();
  }

  streamBooks(markets: readonly string[], onEvent: (e: BookEvent) => void): BookStream {
    return this.inner.streamBooks(markets, (e) => {
      onEvent(e);
      if (e.type !== 'invalid') this.onBookChange(e.market);
    });
  }

  fetchBook(market: string) {
    return this.inner.fetchBook(market);
  }

  // ---- orders: simulated ---------------------------------------------------------------------------------

  placeOrder(req: OrderRequest): Promise<VenueResult<VenueOrder>> {
    if (this.byClientId.has(req.clientOrderId))
      return Promise.resolve(
        reject('DUPLICATE_CLIENT_ORDER_ID', `client order id ${req.clientOrderId} already used`),
      );
    if (!(req.qty > 0) || !(req.px > 0 && req.px < PX_ONE))
      return Promise.resolve(reject('INVALID_ORDER', 'price must be in (0, 1) and size positive'));
    let held = 0;
    if (req.side === 'BUY') {
      held = notional(req.px, req.qty) + feeFor(this.opts.fees(req.market), 'taker', req.px, req.qty);
      if (held > this.cash)
        return Promise.resolve(reject('INSUFFICIENT_BALANCE', 'not enough paper cash for this order'));
    } else if ((this.positionsHeld.get(posKey(req.market, req.outcome)) ?? 0) < req.qty) {
      return Promise.resolve(reject('INSUFFICIENT_POSITION', `not enough ${req.outcome} contracts to sell`));
    }
    this.cash -= held;
    const o: PaperOrder = {
      req,
      id: `paper-${this.venue}-${++this.n}`,
      filled: 0,
      status: 'open',
      createdMs: this.opts.clock.now(),
      held,
    };
    this.orders.set(o.id, o);
    this.byClientId.set(req.clientOrderId, o.id);
    const [lo, hi] = this.opts.latencyMs;
    const latency = lo + this.opts.rng.float() * (hi - lo);
    return new Promise((resolve) => {
      this.opts.clock.setTimeout(() => {
        this.arrive(o);
        resolve(ok(this.view(o)));
      }, latency);
    });
  }

  async cancelOrder(orderId: string): Promise<VenueResult<VenueOrder>> {
    const o = this.orders.get(orderId);
    if (!o) return reject('ORDER_NOT_FOUND', `no paper order ${orderId}`);
    if (o.status !== 'open') return reject('ORDER_NOT_OPEN', `order is ${o.status}`);
    this.finish(o, 'cancelled');
    return ok(this.view(o));
  }

  async getOrder(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const o = this.orders.get(orderId);
    return ok(o && this.view(o));
  }

  async findOrder(clientOrderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const id = this.byClientId.get(clientOrderId);
    return this.getOrder(id ?? '');
  }

  async openOrders(market?: string): Promise<VenueResult<VenueOrder[]>> {
    return ok(
      [...this.orders.values()]
        .filter((o) => o.status === 'open' && (market === undefined || o.req.market === market))
        .map((o) => this.view(o)),
    );
  }

  async fillsSince(
    cursor: string | undefined,
  ): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
    const from = cursor === undefined ? 0 : Number(cursor);
    return ok({ fills: this.fills.slice(from), cursor: String(this.fills.length) });
  }

  async positions(): Promise<VenueResult<VenuePosition[]>> {
    const out: VenuePosition[] = [];
    for (const [k, qty] of this.positionsHeld) {
      if (qty <= 0) continue;
      const [market, outcome] = k.split('|') as [string, Outcome];
      out.push({ market, outcome, qty: qty as Qty });
    }
    return ok(out);
  }

  async balance(): Promise<VenueResult<Micros>> {
    return ok(this.cash as Micros);
  }

  async close(): Promise<void> {
    for (const o of this.orders.values()) if (o.status === 'open') this.finish(o, 'cancelled');
    await this.inner.close();
  }

  /** A market's book changed: its consumed liquidity is fresh again, and resting orders may now trade. */
  onBookChange(market: string): void {
    for (const k of [...this.consumed.keys()]) if (k.startsWith(`${market}|`)) this.consumed.delete(k);
    for (const o of this.orders.values())
      if (o.status === 'open' && o.req.market === market && o.filled < o.req.qty) this.match(o, 'maker');
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private arrive(o: PaperOrder): void {
    if (o.status !== 'open') return;
    const { tif } = o.req;
    if (tif === 'FOK' && this.available(o) < o.req.qty) return this.finish(o, 'cancelled');
    this.match(o, 'taker');
    if (o.filled >= o.req.qty) return this.finish(o, 'filled');
    if (tif === 'IOC' || tif === 'FOK') this.finish(o, 'cancelled');
  }

  /** Levels this order could take now, in its outcome's prices, best first, net of what the bot already took. */
  private takeable(o: PaperOrder): { px: number; qty: number }[] {
    const b = this.opts.books.levels(this.venue, o.req.market);
    if (!b) return [];
    const { outcome, side } = o.req;
    // Buying YES takes YES asks; buying NO takes YES bids (NO ask = 1 − YES bid); selling mirrors.
    const yesSide = (outcome === 'YES') === (side === 'BUY') ? b.yesAsks : b.yesBids;
    return yesSide.map((l) => {
      const px = outcome === 'YES' ? l.px : PX_ONE - l.px;
      const taken = this.consumed.get(`${o.req.market}|${outcome}|${side}|${px}`) ?? 0;
      return { px, qty: Math.max(0, l.qty - taken) };
    });
  }

  private available(o: PaperOrder): number {
    let n = 0;
    for (const l of this.takeable(o)) if (this.crosses(o, l.px)) n += l.qty;
    return n;
  }

  private crosses(o: PaperOrder, px: number): boolean {
    return o.req.side === 'BUY' ? px <= o.req.px : px >= o.req.px;
  }

  private match(o: PaperOrder, liquidity: 'taker' | 'maker'): void {
    for (const l of this.takeable(o)) {
      if (o.filled >= o.req.qty || !this.crosses(o, l.px)) break;
      const qty = Math.min(o.req.qty - o.filled, l.qty);
      if (qty <= 0) continue;
      // A maker fill happens at the resting order's own price; a taker takes each level at its price.
      this.fill(o, (liquidity === 'maker' ? o.req.px : l.px) as Px, qty as Qty, liquidity);
      const k = `${o.req.market}|${o.req.outcome}|${o.req.side}|${l.px}`;
      this.consumed.set(k, (this.consumed.get(k) ?? 0) + qty);
    }
    if (o.filled >= o.req.qty && o.status === 'open') this.finish(o, 'filled');
  }

  private fill(o: PaperOrder, px: Px, qty: Qty, liquidity: 'taker' | 'maker'): void {
    const fee = feeFor(this.opts.fees(o.req.market), liquidity, px, qty);
    const cash = notional(px, qty);
    const k = posKey(o.req.market, o.req.outcome);
    if (o.req.side === 'BUY') {
      const spend = cash + fee;
      const fromHeld = Math.min(spend, o.held);
      o.held -= fromHeld;
      this.cash -= spend - fromHeld;
      this.positionsHeld.set(k, (this.positionsHeld.get(k) ?? 0) + qty);
    } else {
      this.cash += cash - fee;
      this.positionsHeld.set(k, (this.positionsHeld.get(k) ?? 0) - qty);
    }
    o.filled += qty;
    this.fills.push({
      id: `${o.id}-f${this.fills.length + 1}`,
      orderId: o.id,
      clientOrderId: o.req.clientOrderId,
      market: o.req.market,
      outcome: o.req.outcome,
      side: o.req.side,
      px,
      qty,
      fee,
      liquidity,
      tsMs: this.opts.clock.now(),
      final: true,
    });
  }

  private finish(o: PaperOrder, status: 'filled' | 'cancelled'): void {
    o.status = status;
    this.cash += o.held;
    o.held = 0;
  }

  private view(o: PaperOrder): VenueOrder {
    return {
      id: o.id,
      clientOrderId: o.req.clientOrderId,
      market: o.req.market,
      outcome: o.req.outcome,
      side: o.req.side,
      px: o.req.px,
      qty: o.req.qty,
      filled: o.filled as Qty,
      status: o.status,
      createdMs: o.createdMs,
    };
  }
}

const posKey = (market: string, outcome: Outcome): string => `${market}|${outcome}`;
