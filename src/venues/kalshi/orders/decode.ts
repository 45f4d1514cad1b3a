/**
 * Orders and fills on the wire (K2) → core orders and fills. Prices come back as YES prices with a book side;
 * which contract really traded is in the deprecated `side`/`action` fields when present, so an order placed as
 * "buy NO at q" may decode as "sell YES at 1 − q": the same exposure on Kalshi, where YES nets against NO.
 */
import type { Result } from '../../../core/errors.ts';
import { asMicros, asQty, microsFromUsd, type Px, pxComplement } from '../../../core/units.ts';
import type { OrderRequest, VenueFill, VenueOrder, VenueOrderStatus } from '../../venue.ts';
import { KalshiCodecError } from '../errors.ts';
import { attempt, parseCount, parseTradablePx, unit } from '../rest/decode-fields.ts';
import type { WireCreateOrderResponse, WireFill, WireOrder } from '../rest/schemas.ts';

/** Which contract an order or fill trades: the deprecated side/action when present, else read from the book side. */
function direction(w: {
  side?: 'yes' | 'no' | null | undefined;
  action?: 'buy' | 'sell' | null | undefined;
  book_side?: 'bid' | 'ask' | null | undefined;
}): { outcome: 'YES' | 'NO'; side: 'BUY' | 'SELL' } {
  if (w.side && w.action)
    return { outcome: w.side === 'yes' ? 'YES' : 'NO', side: w.action === 'buy' ? 'BUY' : 'SELL' };
  // V2 only: a bid buys YES, an ask is (economically) a NO buy.
  return w.book_side === 'ask' ? { outcome: 'NO', side: 'BUY' } : { outcome: 'YES', side: 'BUY' };
}

/** The price of `outcome` from a YES price. */
const outcomePx = (outcome: 'YES' | 'NO', yesPx: Px): Px => (outcome === 'YES' ? yesPx : pxComplement(yesPx));

/** Order statuses on the wire → core: resting is open, executed filled, canceled cancelled. */
export const ORDER_STATUS: Record<WireOrder['status'], VenueOrderStatus> = {
  resting: 'open',
  executed: 'filled',
  canceled: 'cancelled',
};

export function decodeOrder(w: WireOrder): Result<VenueOrder, KalshiCodecError> {
  return attempt(() => {
    const { outcome, side } = direction(w);
    const f = `order ${w.order_id}`;
    const yesPx = parseTradablePx(`${f}.yes_price_dollars`, w.yes_price_dollars);
    const filled = parseCount(`${f}.fill_count_fp`, w.fill_count_fp);
    const remaining = parseCount(`${f}.remaining_count_fp`, w.remaining_count_fp);
    const initial = w.initial_count_fp ? parseCount(`${f}.initial_count_fp`, w.initial_count_fp) : undefined;
    const status = ORDER_STATUS[w.status];
    const qty = status === 'open' || initial === undefined ? filled + remaining : Math.max(initial, filled);
    const created = w.created_time ? Date.parse(w.created_time) : Number.NaN;
    return {
      id: w.order_id,
      ...(w.client_order_id ? { clientOrderId: w.client_order_id } : {}),
      market: w.ticker,
      outcome,
      side,
      px: outcomePx(outcome, yesPx),
      qty: unit(`${f} total count`, () => asQty(qty)),
      filled,
      status,
      createdMs: Number.isNaN(created) ? 0 : created,
    };
  });
}

/**
 * The order just placed, from the create response: the request says what was asked, the response how much
 * filled at once and whether any rests. `nowMs` dates it when the venue does not.
 */
export function decodePlaced(
  req: OrderRequest,
  w: WireCreateOrderResponse,
  nowMs: number,
): Result<VenueOrder, KalshiCodecError> {
  return attempt(() => {
    const filled = parseCount('create order response: fill_count', w.fill_count);
    const remaining = parseCount('create order response: remaining_count', w.remaining_count);
    return {
      id: w.order_id,
      clientOrderId: req.clientOrderId,
      market: req.market,
      outcome: req.outcome,
      side: req.side,
      px: req.px,
      qty: req.qty,
      filled,
      status: remaining > 0 ? 'open' : filled >= req.qty ? 'filled' : 'cancelled',
      createdMs: w.ts_ms ?? nowMs,
    };
  });
}

export function decodeFill(w: WireFill): Result<VenueFill, KalshiCodecError> {
  return attempt(() => {
    const id = w.fill_id ?? w.trade_id;
    const market = w.ticker ?? w.market_ticker;
    if (!id) throw new KalshiCodecError(`fill of order ${w.order_id}: no fill_id`);
    if (!market) throw new KalshiCodecError(`fill ${id}: no ticker`);
    const { outcome, side } = direction(w);
    const yesPx = parseTradablePx(`fill ${id}.yes_price_dollars`, w.yes_price_dollars);
    const created = w.created_time ? Date.parse(w.created_time) : Number.NaN;
    const tsMs = Number.isNaN(created) ? (w.ts ?? 0) * 1000 : created;
    return {
      id,
      orderId: w.order_id,
      market,
      outcome,
      side,
      px: outcomePx(outcome, yesPx),
      qty: parseCount(`fill ${id}.count_fp`, w.count_fp),
      fee: w.fee_cost ? unit(`fill ${id}.fee_cost`, () => microsFromUsd(w.fee_cost!)) : asMicros(0),
      liquidity: w.is_taker ? 'taker' : 'maker',
      tsMs,
      final: true,
    };
  });
}
