/**
 * A simulated venue: markets with price-time-priority books, member accounts, order lifecycle and an event log.
 * Deterministic given the clock and the call sequence; every state change is an event with a sequence number.
 *
 * This class is the venue's face: markets and their status, accounts, queries and the event log. Orders live in
 * the `OrderDesk` (order-desk.ts), money in the `Ledger`, events in the `EventLog`.
 */
import type { Clock } from '../../core/clock.ts';
import type { Outcome, Venue } from '../../core/market.ts';
import { asMicros, type Px, type Qty } from '../../core/units.ts';
import { OrderBook } from './book.ts';
import { EventLog } from './event-log.ts';
import type { MarketState } from './internal.ts';
import { Ledger } from './ledger.ts';
import { OrderDesk, type PlaceHook } from './order-desk.ts';
import { Ring } from './ring.ts';
import type {
  AccountView,
  BookView,
  CancelReason,
  ExchangeStatus,
  MarketStatus,
  OrderOpResult,
  OrderRequest,
  PlaceResult,
  SimEvent,
  SimExchangeOptions,
  SimFill,
  SimMarketConfig,
  SimOrder,
  SimTrade,
} from './types.ts';

export type { PlaceHook, PlaceHookResult } from './order-desk.ts';

/** Public trades kept for the venues' trade endpoints: the newest this many. */
const TRADE_RING = 10_000;

export class Exchange {
  readonly venue: Venue;
  private readonly markets = new Map<string, MarketState>();
  private readonly ledger: Ledger;
  private readonly log: EventLog;
  private readonly desk: OrderDesk;
  private readonly fillLog: SimFill[] = [];
  private readonly tradeLog = new Ring<SimTrade>(TRADE_RING);
  private exchangeStatus: ExchangeStatus = 'open';
  private placeHook: PlaceHook | undefined;

  constructor(
    opts: SimExchangeOptions & { readonly hashEvents?: boolean },
    private readonly clock: Clock,
  ) {
    this.venue = opts.venue;
    this.log = new EventLog(clock, opts.hashEvents ?? false);
    const emit = this.log.emit.bind(this.log);
    this.ledger = new Ledger(opts.feeRounding, opts.autoNetPositions, emit);
    for (const cfg of opts.markets) this.addMarket(cfg);
    this.desk = new OrderDesk({
      clock,
      idPrefix: opts.idPrefix,
      markets: this.markets,
      ledger: this.ledger,
      emit,
      status: () => this.exchangeStatus,
      placeHook: () => this.placeHook,
      recordFill: (fill) => {
        if (this.ledger.accounts.get(fill.account)!.tracked) this.fillLog.push(fill);
      },
      recordTrade: (trade) => this.tradeLog.push(trade),
    });
  }

  // ---- markets and status -------------------------------------------------------------------------

  addMarket(cfg: SimMarketConfig): void {
    if (this.markets.has(cfg.key)) throw new Error(`duplicate market ${cfg.key}`);
    this.markets.set(cfg.key, {
      cfg,
      status: cfg.status ?? 'open',
      result: undefined,
      book: new OrderBook(),
    });
  }

  marketKeys(): string[] {
    return [...this.markets.keys()];
  }

  market(
    key: string,
  ):
    | { readonly cfg: SimMarketConfig; readonly status: MarketStatus; readonly result: Outcome | undefined }
    | undefined {
    return this.markets.get(key);
  }

  book(market: string, depth?: number): BookView | undefined {
    return this.markets.get(market)?.book.view(depth);
  }

  get status(): ExchangeStatus {
    return this.exchangeStatus;
  }

  setStatus(status: ExchangeStatus): void {
    if (status === this.exchangeStatus) return;
    this.exchangeStatus = status;
    this.log.emit({ type: 'exchange', status });
  }

  /** Paused markets refuse new orders but keep their book; closing cancels every resting order. */
  setMarketStatus(market: string, status: Exclude<MarketStatus, 'settled'>): void {
    const m = this.markets.get(market);
    if (!m || m.status === 'settled' || m.status === status) return;
    m.status = status;
    this.log.emit({ type: 'market', market, status });
    if (status === 'closed') this.desk.cancelWhere((o) => o.market === market, 'market_closed');
  }

  /** Resolve a market: cancel its orders, pay $1 per winning contract, mark it settled. */
  resolve(market: string, result: Outcome): void {
    const m = this.markets.get(market);
    if (!m) throw new Error(`unknown market ${market}`);
    if (m.status === 'settled') throw new Error(`market ${market} already settled`);
    this.desk.cancelWhere((o) => o.market === market, 'settled');
    m.status = 'settled';
    m.result = result;
    this.log.emit({ type: 'market', market, status: 'settled', result });
    this.ledger.settleMarket(market, result);
  }

  // ---- accounts ---------------------------------------------------------------------------------------

