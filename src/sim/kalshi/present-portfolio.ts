/**
 * Portfolio data in the SDK's shapes (`Order`, `Fill`, `MarketPosition`, `EventPosition`, `Settlement`,
 * `GetBalanceResponse`). Orders and fills are quoted from the YES side: `book_side` bid/ask with the YES price;
 * `outcome_side` is yes for buy-YES/sell-NO and no for buy-NO/sell-YES. The deprecated `side`/`action` pair
 * still says which contract the engine actually traded.
 */
import { PX_ONE } from '../../core/units.ts';
import { bookPlacement } from '../engine/book.ts';
import type { Exchange } from '../engine/exchange.ts';
import { type OrderStatus, remainingQty, type SimFill, type SimOrder } from '../engine/types.ts';
import type { SettlementRecord } from './activity.ts';
import type { KalshiCatalog } from './catalog.ts';
import { complement, dollars, fp, money, unixSeconds } from './format.ts';
import { fillYesPx, type PositionSummary } from './positions.ts';
import { isoInstant } from '../../core/time.ts';

export const ORDER_STATUS: Record<OrderStatus, 'resting' | 'executed' | 'canceled'> = {
  resting: 'resting',
  filled: 'executed',
  cancelled: 'canceled',
  expired: 'canceled',
};

const lower = (s: string): string => s.toLowerCase();

export function presentOrder(
  o: Readonly<SimOrder>,
  fills: readonly SimFill[],
  /** The order's group (order-groups.ts), shown as the Order model's `order_group_id` (null when none). */
  orderGroupId?: string,
): Record<string, unknown> {
  const place = bookPlacement(o);
  let takerCost = 0;
  let makerCost = 0;
  let takerFees = 0;
  let makerFees = 0;
  for (const f of fills) {
    if (f.liquidity === 'taker') {
      takerCost += f.px * f.qty;
      takerFees += f.fee;
    } else {
      makerCost += f.px * f.qty;
      makerFees += f.fee;
    }
  }
  return {
    order_id: o.id,
    user_id: o.account,
    client_order_id: o.clientOrderId ?? '',
    ticker: o.market,
    side: lower(o.outcome),
    action: lower(o.side),
    outcome_side: place.side === 'bid' ? 'yes' : 'no',
    book_side: place.side,
    type: 'limit',
    status: ORDER_STATUS[o.status],
    yes_price_dollars: dollars(place.yesPx),
    no_price_dollars: dollars(complement(place.yesPx)),
    fill_count_fp: fp(o.filled),
    remaining_count_fp: fp(o.status === 'resting' ? remainingQty(o) : 0),
    initial_count_fp: fp(o.initialQty),
    taker_fill_cost_dollars: money(takerCost),
    maker_fill_cost_dollars: money(makerCost),
    taker_fees_dollars: money(takerFees),
    maker_fees_dollars: money(makerFees),
    expiration_time: o.expiresAtMs === undefined ? null : isoInstant(o.expiresAtMs),
    created_time: isoInstant(o.createdMs),
    last_update_time: isoInstant(o.updatedMs),
    self_trade_prevention_type: o.stp === 'cancel_taker' ? 'taker_at_cross' : 'maker',
    order_group_id: orderGroupId ?? null,
    cancel_order_on_pause: false,
    subaccount_number: 0,
    exchange_index: 0,
  };
}

export function presentFill(f: SimFill): Record<string, unknown> {
  const place = bookPlacement(f);
  const yesPx = fillYesPx(f);
  return {
    fill_id: f.id,
    trade_id: f.id,
    exchange_index: 0,
    order_id: f.orderId,
    ticker: f.market,
    market_ticker: f.market,
    side: lower(f.outcome),
    action: lower(f.side),
    outcome_side: place.side === 'bid' ? 'yes' : 'no',
    book_side: place.side,
    count_fp: fp(f.qty),
    yes_price_dollars: dollars(yesPx),
    no_price_dollars: dollars(PX_ONE - yesPx),
    is_taker: f.liquidity === 'taker',
    created_time: isoInstant(f.tsMs),
    fee_cost: money(f.fee),
    subaccount_number: 0,
    ts: unixSeconds(f.tsMs),
  };
}

