/** Fakes for execution tests: a scripted venue adapter and a book source the test moves by hand. */
import type { Clock } from '../../src/core/clock.ts';
import type { Level, Venue } from '../../src/core/market.ts';
import type { Micros, Px, Qty } from '../../src/core/units.ts';
import type { BookSource } from '../../src/exec/index.ts';
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
} from '../../src/venues/venue.ts';

export const px = (dollars: number) => Math.round(dollars * 10_000) as Px;
export const qty = (contracts: number) => Math.round(contracts * 100) as Qty;
/** A level from a YES price in dollars and a size in contracts. */
export const lvl = (dollars: number, contracts: number): Level => ({ px: px(dollars), qty: qty(contracts) });

const notUsed = (what: string): never => {
  throw new Error(`the fake inner adapter does not do ${what}`);
};

/**
 * Books the test sets directly, in YES terms, best first. `emit` also tells whoever streams them (a paper
 * venue) that the market's book changed, the way a venue feed would.
 */
export class FakeBooks implements BookSource {
  private readonly books = new Map<string, { yesBids: Level[]; yesAsks: Level[] }>();
  private readonly listeners: ((e: BookEvent) => void)[] = [];

  levels(_venue: Venue, market: string) {
    return this.books.get(market);
  }

  /** Replace a market's book (and announce it as a snapshot). */
  set(market: string, yesBids: Level[], yesAsks: Level[], nowMs = 0): void {
    this.books.set(market, { yesBids, yesAsks });
    this.emit({ type: 'snapshot', market, yesBids, yesAsks, venueTimeMs: nowMs, receiveTimeMs: nowMs });
  }

  /** Set one level's absolute size (0 removes it) and announce that level. */
  level(market: string, side: 'bid' | 'ask', price: number, contracts: number, nowMs = 0): void {
    const b = this.books.get(market) ?? { yesBids: [], yesAsks: [] };
    const key = side === 'bid' ? 'yesBids' : 'yesAsks';
    const others = b[key].filter((l) => l.px !== px(price));
    const next = contracts > 0 ? [...others, lvl(price, contracts)] : others;
    next.sort((a, c) => (side === 'bid' ? c.px - a.px : a.px - c.px));
    this.books.set(market, { ...b, [key]: next });
    this.emit({
      type: 'level',
      market,
      side,
      px: px(price),
      qty: qty(contracts),
      venueTimeMs: nowMs,
      receiveTimeMs: nowMs,
    });
  }

  subscribe(fn: (e: BookEvent) => void): void {
    this.listeners.push(fn);
  }

  private emit(e: BookEvent): void {
    for (const fn of this.listeners) fn(e);
  }
}

/**
 * The market-data side of a venue for a paper venue to wrap: its book stream is the FakeBooks' (only the
 * markets it was asked for), and closing the stream marks those books invalid, as the real adapters do.
 */
export class FakeInner implements VenueAdapter {
  closed = false;
  constructor(
    readonly venue: Venue,
    private readonly books: FakeBooks,
    private readonly discovery: Discovery = { markets: [], events: [] },
  ) {}

  async discover(): Promise<VenueResult<Discovery>> {
    return { ok: true, value: this.discovery };
  }

  streamBooks(markets: readonly string[], onEvent: (e: BookEvent) => void): BookStream {
    const wanted = new Set(markets);
    let open = true;
    this.books.subscribe((e) => {
      if (open && wanted.has(e.market)) onEvent(e);
    });
    return {
      ready: Promise.resolve(),
      stats: () => ({ snapshots: 0, updates: 0, gaps: 0, malformed: 0, reconnects: 0, resyncs: 0 }),
      close: async () => {
        for (const market of wanted)
          onEvent({ type: 'invalid', market, reason: 'disconnected', receiveTimeMs: 0 });
        open = false;
      },
    };
  }

