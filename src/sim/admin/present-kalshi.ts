/**
 * Kalshi's units: prices are YES prices in dollars with 4 decimals, counts are `_fp` strings with 2, and an
 * order's side is its side of the YES book (buy YES / sell NO = bid; sell YES / buy NO = ask at 1 − price).
 */
import { pxToDollars, qtyToFp } from '../../core/units.ts';
import { bookPlacement } from '../engine/book.ts';
import type { OrderStatus, SimFill, SimOrder } from '../engine/types.ts';
import { nullable, statusFilterFor, usd, type VenuePresenter } from './presenter.ts';
import type { MarketInfo } from './presenter.ts';

const STATUS: Record<OrderStatus, string> = {
  resting: 'resting',
  filled: 'executed',
  cancelled: 'canceled',
  expired: 'canceled',
};

const yesSide = (o: Pick<SimOrder, 'outcome' | 'side' | 'px'>) => bookPlacement(o);

export function kalshiPresenter(info: ReadonlyMap<string, MarketInfo> = new Map()): VenuePresenter {
  return {
    venue: 'kalshi',
    statusWords: ['resting', 'canceled', 'executed'],
    statusFilter: statusFilterFor({
      resting: ['resting'],
      canceled: ['cancelled', 'expired'],
      executed: ['filled'],
    }),
    order: (o) => {
      const p = yesSide(o);
      return {
        id: o.id,
        clientOrderId: nullable(o.clientOrderId),
        account: o.account,
        market: o.market,
        outcome: o.outcome,
        side: p.side,
        price: pxToDollars(p.yesPx),
        size: qtyToFp(o.qty),
        filled: qtyToFp(o.filled),
        status: STATUS[o.status],
        tif: o.tif,
        fees: usd(o.feesPaid),
        createdMs: o.createdMs,
        updatedMs: o.updatedMs,
      };
    },
    fill: (f: SimFill) => {
      const p = yesSide(f);
      return {
        id: f.id,
        tradeId: f.tradeId,
        orderId: f.orderId,
        clientOrderId: nullable(f.clientOrderId),
        account: f.account,
        market: f.market,
        outcome: f.outcome,
        side: p.side,
        price: pxToDollars(p.yesPx),
        size: qtyToFp(f.qty),
        fee: usd(f.fee),
        liquidity: f.liquidity,
        createdMs: f.tsMs,
      };
    },
    account: (a) => ({
      account: a.id,
      balance: usd(a.balance),
      reserved: usd(a.reserved),
      positions: [...a.positions].map(([market, pos]) => {
        const held = a.reservedPositions.get(market);
        return {
          market,
          yes: qtyToFp(pos.yes),
          no: qtyToFp(pos.no),
          reservedYes: qtyToFp(held?.yes ?? 0),
          reservedNo: qtyToFp(held?.no ?? 0),
        };
      }),
    }),
    book: (market, view) => ({
      market,
      bids: view.bids.map((l) => ({ price: pxToDollars(l.yesPx), size: qtyToFp(l.qty), orders: l.orders })),
      asks: view.asks.map((l) => ({ price: pxToDollars(l.yesPx), size: qtyToFp(l.qty), orders: l.orders })),
    }),
    market: (key, m) => ({
      market: key,
      title: nullable(info.get(key)?.title),
      status: m.status,
      result: nullable(m.result),
      minSize: qtyToFp(m.cfg.minSize),
      priceRanges: m.cfg.grid.ranges.map((r) => ({
        start: pxToDollars(r.start),
        end: pxToDollars(r.end),
        step: pxToDollars(r.step),
      })),
    }),
  };
}
