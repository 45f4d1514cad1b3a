/**
 * A simulated venue: markets with price-time-priority books, member accounts, order lifecycle and an event log.
 * Deterministic given the clock and the call sequence; every state change is an event with a sequence number.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Clock } from '../../core/clock.ts';
import { isOnGrid, type Outcome, type Venue } from '../../core/market.ts';
import { asMicros, type Micros, type Px, type Qty } from '../../core/units.ts';
import { bookPlacement, OrderBook } from './book.ts';
import { type MarketState, type OrderState, Rejection } from './internal.ts';
import { Matcher } from './matching.ts';
import { validateOrder } from './validate-order.ts';
import { Ledger } from './ledger.ts';
import { Ring } from './ring.ts';
import {
  type AccountView,
  type BookView,
  type CancelReason,
  type ExchangeStatus,
  type MarketStatus,
  type OrderOpResult,
  type OrderRequest,
  type PlaceResult,
  type RejectCode,
  type SimEvent,
  type SimEventBody,
  type SimExchangeOptions,
  type SimFill,
  type SimMarketConfig,
  type SimOrder,
  type SimTrade,
  remainingQty,
} from './types.ts';

/** What an injected fault may do to an incoming order. */
export interface PlaceHookResult {
  readonly reject?: RejectCode;
  /** Fill at most this much now (the rest follows the order's time in force). */
  readonly maxFillQty?: Qty;
}
export type PlaceHook = (req: OrderRequest) => PlaceHookResult | undefined;

const TRADE_RING = 10_000;

export class Exchange {
  readonly venue: Venue;
  private readonly markets = new Map<string, MarketState>();
  private readonly ledger: Ledger;
  private readonly orderIndex = new Map<string, OrderState>();
  private readonly byClientId = new Map<string, string>();
  private readonly fillLog: SimFill[] = [];
  private readonly tradeLog = new Ring<SimTrade>(TRADE_RING);
  private readonly listeners = new Set<(e: SimEvent) => void>();
  private readonly hash: Hash | undefined;
  private exchangeStatus: ExchangeStatus = 'open';
  private placeHook: PlaceHook | undefined;
  private seqNo = 0;
  private nOrder = 0;
  private readonly idCounters = { f: 0, t: 0 };
  private readonly matcher: Matcher;

