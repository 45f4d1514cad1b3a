/**
 * Matching: price-time priority against the opposite side of the book, self-trade prevention, and the
 * settlement of each trade through the ledger (both sides, fees by the venue rule, escrow, netting).
 */
import type { Clock } from '../../core/clock.ts';
import { asQty, type Px, type Qty } from '../../core/units.ts';
import { outcomePx } from './book.ts';
import type { MarketState, OrderState } from './internal.ts';
import type { Ledger } from './ledger.ts';
import {
  type BookSide,
  type CancelReason,
  remainingQty,
  type SimEventBody,
  type SimFill,
  type SimTrade,
} from './types.ts';

/** What matching needs from the exchange around it. */
export interface MatchContext {
  readonly clock: Clock;
  readonly ledger: Ledger;
  orderState(orderId: string): OrderState;
  nextId(kind: 'f' | 't'): string;
  emit(body: SimEventBody): void;
  recordFill(fill: SimFill): void;
  recordTrade(trade: SimTrade): void;
  finish(st: OrderState, status: 'filled'): void;
  finishCancel(st: OrderState, reason: CancelReason): void;
}

export class Matcher {
  constructor(private readonly ctx: MatchContext) {}

  /** How much a `side` order at `yesPx` could fill right now, honouring cancel-taker self-trade prevention. */
  fillable(m: MarketState, account: string, stp: string, side: BookSide, yesPx: Px, want: number): number {
    let got = 0;
    for (const level of m.book.levels(side === 'bid' ? 'ask' : 'bid')) {
      if (side === 'bid' ? level.yesPx > yesPx : level.yesPx < yesPx) break;
      for (const o of level.queue) {
        if (o.account === account) {
          if (stp === 'cancel_taker') return got;
          continue;
        }
        got += remainingQty(o);
        if (got >= want) return got;
      }
    }
    return got;
  }

  /** Match an incoming (or re-priced) order against the book, up to `cap`. Returns true if self-trade stopped it. */
  match(m: MarketState, taker: OrderState, cap: number, takerFills: SimFill[] = []): boolean {
    const oppSide: BookSide = taker.side === 'bid' ? 'ask' : 'bid';
    let done = 0;
    while (remainingQty(taker.order) > 0 && done < cap) {
      const level = m.book.best(oppSide);
      if (!level || (taker.side === 'bid' ? level.yesPx > taker.yesPx : level.yesPx < taker.yesPx)) break;
      const makerOrder = level.queue[0]!;
      const maker = this.ctx.orderState(makerOrder.id);
      if (makerOrder.account === taker.order.account) {
        if (taker.order.stp === 'cancel_taker') return true;
        this.ctx.finishCancel(maker, 'self_trade');
        continue;
      }
      const qty = asQty(Math.min(remainingQty(taker.order), remainingQty(makerOrder), cap - done));
      takerFills.push(this.execute(m, taker, maker, level.yesPx, qty));
      done += qty;
    }
    return false;
  }

  /** One trade between the incoming order and the head of the best opposite level; returns the taker's fill. */
  private execute(m: MarketState, taker: OrderState, maker: OrderState, yesPx: Px, qty: Qty): SimFill {
    const now = this.ctx.clock.now();
    const tradeId = this.ctx.nextId('t');
    const fees = m.cfg.fees;
    // Maker first: its level shrinks as the trade happens.
    const newLevelQty = m.book.shrink(maker.side, maker.yesPx, qty);
    const legs: [OrderState, 'maker' | 'taker'][] = [
      [maker, 'maker'],
      [taker, 'taker'],
    ];
    let takerFill: SimFill | undefined;
    for (const [st, liquidity] of legs) {
      const o = st.order;
      const px = outcomePx(o.outcome, yesPx);
      const fee = this.ctx.ledger.settleFill(
        { order: o, reservation: st.reservation, liquidity },
        fees,
        px,
        qty,
      );
      o.filled = asQty(o.filled + qty);
      o.updatedMs = now;
      const fill: SimFill = {
        id: this.ctx.nextId('f'),
        tradeId,
        orderId: o.id,
        clientOrderId: o.clientOrderId,
        account: o.account,
        market: o.market,
        outcome: o.outcome,
        side: o.side,
        px,
        qty,
        fee,
        liquidity,
        tsMs: now,
      };
      this.ctx.recordFill(fill);
      if (st === taker) takerFill = fill;
      this.ctx.emit({ type: 'fill', fill });
    }
    this.ctx.ledger.adjustEscrow(m.cfg.key, taker.order.side, maker.order.side, qty);
    const trade: SimTrade = {
      id: tradeId,
      market: m.cfg.key,
      yesPx,
      qty,
      takerSide: taker.side,
      takerOrderId: taker.order.id,
      makerOrderId: maker.order.id,
      tsMs: now,
    };
    this.ctx.recordTrade(trade);
    this.ctx.emit({ type: 'trade', trade });
    this.ctx.emit({
      type: 'book',
      market: m.cfg.key,
      side: maker.side,
      yesPx: maker.yesPx,
      qty: asQty(newLevelQty),
      delta: -qty,
    });
    for (const [st] of legs) {
      const a = this.ctx.ledger.accounts.get(st.order.account)!;
      this.ctx.ledger.netPositions(a, st.order.market);
      this.ctx.ledger.emitPosition(a, st.order.market);
      this.ctx.ledger.emitBalance(a);
    }
    if (remainingQty(maker.order) === 0) {
      const level = m.book.best(maker.side)!;
      level.queue.shift();
      m.book.dropIfEmpty(maker.side, level);
      maker.resting = false;
      this.ctx.finish(maker, 'filled');
    } else {
      this.ctx.emit({ type: 'order', order: { ...maker.order }, change: 'partial' });
    }
    if (remainingQty(taker.order) > 0)
      this.ctx.emit({ type: 'order', order: { ...taker.order }, change: 'partial' });
    return takerFill!;
  }
}
