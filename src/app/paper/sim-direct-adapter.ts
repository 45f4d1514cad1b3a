/**
 * A `VenueAdapter` that talks to a simulated venue's matching engine in-process instead of over its protocol.
 *
 * Why a third adapter: runs on a simulated clock must be exactly reproducible (same seed → same report), and
 * real sockets interleave two venues' messages differently from run to run. In-process, every book change and
 * every order is a synchronous call on the injected clock, so a replayed session is identical. The protocol
 * adapters (Kalshi, Polymarket) are proven separately against the simulators and the official clients; this one
 * only removes the wire.
 *
 * Why it lives in src/app/paper: it implements the venue port (src/venues/venue.ts) over the simulator's engine,
 * so it must import both, and only the composition root may (src/sim never imports src/venues, src/venues never
 * imports src/sim). Its one user is the sim-clock session next to it.
 */
import type { Clock } from '../../core/clock.ts';
import { MarketIdTable, type Level, type Venue } from '../../core/market.ts';
import { asMicros, type Micros, type Px, type Qty } from '../../core/units.ts';
import type {
  BookEvent,
  BookStream,
  Discovery,
  OrderRequest,
  VenueAdapter,
  VenueError,
  VenueFill,
  VenueOrder,
  VenuePosition,
  VenueResult,
} from '../../venues/venue.ts';
import type { Exchange } from '../../sim/engine/exchange.ts';
import type { SimFill, SimOrder } from '../../sim/engine/types.ts';
import type { Scenario } from '../../sim/universe/types.ts';
import { BOT_ACCOUNT } from '../../sim/venue-exchanges.ts';

export interface SimDirectOptions {
  readonly exchange: Exchange;
  readonly scenario: Scenario;
  readonly clock: Clock;
  readonly ids?: MarketIdTable;
  readonly account?: string;
}

const ok = <T>(value: T): VenueResult<T> => ({ ok: true, value });
const fail = (code: string, message: string): VenueResult<never> => ({
  ok: false,
  error: { kind: 'rejected', code, message } satisfies VenueError,
});

function toVenueOrder(o: Readonly<SimOrder>): VenueOrder {
  return {
    id: o.id,
    ...(o.clientOrderId !== undefined ? { clientOrderId: o.clientOrderId } : {}),
    market: o.market,
    outcome: o.outcome,
    side: o.side,
    px: o.px,
    qty: o.qty,
    filled: o.filled,
    status: o.status === 'resting' ? 'open' : o.status,
    createdMs: o.createdMs,
  };
}

function toVenueFill(f: SimFill): VenueFill {
  return {
    id: f.id,
    orderId: f.orderId,
    ...(f.clientOrderId !== undefined ? { clientOrderId: f.clientOrderId } : {}),
    market: f.market,
    outcome: f.outcome,
    side: f.side,
    px: f.px,
    qty: f.qty,
    fee: f.fee,
    liquidity: f.liquidity,
    tsMs: f.tsMs,
    final: true,
  };
}

export class SimDirectAdapter implements VenueAdapter {
  readonly venue: Venue;
  private readonly ids: MarketIdTable;
  private readonly account: string;

  constructor(private readonly opts: SimDirectOptions) {
    this.venue = opts.exchange.venue;
    this.ids = opts.ids ?? new MarketIdTable();
    this.account = opts.account ?? BOT_ACCOUNT;
  }

  async discover(): Promise<VenueResult<Discovery>> {
    const ex = this.opts.exchange;
    const markets = this.opts.scenario.markets
      .filter((m) => m.venue === this.venue && ex.market(m.key) !== undefined)
      .map((m) => ({
        id: this.ids.intern(m.venue, m.key),
        venue: m.venue,
        key: m.key,
        title: m.title,
        eventKey: m.eventKey,
        ...(m.tokens ? { tokens: m.tokens } : {}),
        ...(m.subtitle !== undefined ? { subtitle: m.subtitle } : {}),
        grid: m.grid,
        minSize: m.minSize,
        fees: m.fees,
        closeTimeMs: m.closeTimeMs,
        status: ex.market(m.key)!.status,
      }));
    const placeholders = new Set(this.opts.scenario.markets.filter((m) => m.placeholder).map((m) => m.key));
    const events = this.opts.scenario.events
      .filter((e) => e.venue === this.venue)
      .map((e) => ({
        venue: e.venue,
        key: e.key,
        title: e.title,
        marketKeys: e.markets,
        mutuallyExclusive: e.mutuallyExclusive || e.negRisk === true,
        ...(e.negRiskAugmented ? { augmented: true } : {}),
        placeholderKeys: e.markets.filter((k) => placeholders.has(k)),
      }));
    return ok({ markets, events });
  }