  async fetchBook(
    market: string,
  ): Promise<VenueResult<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }>> {
    const b = this.books.levels(this.venue, market);
    return b
      ? { ok: true, value: { yesBids: [...b.yesBids], yesAsks: [...b.yesAsks], venueTimeMs: 0 } }
      : { ok: false, error: { kind: 'rejected', code: 'FAKE.NO_BOOK', message: `no book for ${market}` } };
  }
  placeOrder(): Promise<VenueResult<VenueOrder>> {
    return notUsed('placeOrder');
  }
  cancelOrder(): Promise<VenueResult<VenueOrder>> {
    return notUsed('cancelOrder');
  }
  getOrder(): Promise<VenueResult<VenueOrder | undefined>> {
    return notUsed('getOrder');
  }
  findOrder(): Promise<VenueResult<VenueOrder | undefined>> {
    return notUsed('findOrder');
  }
  openOrders(): Promise<VenueResult<VenueOrder[]>> {
    return notUsed('openOrders');
  }
  fillsSince(): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
    return notUsed('fillsSince');
  }
  positions(): Promise<VenueResult<VenuePosition[]>> {
    return notUsed('positions');
  }
  balance(): Promise<VenueResult<Micros>> {
    return notUsed('balance');
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

let nextClientId = 0;

export const buy = (
  market: string,
  outcome: 'YES' | 'NO',
  price: number,
  contracts: number,
  tif: OrderRequest['tif'] = 'IOC',
  clientOrderId = `c${++nextClientId}`,
): OrderRequest => ({ clientOrderId, market, outcome, side: 'BUY', px: px(price), qty: qty(contracts), tif });

export const sell = (
  market: string,
  outcome: 'YES' | 'NO',
  price: number,
  contracts: number,
  tif: OrderRequest['tif'] = 'IOC',
  clientOrderId = `s${++nextClientId}`,
): OrderRequest => ({
  clientOrderId,
  market,
  outcome,
  side: 'SELL',
  px: px(price),
  qty: qty(contracts),
  tif,
});

/** What a scripted venue does with one order. */
export type Step =
  /**
   * Fill these (price in dollars of the order's outcome, contracts) and cancel the rest (IOC). With a clock,
   * `replyMs` delays the answer (a slow venue) and `feedLagMs` the fills' arrival in the fill feed.
   */
  | {
      readonly fill: readonly (readonly [number, number])[];
      readonly fee?: number;
      readonly mirror?: boolean;
      readonly replyMs?: number;
      readonly feedLagMs?: number;
    }
  /** Refuse it. */
  | { readonly reject: string }
  /**
   * The answer is lost (timeout, 5xx on a write): the venue may or may not have the order. With `exists`, it does
   * and it filled `fill`.
   */
  | { readonly lost: true; readonly exists: boolean; readonly fill?: readonly (readonly [number, number])[] };

const UNREACHABLE: VenueResult<never> = {
  ok: false,
  error: { kind: 'unknown', code: 'NETWORK', message: 'venue unreachable' },
};

/**
 * A venue whose orders do what the test scripts, one step per order in placement order (missing steps fill
 * nothing). `mirror` reports the fills the way Kalshi may: a buy of YES at p as a sell of NO at 1 − p. Steps with
 * delays need `clock` (the test's SimClock, advanced by the test).
 */
export class ScriptVenue implements VenueAdapter {
  readonly placed: OrderRequest[] = [];
  private readonly orders: VenueOrder[] = [];
  private readonly fills: VenueFill[] = [];
  /** When each fill (same index) reaches the fill feed: the feed is in order, so a late fill holds back later ones. */
  private readonly visibleAt: number[] = [];
  private n = 0;

  constructor(
    readonly venue: Venue,
    private readonly steps: Step[] = [],
    private readonly clock?: Clock,
  ) {}

  private nowMs(): number {
    return this.clock?.now() ?? 0;
  }

  private wait(ms: number | undefined): Promise<void> {
    if (!ms) return Promise.resolve();
    const clock = this.clock;
    if (!clock) throw new Error('ScriptVenue: a delayed step needs a clock');
    return new Promise((resolve) => clock.setTimeout(resolve, ms));
  }

  async discover(): Promise<VenueResult<Discovery>> {
    return { ok: true, value: { markets: [], events: [] } };
  }
  streamBooks(): BookStream {
    return notUsed('streamBooks');
  }
  async fetchBook(): Promise<VenueResult<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }>> {
    return notUsed('fetchBook');
  }

  /** Fills that happened before the session (another run's): the executor must not count them. */
  history(f: VenueFill): void {
    this.fills.push(f);
    this.visibleAt.push(0);
  }

  async placeOrder(req: OrderRequest): Promise<VenueResult<VenueOrder>> {
    this.placed.push(req);
    const step = this.steps.shift() ?? { fill: [] };
    if ('reject' in step)
      return { ok: false, error: { kind: 'rejected', code: step.reject, message: 'scripted reject' } };
    if ('lost' in step) {
      if (step.exists) this.execute(req, step.fill ?? [], 0, false);
      return { ok: false, error: { kind: 'unknown', code: 'NETWORK', message: 'no answer' } };
    }
    const order = this.execute(req, step.fill, step.fee ?? 0, step.mirror ?? false, step.feedLagMs ?? 0);
    await this.wait(step.replyMs);
    return { ok: true, value: order };
  }

  private execute(
    req: OrderRequest,
    fills: readonly (readonly [number, number])[],
    fee: number,
    mirror: boolean,
    feedLagMs = 0,
  ): VenueOrder {
    const id = `${this.venue}-o${++this.n}`;
    let filled = 0;
    for (const [price, contracts] of fills) {
      const q = qty(contracts);
      filled += q;
      this.fills.push({
        id: `${id}-f${this.fills.length + 1}`,
        orderId: id,
        clientOrderId: req.clientOrderId,
        market: req.market,
        outcome: mirror ? (req.outcome === 'YES' ? 'NO' : 'YES') : req.outcome,
        side: mirror ? (req.side === 'BUY' ? 'SELL' : 'BUY') : req.side,
        px: (mirror ? 10_000 - px(price) : px(price)) as Px,
        qty: q,
        fee: fee as Micros,
        liquidity: 'taker',
        tsMs: 0,
        final: true,
      });
      this.visibleAt.push(this.nowMs() + feedLagMs);
    }
    const o: VenueOrder = {
      id,
      clientOrderId: req.clientOrderId,
      market: req.market,
      outcome: mirror ? (req.outcome === 'YES' ? 'NO' : 'YES') : req.outcome,
      side: mirror ? (req.side === 'BUY' ? 'SELL' : 'BUY') : req.side,
      px: (mirror ? 10_000 - req.px : req.px) as Px,
      qty: req.qty,
      filled: filled as Qty,
      status: filled >= req.qty ? 'filled' : 'cancelled',
      createdMs: 0,
    };
    this.orders.push(o);
    return o;
  }

  async cancelOrder(): Promise<VenueResult<VenueOrder>> {
    return notUsed('cancelOrder');
  }
  async getOrder(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    if (this.queryFailures > 0) return UNREACHABLE;
    return { ok: true, value: this.orders.find((o) => o.id === orderId) };
  }
  /**
   * How many more order queries (`findOrder`) fail as if the venue could not be reached; while any are left the
   * venue's other reads (its fill feed, order status) fail too, so nothing else can find the order either.
   */
  queryFailures = 0;

  async findOrder(clientOrderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    if (this.queryFailures > 0) {
      this.queryFailures--;
      return UNREACHABLE;
    }
    return { ok: true, value: this.orders.find((o) => o.clientOrderId === clientOrderId) };
  }

  /**
   * An order whose request was lost reaches the venue after all (late), and fills `fills`: what an order of
   * unknown outcome, once declared not found, can still do.
   */
  arrive(clientOrderId: string, fills: readonly (readonly [number, number])[]): void {
    const req = this.placed.find((r) => r.clientOrderId === clientOrderId);
    if (!req) throw new Error(`no order ${clientOrderId} was placed`);
    this.execute(req, fills, 0, false);
  }
  async openOrders(): Promise<VenueResult<VenueOrder[]>> {
    return { ok: true, value: [] };
  }
  async fillsSince(
    cursor: string | undefined,
  ): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
    if (this.queryFailures > 0) return UNREACHABLE;
    const from = cursor === undefined ? 0 : Number(cursor);
    let to = from;
    while (to < this.fills.length && this.visibleAt[to]! <= this.nowMs()) to++;
    return { ok: true, value: { fills: this.fills.slice(from, to), cursor: String(to) } };
  }
  async positions(): Promise<VenueResult<VenuePosition[]>> {
    return { ok: true, value: [] };
  }
  async balance(): Promise<VenueResult<Micros>> {
    return { ok: true, value: 0 as Micros };
  }
  async close(): Promise<void> {}
}
