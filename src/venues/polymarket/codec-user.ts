/**
 * The user channel (P4): the account's own `order` events (`type` PLACEMENT, UPDATE on fills, CANCELLATION,
 * with the OpenOrder fields) and `trade` events, in core units. Like the market channel, a frame is one event
 * object or a JSON array of them, and the text `PONG` answers our `PING`. Only what an order update needs is
 * required of an `order` event; `trade` events are recognised and not decoded (fills come from the fill feed).
 * A refusal (`{"error": …}`, bad credentials) is its own event, not a malformed frame.
 */
import type { VenueOrderStatus } from '../venue.ts';
import type { Qty } from '../../core/units.ts';
import { fail, obj, optStr, PolyCodecError, qtyOf, str } from './codec-base.ts';
import { orderStatusOf } from './codec-rest.ts';

export interface WsOrderEvent {
  readonly type: 'order';
  readonly orderId: string;
  /** Condition id. */
  readonly market: string;
  readonly assetId: string | undefined;
  readonly status: VenueOrderStatus;
  /** Matched so far (absolute). */
  readonly filled: Qty;
}

export type WsUserEvent =
  | WsOrderEvent
  | { readonly type: 'trade' }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'other'; readonly eventType: string };

/**
 * An order's status from its event: a CANCELLATION is cancelled whatever it matched; otherwise the order's
 * status (LIVE open, MATCHED filled, CANCELED cancelled), and an order whose whole size matched is filled even
 * when the event carries no status (the venue's documented frames leave it out).
 */
function statusOf(kind: string, status: unknown, filled: Qty, original: Qty): VenueOrderStatus {
  if (kind === 'CANCELLATION') return 'cancelled';
  const s = orderStatusOf(status);
  if (s === 'MATCHED' || filled >= original) return 'filled';
  if (s === 'CANCELED') return 'cancelled';
  return 'open';
}

function parseUserEvent(v: unknown, what: string): WsUserEvent {
  const o = obj(v, what);
  if (o.event_type === undefined && o.error !== undefined)
    return { type: 'error', message: typeof o.error === 'string' ? o.error : JSON.stringify(o.error) };
  const eventType = str(o, 'event_type', what);
  switch (eventType) {
    case 'order': {
      const kind = str(o, 'type', what).toUpperCase();
      const filled = qtyOf(o.size_matched, `${what}.size_matched`);
      const original = qtyOf(o.original_size, `${what}.original_size`);
      if (filled > original) fail(`${what}.size_matched (more than original_size)`, o.size_matched);
      return {
        type: 'order',
        orderId: str(o, 'id', what),
        market: str(o, 'market', what),
        assetId: optStr(o, 'asset_id', what),
        status: statusOf(kind, o.status, filled, original),
        filled,
      };
    }
    case 'trade':
      return { type: 'trade' };
    default:
      return { type: 'other', eventType };
  }
}

/** One user-channel text frame → its events; throws `PolyCodecError` naming the field for anything wrong. */
export function parseUserFrame(text: string): WsUserEvent[] {
  if (text === 'PONG' || text === 'PING') return [];
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new PolyCodecError(`frame is not JSON: ${JSON.stringify(text.slice(0, 60))}`);
  }
  if (Array.isArray(v)) return v.map((e, i) => parseUserEvent(e, `frame[${i}]`));
  return [parseUserEvent(v, 'frame')];
}