  streamBooks(markets: readonly string[], onEvent: (e: BookEvent) => void): BookStream {
    const ex = this.opts.exchange;
    const wanted = new Set(markets);
    let updates = 0;
    const unsubscribe = ex.subscribe((e) => {
      if (e.type !== 'book' || !wanted.has(e.market)) return;
      updates++;
      onEvent({
        type: 'level',
        market: e.market,
        side: e.side,
        px: e.yesPx,
        qty: e.qty,
        venueTimeMs: e.tsMs,
        receiveTimeMs: e.tsMs,
      });
    });
    const now = this.opts.clock.now();
    for (const market of wanted) {
      const b = this.book(market);
      if (b)
        onEvent({
          type: 'snapshot',
          market,
          yesBids: b.yesBids,
          yesAsks: b.yesAsks,
          venueTimeMs: now,
          receiveTimeMs: now,
        });
    }
    return {
      ready: Promise.resolve(),
      stats: () => ({ snapshots: wanted.size, updates, gaps: 0, malformed: 0, reconnects: 0, resyncs: 0 }),
      close: async () => {
        unsubscribe();
      },
    };
  }

  async fetchBook(
    market: string,
  ): Promise<VenueResult<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }>> {
    const b = this.book(market);
    return b
      ? ok({ ...b, venueTimeMs: this.opts.clock.now() })
      : fail('SIM.MARKET_NOT_FOUND', `unknown market ${market}`);
  }

  async placeOrder(req: OrderRequest): Promise<VenueResult<VenueOrder>> {
    const r = this.opts.exchange.place({
      account: this.account,
      market: req.market,
      outcome: req.outcome,
      side: req.side,
      px: req.px,
      qty: req.qty,
      tif: req.tif,
      clientOrderId: req.clientOrderId,
      ...(req.expiresAtMs !== undefined ? { expiresAtMs: req.expiresAtMs } : {}),
      ...(req.postOnly !== undefined ? { postOnly: req.postOnly } : {}),
    });
    return r.ok ? ok(toVenueOrder(r.order)) : fail(`SIM.${r.code}`, r.message);
  }

  async cancelOrder(orderId: string): Promise<VenueResult<VenueOrder>> {
    const r = this.opts.exchange.cancel(this.account, orderId);
    return r.ok ? ok(toVenueOrder(r.order)) : fail(`SIM.${r.code}`, r.message);
  }

  async getOrder(orderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const o = this.opts.exchange.order(orderId);
    return ok(o && o.account === this.account ? toVenueOrder(o) : undefined);
  }

  async findOrder(clientOrderId: string): Promise<VenueResult<VenueOrder | undefined>> {
    const o = this.opts.exchange.orderByClientId(this.account, clientOrderId);
    return ok(o ? toVenueOrder(o) : undefined);
  }

  async openOrders(market?: string): Promise<VenueResult<VenueOrder[]>> {
    return ok(
      this.opts.exchange
        .orders({ account: this.account, status: 'resting', ...(market !== undefined ? { market } : {}) })
        .map(toVenueOrder),
    );
  }

  async fillsSince(
    cursor: string | undefined,
  ): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
    const all = this.opts.exchange.fills({ account: this.account });
    const from = cursor === undefined ? 0 : Number(cursor);
    return ok({ fills: all.slice(from).map(toVenueFill), cursor: String(all.length) });
  }

  async positions(): Promise<VenueResult<VenuePosition[]>> {
    const a = this.opts.exchange.account(this.account);
    const out: VenuePosition[] = [];
    for (const [market, p] of a?.positions ?? []) {
      if (p.yes > 0) out.push({ market, outcome: 'YES', qty: p.yes });
      if (p.no > 0) out.push({ market, outcome: 'NO', qty: p.no });
    }
    return ok(out);
  }

  async balance(): Promise<VenueResult<Micros>> {
    return ok(asMicros(this.opts.exchange.account(this.account)?.balance ?? 0));
  }

  async close(): Promise<void> {}

  private book(market: string): { yesBids: Level[]; yesAsks: Level[] } | undefined {
    const b = this.opts.exchange.book(market);
    if (!b) return undefined;
    const lv = (l: { yesPx: Px; qty: Qty }): Level => ({ px: l.yesPx, qty: l.qty });
    return { yesBids: b.bids.map(lv), yesAsks: b.asks.map(lv) };
  }
}