  constructor(
    private readonly opts: SimExchangeOptions & { readonly hashEvents?: boolean },
    private readonly clock: Clock,
  ) {
    this.venue = opts.venue;
    this.ledger = new Ledger(opts.feeRounding, opts.autoNetPositions, (e) => this.emit(e));
    this.hash = opts.hashEvents ? createHash('sha256') : undefined;
    for (const cfg of opts.markets) this.addMarket(cfg);
    this.matcher = new Matcher({
      clock,
      ledger: this.ledger,
      orderState: (id) => this.orderIndex.get(id)!,
      nextId: (kind) => `${opts.idPrefix}${kind}${++this.idCounters[kind]}`,
      emit: (e) => this.emit(e),
      recordFill: (fill) => {
        if (this.ledger.accounts.get(fill.account)!.tracked) this.fillLog.push(fill);
      },
      recordTrade: (trade) => this.tradeLog.push(trade),
      finish: (st, status) => this.finish(st, status),
      finishCancel: (st, reason) => this.finishCancel(st, reason),
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
    this.emit({ type: 'exchange', status });
  }

  /** Paused markets refuse new orders but keep their book; closing cancels every resting order. */
  setMarketStatus(market: string, status: Exclude<MarketStatus, 'settled'>): void {
    const m = this.markets.get(market);
    if (!m || m.status === 'settled' || m.status === status) return;
    m.status = status;
    this.emit({ type: 'market', market, status });
    if (status === 'closed') this.cancelWhere((o) => o.market === market, 'market_closed');
  }

  /** Resolve a market: cancel its orders, pay $1 per winning contract, mark it settled. */
  resolve(market: string, result: Outcome): void {
    const m = this.markets.get(market);
    if (!m) throw new Error(`unknown market ${market}`);
    if (m.status === 'settled') throw new Error(`market ${market} already settled`);
    this.cancelWhere((o) => o.market === market, 'settled');
    m.status = 'settled';
    m.result = result;
    this.emit({ type: 'market', market, status: 'settled', result });
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
    const s = this.orderIndex.get(id);
    return s && { ...s.order };
  }

  orderByClientId(account: string, clientOrderId: string): Readonly<SimOrder> | undefined {
    const id = this.byClientId.get(`${account}\u0000${clientOrderId}`);
    return id === undefined ? undefined : this.order(id);
  }

  /** Orders known to the exchange, oldest first (agents' finished orders are not retained). */
  orders(
    filter: { account?: string; market?: string; status?: SimOrder['status'] } = {},
  ): Readonly<SimOrder>[] {
    const out: SimOrder[] = [];
    for (const s of this.orderIndex.values()) {
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
    const s = this.orderIndex.get(orderId);
    if (!s || !s.resting) return undefined;
    return this.markets.get(s.order.market)!.book.queueAhead(s.order, s.side, s.yesPx);
  }

  // ---- events -----------------------------------------------------------------------------------------

  subscribe(listener: (e: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sequence number of the last event. */
  get seq(): number {
    return this.seqNo;
  }

  /** SHA-256 over every event so far (only with `hashEvents`): two runs are identical iff these match. */
  logDigest(): string | undefined {
    return this.hash?.copy().digest('hex');
  }

  setPlaceHook(hook: PlaceHook | undefined): void {
    this.placeHook = hook;
  }

  // ---- order entry ------------------------------------------------------------------------------------

  place(req: OrderRequest): PlaceResult {
    try {
      return this.placeOrThrow(req);
    } catch (e) {
      if (!(e instanceof Rejection)) throw e;
      this.emit({
        type: 'reject',
        account: req.account,
        market: req.market,
        code: e.code,
        clientOrderId: req.clientOrderId,
      });
      return { ok: false, code: e.code, message: e.message };
    }
  }

  cancel(account: string, orderId: string, reason: CancelReason = 'user'): OrderOpResult {
    const s = this.orderIndex.get(orderId);
    const denied = this.checkOwnedOpen(s, account, true);
    if (denied) return denied;
    this.finishCancel(s!, reason);
    return { ok: true, order: { ...s!.order } };
  }

  /** Cancel every open order of an account (optionally in one market); returns what was cancelled. */
  cancelAll(account: string, market?: string, reason: CancelReason = 'user'): Readonly<SimOrder>[] {
    if (this.exchangeStatus === 'halted') return [];
    return this.cancelWhere(
      (o) => o.account === account && (market === undefined || o.market === market),
      reason,
    );
  }

  /** Reduce an open order's resting size by `reduceBy`, keeping its queue priority. */
  decrease(account: string, orderId: string, reduceBy: Qty): OrderOpResult {
    const s = this.orderIndex.get(orderId);
    const denied = this.checkOwnedOpen(s, account, true);
    if (denied) return denied;
    const o = s!.order;
    if (!Number.isSafeInteger(reduceBy) || reduceBy <= 0)
      return fail('INVALID_SIZE', 'reduce_by must be positive');
    const by = Math.min(reduceBy, remainingQty(o));
    if (by === remainingQty(o)) {
      this.finishCancel(s!, 'user');
      return { ok: true, order: { ...o } };
    }
    const m = this.markets.get(o.market)!;
    if (s!.resting) this.bookShrink(m, s!, by);
    o.qty = (o.qty - by) as Qty;
    this.rebalanceReservation(s!, -by);
    o.updatedMs = this.clock.now();
    this.emit({ type: 'order', order: { ...o }, change: 'decreased' });
    return { ok: true, order: { ...o } };
  }

  /**
   * Change price and/or total size (filled + new resting). Keeps priority only when the price is unchanged and
   * the size does not grow; otherwise the order re-enters at the back and may trade if it now crosses.
   */
  amend(account: string, orderId: string, change: { px?: Px; qty?: Qty }): OrderOpResult {
    const s = this.orderIndex.get(orderId);
    const denied = this.checkOwnedOpen(s, account, false);
    if (denied) return denied;
    const st = s!;
    const o = st.order;
    const m = this.markets.get(o.market)!;
    const px = change.px ?? o.px;
    const qty = change.qty ?? o.qty;
    if (!isOnGrid(m.cfg.grid, px))
      return fail('INVALID_PRICE', `price ${px} is not on the market's tick grid`);
    if (!Number.isSafeInteger(qty) || qty <= o.filled)
      return fail('INVALID_SIZE', 'new size must exceed the filled size');
    const place = bookPlacement({ outcome: o.outcome, side: o.side, px });
    if (o.postOnly && m.book.crosses(place.side, place.yesPx)) {
      return fail('POST_ONLY_WOULD_CROSS', 'post-only order would cross the book');
    }
    const grow = qty - o.qty;
    const a = this.ledger.accounts.get(account)!;
    if (o.side === 'BUY') {
      const target = this.ledger.requiredPool(m.cfg.fees, px, (qty - o.filled) as Qty);
      if (target > st.reservation.pool && target - st.reservation.pool > a.balance) {
        return fail('INSUFFICIENT_BALANCE', 'not enough free cash for the amended order');
      }
    } else if (grow > 0 && a.freeContracts(o.market, o.outcome) < grow) {
      return fail('INSUFFICIENT_POSITION', 'not enough contracts for the amended order');
    }
    const keepsPriority = px === o.px && grow <= 0;
    if (keepsPriority) {
      if (grow < 0) this.bookShrink(m, st, -grow);
    } else {
      this.bookRemove(m, st);
    }
    o.px = px;
    o.qty = qty;
    st.side = place.side;
    st.yesPx = place.yesPx;
    if (o.side === 'BUY')
      this.ledger.setPool(a, st.reservation, this.ledger.requiredPool(m.cfg.fees, px, remainingQty(o)));
    else this.ledger.holdContracts(a, o.market, o.outcome, grow);
    o.updatedMs = this.clock.now();
    this.emit({ type: 'order', order: { ...o }, change: 'amended' });
    if (!keepsPriority) {
      const stoppedBySelfTrade = this.matcher.match(m, st, remainingQty(o));
      if (remainingQty(o) === 0) this.finish(st, 'filled');
      else if (stoppedBySelfTrade) this.finishCancel(st, 'self_trade');
      else this.bookAdd(m, st);
    }
    return { ok: true, order: { ...o } };
  }

  // ---- internals ----------------------------------------------------------------------------------------

  private placeOrThrow(req: OrderRequest): PlaceResult {
    const m = validateOrder(req, {
      status: this.exchangeStatus,
      markets: this.markets,
      nowMs: this.clock.now(),
      clientOrderIdUsed: (a, c) => this.byClientId.has(`${a}\u0000${c}`),
      orderExists: (id) => this.orderIndex.has(id),
    });
    const hook = this.placeHook?.(req);
    if (hook?.reject) throw new Rejection(hook.reject, 'order rejected (injected fault)');
    const a = this.ledger.accounts.get(req.account);
    if (!a) throw new Rejection('INSUFFICIENT_BALANCE', `unknown account ${req.account}`);
    const place = bookPlacement(req);
    if (req.postOnly && m.book.crosses(place.side, place.yesPx)) {
      throw new Rejection('POST_ONLY_WOULD_CROSS', 'post-only order would cross the book');
    }
    const cap = Math.min(req.qty, hook?.maxFillQty ?? req.qty);
    if (
      req.tif === 'FOK' &&
      this.matcher.fillable(m, req.account, req.stp ?? 'cancel_taker', place.side, place.yesPx, req.qty) <
        req.qty
    ) {
      throw new Rejection('FOK_NOT_FILLED', 'fill-or-kill order could not be filled in full');
    }
    if (req.tif === 'FOK' && cap < req.qty)
      throw new Rejection('FOK_NOT_FILLED', 'fill-or-kill order could not be filled in full');
    const reservation = this.ledger.newReservation();
    if (req.side === 'BUY') {
      const need = this.ledger.requiredPool(m.cfg.fees, req.px, req.qty);
      if (need > a.balance)
        throw new Rejection('INSUFFICIENT_BALANCE', 'not enough free cash for this order');
      this.ledger.setPool(a, reservation, need);
    } else {
      if (a.freeContracts(req.market, req.outcome) < req.qty) {
        throw new Rejection('INSUFFICIENT_POSITION', `not enough ${req.outcome} contracts to sell`);
      }
      this.ledger.holdContracts(a, req.market, req.outcome, req.qty);
    }
    const now = this.clock.now();
    const order: SimOrder = {
      id: req.orderId ?? `${this.opts.idPrefix}${++this.nOrder}`,
      clientOrderId: req.clientOrderId,
      account: req.account,
      market: req.market,
      outcome: req.outcome,
      side: req.side,
      px: req.px,
      qty: req.qty,
      initialQty: req.qty,
      filled: 0 as Qty,
      status: 'resting',
      cancelReason: undefined,
      tif: req.tif,
      expiresAtMs: req.expiresAtMs,
      postOnly: req.postOnly ?? false,
      stp: req.stp ?? 'cancel_taker',
      fillCost: 0 as Micros,
      feesPaid: 0 as Micros,
      createdMs: now,
      updatedMs: now,
    };
    const st: OrderState = { order, ...place, resting: false, reservation, timer: undefined };
    this.orderIndex.set(order.id, st);
    if (req.clientOrderId !== undefined)
      this.byClientId.set(`${req.account}\u0000${req.clientOrderId}`, order.id);
    this.emit({ type: 'order', order: { ...order }, change: 'accepted' });
    const fills: SimFill[] = [];
    const stoppedBySelfTrade = this.matcher.match(m, st, cap, fills);
    if (remainingQty(order) === 0) this.finish(st, 'filled');
    else if (stoppedBySelfTrade) this.finishCancel(st, 'self_trade');
    else if (req.tif === 'IOC' || req.tif === 'FOK') this.finishCancel(st, 'ioc_remainder');
    else {
      this.bookAdd(m, st);
      if (req.tif === 'GTD')
        st.timer = this.clock.setTimeout(() => this.expire(order.id), req.expiresAtMs! - now);
    }
    return { ok: true, order: { ...order }, fills };
  }

  private bookAdd(m: MarketState, st: OrderState): void {
    const qty = m.book.add(st.order, st.side, st.yesPx);
    st.resting = true;
    this.emit({
      type: 'book',
      market: m.cfg.key,
      side: st.side,
      yesPx: st.yesPx,
      qty: qty as Qty,
      delta: remainingQty(st.order),
    });
  }

  private bookRemove(m: MarketState, st: OrderState): void {
    if (!st.resting) return;
    const rem = remainingQty(st.order);
    const qty = m.book.remove(st.order, st.side, st.yesPx);
    st.resting = false;
    this.emit({
      type: 'book',
      market: m.cfg.key,
      side: st.side,
      yesPx: st.yesPx,
      qty: qty as Qty,
      delta: -rem,
    });
  }

  private bookShrink(m: MarketState, st: OrderState, by: number): void {
    const qty = m.book.shrink(st.side, st.yesPx, by);
    this.emit({
      type: 'book',
      market: m.cfg.key,
      side: st.side,
      yesPx: st.yesPx,
      qty: qty as Qty,
      delta: -by,
    });
  }

  /** After a size change of `delta` remaining contracts, resize the order's reservation. */
  private rebalanceReservation(st: OrderState, delta: number): void {
    const o = st.order;
    const a = this.ledger.accounts.get(o.account)!;
    if (o.side === 'BUY') {
      const m = this.markets.get(o.market)!;
      const target = this.ledger.requiredPool(m.cfg.fees, o.px, remainingQty(o));
      if (target < st.reservation.pool) this.ledger.setPool(a, st.reservation, target);
    } else {
      this.ledger.holdContracts(a, o.market, o.outcome, delta);
    }
  }

  private expire(orderId: string): void {
    const s = this.orderIndex.get(orderId);
    if (s && s.order.status === 'resting') this.finishCancel(s, 'expired');
  }

  private cancelWhere(pred: (o: SimOrder) => boolean, reason: CancelReason): Readonly<SimOrder>[] {
    const out: Readonly<SimOrder>[] = [];
    for (const s of [...this.orderIndex.values()]) {
      if (s.order.status !== 'resting' || !pred(s.order)) continue;
      this.finishCancel(s, reason);
      out.push({ ...s.order });
    }
    return out;
  }

  private finishCancel(st: OrderState, reason: CancelReason): void {
    const m = this.markets.get(st.order.market)!;
    this.bookRemove(m, st);
    st.order.cancelReason = reason;
    this.finish(st, reason === 'expired' ? 'expired' : 'cancelled');
  }

  /** Terminal: release what the order still holds, announce it, forget agents' orders. */
  private finish(st: OrderState, status: 'filled' | 'cancelled' | 'expired'): void {
    const o = st.order;
    const a = this.ledger.accounts.get(o.account)!;
    this.ledger.releaseOrder(a, o, st.reservation);
    if (o.side === 'SELL') this.ledger.emitBalance(a);
    o.status = status;
    o.updatedMs = this.clock.now();
    this.clock.clearTimer(st.timer);
    st.timer = undefined;
    this.emit({ type: 'order', order: { ...o }, change: status === 'filled' ? 'filled' : status });
    if (!a.tracked) {
      this.orderIndex.delete(o.id);
      if (o.clientOrderId !== undefined) this.byClientId.delete(`${o.account}\u0000${o.clientOrderId}`);
    }
  }

  private checkOwnedOpen(
    s: OrderState | undefined,
    account: string,
    cancelLike: boolean,
  ): OrderOpResult | undefined {
    if (this.exchangeStatus === 'halted') return fail('EXCHANGE_HALTED', 'exchange is halted');
    if (!cancelLike && this.exchangeStatus === 'cancel_only')
      return fail('CANCEL_ONLY', 'exchange is in cancel-only mode');
    if (!s) return fail('ORDER_NOT_FOUND', 'no such order');
    if (s.order.account !== account) return fail('NOT_OWNER', 'order belongs to another account');
    if (s.order.status !== 'resting') return fail('ORDER_NOT_OPEN', `order is ${s.order.status}`);
    const m = this.markets.get(s.order.market)!;
    if (!cancelLike && m.status !== 'open') return fail('MARKET_NOT_OPEN', `market is ${m.status}`);
    return undefined;
  }

  private emit(body: SimEventBody): void {
    const e = { ...body, seq: ++this.seqNo, tsMs: this.clock.now() } as SimEvent;
    if (this.hash) this.hash.update(JSON.stringify(e));
    for (const l of this.listeners) l(e);
  }
}

const fail = (code: RejectCode, message: string): OrderOpResult => ({ ok: false, code, message });
