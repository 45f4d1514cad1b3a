/**
 * Order entry and the order lifecycle of one simulated exchange: placing (validate, reserve, match, rest),
 * cancelling, decreasing and amending, expiry, and the terminal states that release what an order holds. The
 * exchange around it owns the markets, the ledger and the logs; this owns the orders.
 */
import type { Clock } from '../../core/clock.ts';
import { isOnGrid } from '../../core/market.ts';
import { asMicros, asQty, type Px, type Qty } from '../../core/units.ts';
import { bookPlacement } from './book.ts';
import { type MarketState, type OrderState, Rejection } from './internal.ts';
import type { Ledger } from './ledger.ts';
import { Matcher } from './matching.ts';
import { restOnBook, shrinkOnBook, takeOffBook } from './resting.ts';
import {
  type CancelReason,
  type ExchangeStatus,
  type OrderOpResult,
  type OrderRequest,
  type PlaceResult,
  type RejectCode,
  remainingQty,
  type SimEventBody,
  type SimFill,
  type SimOrder,
  type SimTrade,
} from './types.ts';
import { validateOrder } from './validate-order.ts';

/** What an injected fault may do to an incoming order. */
export interface PlaceHookResult {
  readonly reject?: RejectCode;
  /** Fill at most this much now (the rest follows the order's time in force). */
  readonly maxFillQty?: Qty;
}
export type PlaceHook = (req: OrderRequest) => PlaceHookResult | undefined;

/** What the desk needs from the exchange around it. */
export interface OrderDeskContext {
  readonly clock: Clock;
  readonly idPrefix: string;
  readonly markets: ReadonlyMap<string, MarketState>;
  readonly ledger: Ledger;
  readonly emit: (body: SimEventBody) => void;
  /** The exchange's status now: a halt refuses everything, cancel-only all but cancels. */
  status(): ExchangeStatus;
  placeHook(): PlaceHook | undefined;
  recordFill(fill: SimFill): void;
  recordTrade(trade: SimTrade): void;
}

export class OrderDesk {
  /** Open orders, and every order of a tracked account; agents' finished orders are forgotten. */
  readonly orderIndex = new Map<string, OrderState>();
  private readonly byClientId = new Map<string, string>();
  private nOrder = 0;
  private readonly idCounters = { f: 0, t: 0 };
  private readonly matcher: Matcher;

  constructor(private readonly ctx: OrderDeskContext) {
    this.matcher = new Matcher({
      clock: ctx.clock,
      ledger: ctx.ledger,
      orderState: (id) => this.orderIndex.get(id)!,
      nextId: (kind) => `${ctx.idPrefix}${kind}${++this.idCounters[kind]}`,
      emit: ctx.emit,
      recordFill: (fill) => ctx.recordFill(fill),
      recordTrade: (trade) => ctx.recordTrade(trade),
      finish: (st, status) => this.finish(st, status),
      finishCancel: (st, reason) => this.finishCancel(st, reason),
    });
  }

  /** The order's id for an account's client order id, if the exchange still knows it. */
  idOfClientOrder(account: string, clientOrderId: string): string | undefined {
    return this.byClientId.get(`${account}\u0000${clientOrderId}`);
  }

