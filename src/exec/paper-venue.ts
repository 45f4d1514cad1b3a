/**
 * Paper execution: a `VenueAdapter` that takes market data from a real adapter and simulates the orders.
 *
 * An order "arrives" after a random latency and then walks the live book as it is at that moment, level by
 * level up to its limit: partial fills are real partial fills, each level at its own price, each fill charged
 * the venue's taker fee by the venue's own rule (Kalshi: the per-fill model fee under the sub-cent rule of the
 * order, so cash moves in whole cents; Polymarket: its fee rounded per fill). Until it arrives an order cannot
 * trade at all. IOC/FOK remainders are cancelled; GTC remainders rest and fill when the book later trades
 * through them (at the order's price, as a maker). Liquidity the bot already took at a level is not offered to
 * it again until that level changes in the feed (or a snapshot replaces the book), so repeated orders cannot fill
 * twice off one quote; buying YES and selling NO take the same YES asks and share that memory. A sell needs
 * contracts that are held and not already promised to another open sell.
 *
 * The engine cannot tell it from a live venue: the same planner and order path run up to this call.
 */
import type { Clock } from '../core/clock.ts';
import { feeFor, KalshiFeeAccumulator, kalshiModelFee, type FeeModel } from '../core/fees.ts';
import type { Level, Outcome, Venue } from '../core/market.ts';
import type { Rng } from '../core/rng.ts';
import { asMicros, asPx, asQty, notional, PX_ONE, type Micros, type Px, type Qty } from '../core/units.ts';
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
  /** The order has reached the (simulated) venue: before that it cannot trade. */
  arrived: boolean;
  /** Cash held for the unfilled part of a buy. */
  held: number;
  /** Contracts promised to the unfilled part of a sell. */
  heldContracts: number;
  /** Kalshi's sub-cent fee rounding runs per order. */
  readonly kalshiFees: KalshiFeeAccumulator | undefined;
}