  /** Create an account (idempotent) and deposit `cash`. Tracked accounts keep their full history. */
  openAccount(id: string, cash: number, opts: { tracked?: boolean } = {}): void {
    const a = this.ledger.accounts.open(id, opts.tracked ?? true);
    if (cash !== 0) this.deposit(id, cash);
    else this.ledger.emitBalance(a);
  }

  deposit(id: string, micros: number): void {
    const a = this.ledger.accounts.get(id);
    if (!a) throw new Error(`unknown account ${id}`);
    this.ledger.accounts.deposit(a, asMicros(micros));
    this.ledger.emitBalance(a);
  }

  account(id: string): AccountView | undefined {
    return this.ledger.accounts.get(id)?.view();
  }

  accounts(): AccountView[] {
    return this.ledger.accounts.all().map((a) => a.view());
  }

  /** The conservation identity's parts: balance + reserved + fees + escrow = deposited. */
  totals(): { balance: number; reserved: number; fees: number; escrow: number; deposited: number } {
    return this.ledger.totals();
  }

  escrowOf(market: string): number {
    return this.ledger.escrowOf(market);
  }

  // ---- queries ----------------------------------------------------------------------------------------

  order(id: string): Readonly<SimOrder> | undefined {
    const s = this.desk.orderIndex.get(id);
    return s && { ...s.order };
  }

  orderByClientId(account: string, clientOrderId: string): Readonly<SimOrder> | undefined {
    const id = this.desk.idOfClientOrder(account, clientOrderId);
    return id === undefined ? undefined : this.order(id);
  }

  /** Orders known to the exchange, oldest first (agents' finished orders are not retained). */
  orders(
    filter: { account?: string; market?: string; status?: SimOrder['status'] } = {},
  ): Readonly<SimOrder>[] {
    const out: SimOrder[] = [];
    for (const s of this.desk.orderIndex.values()) {
      const o = s.order;
      if (filter.account !== undefined && o.account !== filter.account) continue;
      if (filter.market !== undefined && o.market !== filter.market) continue;
      if (filter.status !== undefined && o.status !== filter.status) continue;
      out.push({ ...o });
    }
    return out;
  }

  /** Fills of tracked accounts, oldest first. */
  fills(filter: { account?: string; market?: string; orderId?: string } = {}): readonly SimFill[] {
    return this.fillLog.filter(
      (f) =>
        (filter.account === undefined || f.account === filter.account) &&
        (filter.market === undefined || f.market === filter.market) &&
        (filter.orderId === undefined || f.orderId === filter.orderId),
    );
  }

  /** The most recent public trades (a bounded ring), oldest first. */
  trades(filter: { market?: string } = {}): readonly SimTrade[] {
    return filter.market === undefined
      ? this.tradeLog.toArray()
      : this.tradeLog.filter((t) => t.market === filter.market);
  }

  /** Contracts queued ahead of a resting order at its price. */
  queuePosition(orderId: string): Qty | undefined {
    const s = this.desk.orderIndex.get(orderId);
    if (!s || !s.resting) return undefined;
    return this.markets.get(s.order.market)!.book.queueAhead(s.order, s.side, s.yesPx);
  }

  // ---- events -----------------------------------------------------------------------------------------

  subscribe(listener: (e: SimEvent) => void): () => void {
    return this.log.subscribe(listener);
  }

  /** Sequence number of the last event. */
  get seq(): number {
    return this.log.seq;
  }

  /** SHA-256 over every event so far (only with `hashEvents`): two runs are identical iff these match. */
  logDigest(): string | undefined {
    return this.log.digest();
  }

  setPlaceHook(hook: PlaceHook | undefined): void {
    this.placeHook = hook;
  }

  // ---- order entry (the desk) ----------------------------------------------------------------------

  place(req: OrderRequest): PlaceResult {
    return this.desk.place(req);
  }

  cancel(account: string, orderId: string, reason: CancelReason = 'user'): OrderOpResult {
    return this.desk.cancel(account, orderId, reason);
  }

  /** Cancel every open order of an account (optionally in one market); returns what was cancelled. */
  cancelAll(account: string, market?: string, reason: CancelReason = 'user'): Readonly<SimOrder>[] {
    return this.desk.cancelAll(account, market, reason);
  }

  /** Reduce an open order's resting size by `reduceBy`, keeping its queue priority. */
  decrease(account: string, orderId: string, reduceBy: Qty): OrderOpResult {
    return this.desk.decrease(account, orderId, reduceBy);
  }

  /**
   * Change price and/or total size (filled + new resting). Keeps priority only when the price is unchanged and
   * the size does not grow; otherwise the order re-enters at the back and may trade if it now crosses.
   */
  amend(account: string, orderId: string, change: { px?: Px; qty?: Qty }): OrderOpResult {
    return this.desk.amend(account, orderId, change);
  }
}