  place(req: OrderRequest): PlaceResult {
    try {
      return this.placeOrThrow(req);
    } catch (e) {
      if (!(e instanceof Rejection)) throw e;
      this.ctx.emit({
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
    if (this.ctx.status() === 'halted') return [];
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
    const m = this.ctx.markets.get(o.market)!;
    if (s!.resting) shrinkOnBook(m, s!, by, this.ctx.emit);
    o.qty = asQty(o.qty - by);
    this.rebalanceReservation(s!, -by);
    o.updatedMs = this.ctx.clock.now();
    this.ctx.emit({ type: 'order', order: { ...o }, change: 'decreased' });
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
    const m = this.ctx.markets.get(o.market)!;
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
    const a = this.ctx.ledger.accounts.get(account)!;
    if (o.side === 'BUY') {
      const target = this.ctx.ledger.requiredPool(m.cfg.fees, px, asQty(qty - o.filled));
      if (target > st.reservation.pool && target - st.reservation.pool > a.balance) {
        return fail('INSUFFICIENT_BALANCE', 'not enough free cash for the amended order');
      }
    } else if (grow > 0 && a.freeContracts(o.market, o.outcome) < grow) {
      return fail('INSUFFICIENT_POSITION', 'not enough contracts for the amended order');
    }
    const keepsPriority = px === o.px && grow <= 0;
    if (keepsPriority) {
      if (grow < 0) shrinkOnBook(m, st, -grow, this.ctx.emit);
    } else {
      takeOffBook(m, st, this.ctx.emit);
    }
    o.px = px;
    o.qty = qty;
    st.side = place.side;
    st.yesPx = place.yesPx;
    if (o.side === 'BUY')
      this.ctx.ledger.setPool(
        a,
        st.reservation,
        this.ctx.ledger.requiredPool(m.cfg.fees, px, remainingQty(o)),
      );
    else this.ctx.ledger.holdContracts(a, o.market, o.outcome, grow);
    o.updatedMs = this.ctx.clock.now();
    this.ctx.emit({ type: 'order', order: { ...o }, change: 'amended' });
    if (!keepsPriority) {
      const stoppedBySelfTrade = this.matcher.match(m, st, remainingQty(o));
      if (remainingQty(o) === 0) this.finish(st, 'filled');
      else if (stoppedBySelfTrade) this.finishCancel(st, 'self_trade');
      else restOnBook(m, st, this.ctx.emit);
    }
    return { ok: true, order: { ...o } };
  }

  private placeOrThrow(req: OrderRequest): PlaceResult {
    const m = validateOrder(req, {
      status: this.ctx.status(),
      markets: this.ctx.markets,
      nowMs: this.ctx.clock.now(),
      clientOrderIdUsed: (a, c) => this.byClientId.has(`${a}\u0000${c}`),
      orderExists: (id) => this.orderIndex.has(id),
    });
    const hook = this.ctx.placeHook()?.(req);
    if (hook?.reject) throw new Rejection(hook.reject, 'order rejected (injected fault)');
    const a = this.ctx.ledger.accounts.get(req.account);
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
    const reservation = this.ctx.ledger.newReservation();
    if (req.side === 'BUY') {
      const need = this.ctx.ledger.requiredPool(m.cfg.fees, req.px, req.qty);
      if (need > a.balance)
        throw new Rejection('INSUFFICIENT_BALANCE', 'not enough free cash for this order');
      this.ctx.ledger.setPool(a, reservation, need);
    } else {
      if (a.freeContracts(req.market, req.outcome) < req.qty) {
        throw new Rejection('INSUFFICIENT_POSITION', `not enough ${req.outcome} contracts to sell`);
      }
      this.ctx.ledger.holdContracts(a, req.market, req.outcome, req.qty);
    }
    const now = this.ctx.clock.now();
    const order: SimOrder = {
      id: req.orderId ?? `${this.ctx.idPrefix}${++this.nOrder}`,
      clientOrderId: req.clientOrderId,
      account: req.account,
      market: req.market,
      outcome: req.outcome,
      side: req.side,
      px: req.px,
      qty: req.qty,
      initialQty: req.qty,
      filled: asQty(0),
      status: 'resting',
      cancelReason: undefined,
      tif: req.tif,
      expiresAtMs: req.expiresAtMs,
      postOnly: req.postOnly ?? false,
      stp: req.stp ?? 'cancel_taker',
      fillCost: asMicros(0),
      feesPaid: asMicros(0),
      createdMs: now,
      updatedMs: now,
    };
    const st: OrderState = { order, ...place, resting: false, reservation, timer: undefined };
    this.orderIndex.set(order.id, st);
    if (req.clientOrderId !== undefined)
      this.byClientId.set(`${req.account}\u0000${req.clientOrderId}`, order.id);
    this.ctx.emit({ type: 'order', order: { ...order }, change: 'accepted' });
    const fills: SimFill[] = [];
    const stoppedBySelfTrade = this.matcher.match(m, st, cap, fills);
    if (remainingQty(order) === 0) this.finish(st, 'filled');
    else if (stoppedBySelfTrade) this.finishCancel(st, 'self_trade');
    else if (req.tif === 'IOC' || req.tif === 'FOK') this.finishCancel(st, 'ioc_remainder');
    else {
      restOnBook(m, st, this.ctx.emit);
      if (req.tif === 'GTD')
        st.timer = this.ctx.clock.setTimeout(() => this.expire(order.id), req.expiresAtMs! - now);
    }
    return { ok: true, order: { ...order }, fills };
  }

  /** After a size change of `delta` remaining contracts, resize the order's reservation. */
  private rebalanceReservation(st: OrderState, delta: number): void {
    const o = st.order;
    const a = this.ctx.ledger.accounts.get(o.account)!;
    if (o.side === 'BUY') {
      const m = this.ctx.markets.get(o.market)!;
      const target = this.ctx.ledger.requiredPool(m.cfg.fees, o.px, remainingQty(o));
      if (target < st.reservation.pool) this.ctx.ledger.setPool(a, st.reservation, target);
    } else {
      this.ctx.ledger.holdContracts(a, o.market, o.outcome, delta);
    }
  }

  private expire(orderId: string): void {
    const s = this.orderIndex.get(orderId);
    if (s && s.order.status === 'resting') this.finishCancel(s, 'expired');
  }

  /** Cancel every open order `pred` picks, for `reason`; returns what was cancelled. */
  cancelWhere(pred: (o: SimOrder) => boolean, reason: CancelReason): Readonly<SimOrder>[] {
    const out: Readonly<SimOrder>[] = [];
    for (const s of [...this.orderIndex.values()]) {
      if (s.order.status !== 'resting' || !pred(s.order)) continue;
      this.finishCancel(s, reason);
      out.push({ ...s.order });
    }
    return out;
  }

  private finishCancel(st: OrderState, reason: CancelReason): void {
    const m = this.ctx.markets.get(st.order.market)!;
    takeOffBook(m, st, this.ctx.emit);
    st.order.cancelReason = reason;
    this.finish(st, reason === 'expired' ? 'expired' : 'cancelled');
  }

  /** Terminal: release what the order still holds, announce it, forget agents' orders. */
  private finish(st: OrderState, status: 'filled' | 'cancelled' | 'expired'): void {
    const o = st.order;
    const a = this.ctx.ledger.accounts.get(o.account)!;
    this.ctx.ledger.releaseOrder(a, o, st.reservation);
    if (o.side === 'SELL') this.ctx.ledger.emitBalance(a);
    o.status = status;
    o.updatedMs = this.ctx.clock.now();
    this.ctx.clock.clearTimer(st.timer);
    st.timer = undefined;
    this.ctx.emit({ type: 'order', order: { ...o }, change: status === 'filled' ? 'filled' : status });
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
    if (this.ctx.status() === 'halted') return fail('EXCHANGE_HALTED', 'exchange is halted');
    if (!cancelLike && this.ctx.status() === 'cancel_only')
      return fail('CANCEL_ONLY', 'exchange is in cancel-only mode');
    if (!s) return fail('ORDER_NOT_FOUND', 'no such order');
    if (s.order.account !== account) return fail('NOT_OWNER', 'order belongs to another account');
    if (s.order.status !== 'resting') return fail('ORDER_NOT_OPEN', `order is ${s.order.status}`);
    const m = this.ctx.markets.get(s.order.market)!;
    if (!cancelLike && m.status !== 'open') return fail('MARKET_NOT_OPEN', `market is ${m.status}`);
    return undefined;
  }
}

const fail = (code: RejectCode, message: string): OrderOpResult => ({ ok: false, code, message });