/** Kalshi's average fill price (YES terms) and fee per contract for an order's fills, if any. */
export function fillAverages(fills: readonly SimFill[]): {
  average_fill_price?: string;
  average_fee_paid?: string;
} {
  let qty = 0;
  let yesNotional = 0;
  let fees = 0;
  for (const f of fills) {
    qty += f.qty;
    yesNotional += fillYesPx(f) * f.qty;
    fees += f.fee;
  }
  if (qty === 0) return {};
  // Per contract in micros: notional (micros) / contracts (qty / 100), rounded to the nearest micro.
  return {
    average_fill_price: money(Math.round((yesNotional * 100) / qty)),
    average_fee_paid: money(Math.round((fees * 100) / qty)),
  };
}

export function presentMarketPosition(
  market: string,
  position: number,
  s: PositionSummary,
  nowMs: number,
): Record<string, unknown> {
  return {
    ticker: market,
    exchange_index: 0,
    total_traded_dollars: money(s.traded),
    position_fp: fp(position),
    market_exposure_dollars: money(position === 0 ? 0 : s.exposure),
    realized_pnl_dollars: money(s.realizedPnl),
    fees_paid_dollars: money(s.fees),
    last_updated_ts: isoInstant(s.lastFillMs ?? nowMs),
  };
}

export function presentEventPosition(
  event: string,
  rows: readonly { position: number; s: PositionSummary }[],
): Record<string, unknown> {
  let cost = 0;
  let shares = 0;
  let realized = 0;
  let fees = 0;
  for (const r of rows) {
    const exposure = r.position === 0 ? 0 : r.s.exposure;
    cost += exposure;
    shares += Math.abs(r.position);
    realized += r.s.realizedPnl;
    fees += r.s.fees;
  }
  return {
    event_ticker: event,
    total_cost_dollars: money(cost),
    total_cost_shares_fp: fp(shares),
    event_exposure_dollars: money(cost),
    realized_pnl_dollars: money(realized),
    fees_paid_dollars: money(fees),
  };
}

export function presentSettlement(
  s: SettlementRecord,
  catalog: KalshiCatalog,
  costs: { yes: number; no: number },
): Record<string, unknown> {
  return {
    ticker: s.market,
    exchange_index: 0,
    event_ticker: catalog.market.get(s.market)?.eventKey ?? '',
    market_result: s.result === 'YES' ? 'yes' : 'no',
    yes_count_fp: fp(s.yes),
    yes_total_cost_dollars: money(costs.yes),
    no_count_fp: fp(s.no),
    no_total_cost_dollars: money(costs.no),
    revenue: Math.floor(s.payout / 10_000),
    settled_time: isoInstant(s.tsMs),
    fee_cost: money(0),
    value: s.result === 'YES' ? 100 : 0,
  };
}

/** `GET /portfolio/balance`: free cash in cents and dollars, plus positions marked at the best bid. */
export function presentBalance(ex: Exchange, account: string, nowMs: number): Record<string, unknown> {
  const a = ex.account(account);
  const balance = a?.balance ?? 0;
  let marked = 0;
  for (const [market, pos] of a?.positions ?? []) {
    const top = ex.book(market, 1);
    const yesBid = top?.bids[0]?.yesPx ?? 0;
    const noBid = top?.asks[0] ? PX_ONE - top.asks[0].yesPx : 0;
    marked += pos.yes * yesBid + pos.no * noBid;
  }
  return {
    balance: Math.floor(balance / 10_000),
    balance_dollars: money(balance),
    portfolio_value: Math.floor(marked / 10_000),
    updated_ts: unixSeconds(nowMs),
  };
}
