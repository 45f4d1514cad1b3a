/**
 * Polymarket's units: an order is a BUY or SELL of one outcome token at that token's price, prices and sizes
 * are shortest decimals ("0.56", "10"), and the token id travels as `asset_id` when the scenario gives tokens.
 */
import type { Outcome } from '../../core/market.ts';
import { pxToDecimal, qtyToDecimal } from '../../core/units.ts';
import type { OrderStatus } from '../engine/types.ts';
import { presentAccount, presentFill, presentOrder } from './present-common.ts';
import { type MarketInfo, nullable, statusFilterFor, type VenuePresenter } from './presenter.ts';

const STATUS: Record<OrderStatus, string> = {
  resting: 'LIVE',
  filled: 'MATCHED',
  cancelled: 'CANCELED',
  expired: 'CANCELED',
};

export function polymarketPresenter(info: ReadonlyMap<string, MarketInfo> = new Map()): VenuePresenter {
  const assetId = (market: string, outcome: Outcome): string | null => {
    const t = info.get(market)?.tokens;
    return t ? (outcome === 'YES' ? t.yes : t.no) : null;
  };
  return {
    venue: 'polymarket',
    statusWords: ['LIVE', 'MATCHED', 'CANCELED'],
    statusFilter: statusFilterFor({
      LIVE: ['resting'],
      MATCHED: ['filled'],
      CANCELED: ['cancelled', 'expired'],
    }),
    order: (o) =>
      presentOrder(o, {
        asset_id: assetId(o.market, o.outcome),
        side: o.side,
        price: pxToDecimal(o.px),
        size: qtyToDecimal(o.qty),
        filled: qtyToDecimal(o.filled),
        status: STATUS[o.status],
      }),
    fill: (f) =>
      presentFill(f, {
        asset_id: assetId(f.market, f.outcome),
        side: f.side,
        price: pxToDecimal(f.px),
        size: qtyToDecimal(f.qty),
      }),
    account: (a) =>
      presentAccount(
        a,
        [...a.positions].flatMap(([market, pos]) => {
          const held = a.reservedPositions.get(market);
          return (['YES', 'NO'] as const)
            .map((outcome) => ({
              market,
              asset_id: assetId(market, outcome),
              outcome,
              size: qtyToDecimal(outcome === 'YES' ? pos.yes : pos.no),
              reserved: qtyToDecimal((outcome === 'YES' ? held?.yes : held?.no) ?? 0),
            }))
            .filter((p) => p.size !== '0');
        }),
      ),
    book: (market, view) => ({
      market,
      asset_id: assetId(market, 'YES'),
      bids: view.bids.map((l) => ({
        price: pxToDecimal(l.yesPx),
        size: qtyToDecimal(l.qty),
        orders: l.orders,
      })),
      asks: view.asks.map((l) => ({
        price: pxToDecimal(l.yesPx),
        size: qtyToDecimal(l.qty),
        orders: l.orders,
      })),
    }),
    market: (key, m) => {
      const steps = m.cfg.grid.ranges.map((r) => r.step);
      return {
        market: key,
        title: nullable(info.get(key)?.title),
        status: m.status,
        result: nullable(m.result),
        minSize: qtyToDecimal(m.cfg.minSize),
        tickSize: pxToDecimal(Math.min(...steps) as (typeof steps)[number]),
        tokens: nullable(info.get(key)?.tokens),
      };
    },
  };
}
