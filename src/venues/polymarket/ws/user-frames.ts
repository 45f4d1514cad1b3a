/**
 * The user channel (P4): the account's own `order` events (`type` PLACEMENT, UPDATE on fills, CANCELLATION,
 * with the OpenOrder fields) and `trade` events, in core units. Like the market channel, a frame is one event
 * object or a JSON array of them, and the text `PONG` answers our `PING`. Only what an order update needs is
 * required of an `order` event; `trade` events are recognised and not decoded (fills come from the fill feed).
 * A refusal (`{"error": …}`, bad credentials) is its own event, not a malformed frame.
 */
import { z } from 'zod';
import type { Qty } from '../../../core/units.ts';
import type { VenueOrderStatus } from '../../venue.ts';
import { PolyCodecError } from '../errors.ts';
import { fail, qtyOf, shape } from '../rest/decode-fields.ts';
import { orderStatusOf } from '../rest/decode-orders.ts';
import { Decimal } from '../rest/schemas.ts';

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

const WireUserEvent = z.looseObject({ event_type: z.unknown().optional(), error: z.unknown().optional() });
const WireEventType = z.looseObject({ event_type: z.string() });
const WireOrderEvent = z.looseObject({
  type: z.string(),
  id: z.string(),
  market: z.string(),
  asset_id: z.string().nullish(),
  status: z.unknown().optional(),
  size_matched: Decimal,
  original_size: Decimal,
});

function parseUserEvent(v: unknown, root: string): WsUserEvent {
  const o = shape(WireUserEvent, v, root);
  if (o.event_type === undefined && o.error !== undefined)
    return { type: 'error', message: typeof o.error === 'string' ? o.error : JSON.stringify(o.error) };
  const eventType = shape(WireEventType, v, root).event_type;
  switch (eventType) {
    case 'order': {
      const e = shape(WireOrderEvent, v, root);
      const filled = qtyOf(e.size_matched, `${root}.size_matched`);
      const original = qtyOf(e.original_size, `${root}.original_size`);
      if (filled > original) fail(`${root}.size_matched (more than original_size)`, e.size_matched);
      return {
        type: 'order',
        orderId: e.id,
        market: e.market,
        assetId: e.asset_id ?? undefined,
        status: statusOf(e.type.toUpperCase(), e.status, filled, original),
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
