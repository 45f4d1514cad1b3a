/**
 * Sans-I/O decoder of the Kalshi `user_orders` WebSocket channel (K3): incoming text → typed frames (a
 * `user_order` as an `OrderUpdate` in core units, the subscribe reply, an error reply); the socket shell is
 * `ws/order-stream.ts`, the subscribe command `ws/commands.ts`. Only the fields an update needs are checked
 * (order id, ticker, status, filled count); the rest of the order object passes through unread. Never throws:
 * a frame that does not parse is a `KalshiCodecError`.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../../../core/errors.ts';
import type { OrderUpdate } from '../../venue.ts';
import { KalshiCodecError } from '../errors.ts';
import { checkShape, parseCount } from '../rest/decode-fields.ts';
import { ORDER_STATUS } from './decode.ts';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.nullish();

/** A `user_order` message body: the venue's order object (the REST `Order` shape). */
export const WireUserOrder = z.looseObject({
  order_id: str.min(1),
  client_order_id: opt(str),
  ticker: opt(str),
  market_ticker: opt(str),
  status: z.enum(['resting', 'canceled', 'executed']),
  fill_count_fp: str,
});
export type WireUserOrder = z.infer<typeof WireUserOrder>;

export type UserOrderFrame =
  /** One of the account's orders changed; `receiveTimeMs` is the caller's to add. */
  | { readonly type: 'user_order'; readonly update: Omit<OrderUpdate, 'receiveTimeMs'> }
  | {
      readonly type: 'subscribed';
      readonly id: number | undefined;
      readonly sid: number;
      readonly channel: string;
    }
  | {
      readonly type: 'error';
      readonly id: number | undefined;
      readonly code: number;
      readonly message: string;
    }
  /** ok, unsubscribed, anything else: nothing the order stream acts on. */
  | { readonly type: 'other'; readonly kind: string };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;

/** A `user_order` body → the update it reports, filled in exact Qty. */
export function decodeUserOrder(msg: unknown): Result<Omit<OrderUpdate, 'receiveTimeMs'>, KalshiCodecError> {
  const w = checkShape(WireUserOrder, msg, 'user_order.msg');
  if (!w.ok) return w;
  const o = w.value;
  const market = o.ticker || o.market_ticker;
  if (!market) return err(new KalshiCodecError(`user_order ${o.order_id}: no ticker`));
  try {
    const filled = parseCount(`user_order ${o.order_id}.fill_count_fp`, o.fill_count_fp);
    return ok({
      orderId: o.order_id,
      // The venue sends an empty string for orders placed without one.
      ...(o.client_order_id ? { clientOrderId: o.client_order_id } : {}),
      market,
      status: ORDER_STATUS[o.status],
      filled,
    });
  } catch (e) {
    if (e instanceof KalshiCodecError) return err(e);
    throw e;
  }
}

/** Text → frame, or the reason it is malformed. */
export function parseUserOrderFrame(text: string): Result<UserOrderFrame, KalshiCodecError> {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return err(new KalshiCodecError(`malformed frame (not JSON): ${text.slice(0, 80)}`));
  }
  if (!isObj(m)) return err(new KalshiCodecError('malformed frame: not a JSON object'));
  const id = int(m.id);
  const type = typeof m.type === 'string' ? m.type : '';
  switch (type) {
    case 'user_order': {
      const u = decodeUserOrder(m.msg);
      return u.ok ? ok({ type, update: u.value }) : u;
    }
    case 'subscribed': {
      const msg = isObj(m.msg) ? m.msg : {};
      const sid = int(msg.sid) ?? int(m.sid);
      if (sid === undefined) return err(new KalshiCodecError('subscribed: msg.sid missing'));
      return ok({ type, id, sid, channel: String(msg.channel ?? '') });
    }
    case 'error': {
      const msg = isObj(m.msg) ? m.msg : {};
      return ok({ type, id, code: int(msg.code) ?? 0, message: String(msg.msg ?? '') });
    }
    default:
      return ok({ type: 'other', kind: type });
  }
}
