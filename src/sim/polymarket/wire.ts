/**
 * Engine orders and tracked trades in Polymarket's REST/WS shapes (P2, P4): OpenOrder and Trade objects with
 * numbers as strings, token prices, the market's outcome labels and unix-second times.
 */
import type { Outcome } from '../../core/market.ts';
import { pxToDecimal, qtyToDecimal } from '../../core/units.ts';
import type { SimFill, SimOrder } from '../engine/types.ts';
import type { CatalogMarket } from './catalog.ts';
import type { FrontContext } from './context.ts';
import type { TradeRecord } from './trades.ts';

/** A token's outcome label as the market lists it ("Yes"/"No", or its own: team names, Up/Down). */
export const outcomeLabel = (ctx: FrontContext, cm: CatalogMarket | undefined, o: Outcome): string =>
  cm ? ctx.catalog.label(cm, o) : o === 'YES' ? 'Yes' : 'No';

const ORDER_STATUS: Record<SimOrder['status'], string> = {
  resting: 'LIVE',
  filled: 'MATCHED',
  cancelled: 'CANCELED',
  expired: 'CANCELED',
};

const seconds = (ms: number): number => Math.floor(ms / 1000);

export const feeRateBps = (cm: CatalogMarket | undefined): string => {
  const f = cm?.m.fees;
  return f?.kind === 'polymarket' ? String(Math.round(f.ratePpm / 100)) : '0';
};

export function openOrder(ctx: FrontContext, o: Readonly<SimOrder>, owner: string): Record<string, unknown> {
  const cm = ctx.catalog.market(o.market);
  const trades = ctx.trades
    .forAccount(o.account)
    .filter((r) => r.maker.orderId === o.id || r.taker.orderId === o.id)
    .map((r) => r.trade.id);
  return {
    id: o.id,
    status: ORDER_STATUS[o.status],
    owner,
    maker_address: ctx.keys.addressOfAccount(o.account),
    market: o.market,
    asset_id: cm ? ctx.catalog.tokenOf(cm, o.outcome) : '',
    side: o.side,
    original_size: qtyToDecimal(o.qty),
    size_matched: qtyToDecimal(o.filled),
    price: pxToDecimal(o.px),
    associate_trades: trades,
    outcome: outcomeLabel(ctx, cm, o.outcome),
    created_at: seconds(o.createdMs),
    expiration: o.expiresAtMs === undefined ? '0' : String(seconds(o.expiresAtMs) + 60),
    order_type: o.tif === 'IOC' ? 'FAK' : o.tif,
  };
}

function makerOrder(
  ctx: FrontContext,
  f: SimFill,
  viewer: string,
  ownerKey: string,
): Record<string, unknown> {
  const cm = ctx.catalog.market(f.market);
  return {
    order_id: f.orderId,
    owner: f.account === viewer ? ownerKey : '',
    maker_address: ctx.keys.addressOfAccount(f.account),
    matched_amount: qtyToDecimal(f.qty),
    price: pxToDecimal(f.px),
    fee_rate_bps: feeRateBps(cm),
    asset_id: cm ? ctx.catalog.tokenOf(cm, f.outcome) : '',
    outcome: outcomeLabel(ctx, cm, f.outcome),
    side: f.side,
  };
}

/** A trade as `viewer` (an account) sees it: the taker's terms on top, makers listed, and the viewer's role. */
export function tradeView(
  ctx: FrontContext,
  r: TradeRecord,
  viewer: string,
  ownerKey: string,
): Record<string, unknown> {
  const t = r.taker;
  const cm = ctx.catalog.market(t.market);
  return {
    id: r.trade.id,
    taker_order_id: t.orderId,
    market: t.market,
    asset_id: cm ? ctx.catalog.tokenOf(cm, t.outcome) : '',
    side: t.side,
    size: qtyToDecimal(t.qty),
    fee_rate_bps: feeRateBps(cm),
    price: pxToDecimal(t.px),
    status: r.status,
    match_time: String(seconds(r.trade.tsMs)),
    last_update: String(seconds(r.updatedMs)),
    outcome: outcomeLabel(ctx, cm, t.outcome),
    bucket_index: 0,
    owner: t.account === viewer ? ownerKey : '',
    maker_address: ctx.keys.addressOfAccount(t.account),
    transaction_hash: r.transactionHash,
    maker_orders: [makerOrder(ctx, r.maker, viewer, ownerKey)],
    trader_side: t.account === viewer ? 'TAKER' : 'MAKER',
  };
}
