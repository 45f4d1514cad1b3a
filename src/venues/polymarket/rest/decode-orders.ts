/**
 * Order payloads → core units: an order as `GET /data/order/{id}` and `GET /data/orders` give it, the
 * `POST /order` reply and the `DELETE /order` reply.
 */
import { err, ok, type Result } from '../../../core/errors.ts';
import type { Outcome, Side } from '../../../core/market.ts';
import type { Px, Qty } from '../../../core/units.ts';
import type { PolyCodecError } from '../errors.ts';
import { attempt, checkShape, outcomeLabel, pxOf, qtyOf, shape, timeMsOf } from './decode-fields.ts';
import { WireCancelResponse, WireOpenOrder, wirePage, WirePostOrderResponse } from './schemas.ts';

export type OpenOrderStatus = 'LIVE' | 'MATCHED' | 'CANCELED' | 'OTHER';

export interface OpenOrder {
  readonly id: string;
  readonly status: OpenOrderStatus;
  readonly market: string;
  readonly assetId: string;
  readonly side: Side;
  readonly px: Px;
  readonly originalQty: Qty;
  readonly matchedQty: Qty;
  readonly outcome: Outcome | undefined;
  readonly createdMs: number;
}

/** Statuses arrive bare (`LIVE`) or prefixed (`ORDER_STATUS_LIVE`), any case. */
export function orderStatusOf(v: unknown): OpenOrderStatus {
  const s = typeof v === 'string' ? v.toUpperCase().replace(/^ORDER_STATUS_/, '') : '';
  if (s === 'LIVE' || s === 'MATCHED') return s;
  if (s === 'CANCELED' || s === 'CANCELLED' || s === 'CANCELED_MARKET_RESOLVED' || s === 'INVALID')
    return 'CANCELED';
  return 'OTHER';
}

function openOrder(w: WireOpenOrder, root: string): OpenOrder {
  return {
    id: w.id,
    status: orderStatusOf(w.status),
    market: w.market,
    assetId: w.asset_id,
    side: w.side,
    px: pxOf(w.price, `${root}.price`),
    originalQty: qtyOf(w.original_size, `${root}.original_size`),
    matchedQty: qtyOf(w.size_matched, `${root}.size_matched`),
    outcome: outcomeLabel(w.outcome),
    createdMs: w.created_at === undefined ? 0 : timeMsOf(w.created_at, `${root}.created_at`),
  };
}

export const decodeOpenOrder = (raw: unknown, root = 'order'): Result<OpenOrder, PolyCodecError> =>
  attempt(() => openOrder(shape(WireOpenOrder, raw, root), root));

const OrdersPage = wirePage(WireOpenOrder);

/** One page of `GET /data/orders`. */
export function decodeOrdersPage(
  raw: unknown,
): Result<{ orders: OpenOrder[]; nextCursor: string }, PolyCodecError> {
  const w = checkShape(OrdersPage, raw, 'orders');
  if (!w.ok) return err(w.error);
  return attempt(() => ({
    orders: w.value.data.map((o, i) => openOrder(o, `orders.data[${i}]`)),
    nextCursor: w.value.next_cursor,
  }));
}

export interface PostOrderResponse {
  readonly success: boolean;
  readonly orderId: string;
  readonly errorMsg: string;
  /** Lower case: `live`, `matched`, `unmatched`, `delayed`, or empty (unknown until the order is found). */
  readonly status: string;
  /** Shares (SELL) or collateral (BUY) given, and received, at placement, as decimal text. */
  readonly makingAmount: string;
  readonly takingAmount: string;
}

/** `POST /order`: any object; fields that are not strings read as empty (the venue leaves some out). */
export function decodePostOrder(raw: unknown): Result<PostOrderResponse, PolyCodecError> {
  const w = checkShape(WirePostOrderResponse, raw, 'order response');
  if (!w.ok) return err(w.error);
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return ok({
    success: w.value.success === true,
    orderId: text(w.value.orderID),
    errorMsg: text(w.value.errorMsg),
    status: text(w.value.status).toLowerCase(),
    makingAmount: text(w.value.makingAmount) || '0',
    takingAmount: text(w.value.takingAmount) || '0',
  });
}

export interface CancelResponse {
  readonly canceled: string[];
  readonly notCanceled: Record<string, string>;
}

/** `DELETE /order`: `{canceled: [ids], not_canceled: {id: reason}}`, both optional. */
export function decodeCancel(raw: unknown): Result<CancelResponse, PolyCodecError> {
  const w = checkShape(WireCancelResponse, raw, 'cancel response');
  if (!w.ok) return err(w.error);
  const canceled = (w.value.canceled ?? []).filter((x): x is string => typeof x === 'string');
  const notCanceled: Record<string, string> = {};
  for (const [k, r] of Object.entries(w.value.not_canceled ?? {}))
    notCanceled[k] = typeof r === 'string' ? r : JSON.stringify(r);
  return ok({ canceled, notCanceled });
}