/** Kalshi holds a cent more than the fee bound for its per-fill rounding, as the venue does. */
const KALSHI_ROUNDING_SLACK = 10_000;

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
  /** Contracts promised to open sells, per (market, outcome). */
  private readonly positionsPromised = new Map<string, number>();
  /**
   * Quantity the bot already took per (market, YES book side, YES price): forgotten when the feed announces that
   * level again, or a snapshot replaces the market's book.
   */
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
      this.onBookEvent(e);
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
    const fees = this.opts.fees(req.market);
    const pk = posKey(req.market, req.outcome);
    let held = 0;
    let heldContracts = 0;
    if (req.side === 'BUY') {
      held =
        notional(req.px, req.qty) +
        feeFor(fees, 'taker', req.px, req.qty) +
        (fees.kind === 'kalshi' ? KALSHI_ROUNDING_SLACK : 0);
      if (held > this.cash)
        return Promise.resolve(reject('INSUFFICIENT_BALANCE', 'not enough paper cash for this order'));
    } else {
      const free = (this.positionsHeld.get(pk) ?? 0) - (this.positionsPromised.get(pk) ?? 0);
      if (free < req.qty)
        return Promise.resolve(
          reject('INSUFFICIENT_POSITION', `not enough ${req.outcome} contracts to sell`),
        );
      heldContracts = req.qty;
      this.positionsPromised.set(pk, (this.positionsPromised.get(pk) ?? 0) + heldContracts);
    }
    this.cash -= held;
    const o: PaperOrder = {
      req,
      id: `paper-${this.venue}-${++this.n}`,
      filled: 0,
      status: 'open',
      createdMs: this.opts.clock.now(),
      arrived: false,
      held,
      heldContracts,
      kalshiFees: fees.kind === 'kalshi' ? new KalshiFeeAccumulator() : undefined,
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
      out.push({ market, outcome, qty: asQty(qty) });
    }
    return ok(out);
  }

  async balance(): Promise<VenueResult<Micros>> {
    return ok(asMicros(this.cash));
  }

  async close(): Promise<void> {
    for (const o of this.orders.values()) if (o.status === 'open') this.finish(o, 'cancelled');
    await this.inner.close();
  }

  /**
   * A book event from the feed: an announced level (or a whole new book) is fresh liquidity again, and resting
   * orders that have arrived may now trade against it.
   */
  onBookEvent(e: BookEvent): void {
    if (e.type === 'invalid') return;
    const { market } = e;
    if (e.type === 'level') this.consumed.delete(consumedKey(market, e.side, e.px));
    else for (const k of [...this.consumed.keys()]) if (k.startsWith(`${market}|`)) this.consumed.delete(k);
    for (const o of this.orders.values())
      if (o.arrived && o.status === 'open' && o.req.market === market && o.filled < o.req.qty)
        this.match(o, 'maker');
  }

  // ---- internals -------------------------------------------------------------------------------------------

  private arrive(o: PaperOrder): void {
    if (o.status !== 'open') return;
    o.arrived = true;
    const { tif } = o.req;
    if (tif === 'FOK' && this.available(o) < o.req.qty) return this.finish(o, 'cancelled');
    this.match(o, 'taker');
    if (o.filled >= o.req.qty) return this.finish(o, 'filled');
    if (tif === 'IOC' || tif === 'FOK') this.finish(o, 'cancelled');
  }

  /**
   * Levels this order could take now, in its outcome's prices, best first, net of what the bot already took;
   * `key` names the YES level the liquidity comes from.
   */
  private takeable(o: PaperOrder): { px: number; qty: number; key: string }[] {
    const b = this.opts.books.levels(this.venue, o.req.market);
    if (!b) return [];
    const { outcome, side } = o.req;
    // Buying YES takes YES asks; buying NO takes YES bids (NO ask = 1 − YES bid); selling mirrors.
    const bookSide = (outcome === 'YES') === (side === 'BUY') ? 'ask' : 'bid';
    return (bookSide === 'ask' ? b.yesAsks : b.yesBids).map((l) => {
      const key = consumedKey(o.req.market, bookSide, l.px);
      const taken = this.consumed.get(key) ?? 0;
      return { px: outcome === 'YES' ? l.px : PX_ONE - l.px, qty: Math.max(0, l.qty - taken), key };
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
      this.fill(o, asPx(liquidity === 'maker' ? o.req.px : l.px), asQty(qty), liquidity);
      this.consumed.set(l.key, (this.consumed.get(l.key) ?? 0) + qty);
    }
    if (o.filled >= o.req.qty && o.status === 'open') this.finish(o, 'filled');
  }

  private fill(o: PaperOrder, px: Px, qty: Qty, liquidity: 'taker' | 'maker'): void {
    const fees = this.opts.fees(o.req.market);
    const cash = notional(px, qty);
    const buying = o.req.side === 'BUY';
    let fee: number;
    let balanceChange: number;
    if (o.kalshiFees && fees.kind === 'kalshi') {
      const r = o.kalshiFees.apply(asMicros(buying ? -cash : cash), kalshiModelFee(fees, liquidity, px, qty));
      fee = r.feeCharged;
      balanceChange = r.balanceChange;
    } else {
      fee = feeFor(fees, liquidity, px, qty);
      balanceChange = buying ? -(cash + fee) : cash - fee;
    }
    const k = posKey(o.req.market, o.req.outcome);
    if (buying) {
      const debit = -balanceChange;
      const fromHeld = Math.min(debit, o.held);
      o.held -= fromHeld;
      this.cash -= debit - fromHeld;
      this.positionsHeld.set(k, (this.positionsHeld.get(k) ?? 0) + qty);
    } else {
      this.cash += balanceChange;
      this.positionsHeld.set(k, (this.positionsHeld.get(k) ?? 0) - qty);
      o.heldContracts -= qty;
      this.positionsPromised.set(k, (this.positionsPromised.get(k) ?? 0) - qty);
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
      fee: asMicros(fee),
      liquidity,
      tsMs: this.opts.clock.now(),
      final: true,
    });
  }

  private finish(o: PaperOrder, status: 'filled' | 'cancelled'): void {
    o.status = status;
    this.cash += o.held;
    o.held = 0;
    if (o.heldContracts > 0) {
      const k = posKey(o.req.market, o.req.outcome);
      this.positionsPromised.set(k, (this.positionsPromised.get(k) ?? 0) - o.heldContracts);
      o.heldContracts = 0;
    }
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
      filled: asQty(o.filled),
      status: o.status,
      createdMs: o.createdMs,
    };
  }
}

const posKey = (market: string, outcome: Outcome): string => `${market}|${outcome}`;
const consumedKey = (market: string, side: 'bid' | 'ask', yesPx: number): string =>
  `${market}|${side}|${yesPx}`;
