/**
 * Kalshi's units: prices are YES prices in dollars with 4 decimals, counts are `_fp` strings with 2, and an
 * order's side is its side of the YES book (buy YES / sell NO = bid; sell YES / buy NO = ask at 1 − price).
 */
import { pxToDollars, qtyToFp } from '../../core/units.ts';
import { bookPlacement } from '../engine/book.ts';
import type { OrderStatus, SimFill, SimOrder } from '../engine/types.ts';
import { presentAccount, presentFill, presentOrder } from './present-common.ts';
import { type MarketInfo, nullable, statusFilterFor, type VenuePresenter } from './presenter.ts';

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
      return presentOrder(o, {
        side: p.side,
        price: pxToDollars(p.yesPx),
        size: qtyToFp(o.qty),
        filled: qtyToFp(o.filled),
        status: STATUS[o.status],
      });
    },
    fill: (f: SimFill) => {
      const p = yesSide(f);
      return presentFill(f, { side: p.side, price: pxToDollars(p.yesPx), size: qtyToFp(f.qty) });
    },
    account: (a) =>
      presentAccount(
        a,
        [...a.positions].map(([market, pos]) => {
          const held = a.reservedPositions.get(market);
          return {
            market,
            yes: qtyToFp(pos.yes),
            no: qtyToFp(pos.no),
            reservedYes: qtyToFp(held?.yes ?? 0),
            reservedNo: qtyToFp(held?.no ?? 0),
          };
        }),
      ),
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
