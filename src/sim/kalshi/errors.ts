/**
 * Kalshi error replies. The venue wraps errors as `{"error": {"code", "message", "details"?}}` (seen in real
 * responses; the SDK's `ErrorResponse` model is the inner object), except the rate limiter's
 * `{"error": "too many requests"}` (K6). Engine reject codes map to one status and one snake_case code each:
 *
 *   400 invalid input or an order the book cannot take (price, count, minimum, expiry, balance, post-only, FOK)
 *   404 no such market / order (also another account's order: never confirm it exists)
 *   409 conflicts with state: duplicate client_order_id, market not open, exchange halted or cancel-only,
 *       order no longer resting
 */
import type { RejectCode } from '../engine/types.ts';
import { json } from '../server/reply.ts';
import type { Reply } from '../server/types.ts';

export interface KalshiErrorObject {
  readonly code: string;
  readonly message: string;
  readonly details?: string;
}

export const REJECT_MAP: Readonly<Record<RejectCode, { readonly status: number; readonly code: string }>> = {
  MARKET_NOT_FOUND: { status: 404, code: 'market_not_found' },
  MARKET_NOT_OPEN: { status: 409, code: 'market_closed' },
  EXCHANGE_HALTED: { status: 409, code: 'exchange_halted' },
  CANCEL_ONLY: { status: 409, code: 'exchange_cancel_only' },
  INVALID_PRICE: { status: 400, code: 'invalid_price' },
  INVALID_SIZE: { status: 400, code: 'invalid_count' },
  BELOW_MIN_SIZE: { status: 400, code: 'count_below_minimum' },
  INVALID_EXPIRATION: { status: 400, code: 'invalid_expiration_time' },
  INSUFFICIENT_BALANCE: { status: 400, code: 'insufficient_balance' },
  INSUFFICIENT_POSITION: { status: 400, code: 'insufficient_position' },
  POST_ONLY_WOULD_CROSS: { status: 400, code: 'post_only_cross' },
  FOK_NOT_FILLED: { status: 400, code: 'fill_or_kill_not_filled' },
  DUPLICATE_CLIENT_ORDER_ID: { status: 409, code: 'duplicate_client_order_id' },
  DUPLICATE_ORDER_ID: { status: 409, code: 'duplicate_order_id' },
  ORDER_NOT_FOUND: { status: 404, code: 'order_not_found' },
  ORDER_NOT_OPEN: { status: 409, code: 'order_not_resting' },
  NOT_OWNER: { status: 404, code: 'order_not_found' },
  INJECTED_REJECT: { status: 400, code: 'order_rejected' },
};

export const errorObject = (code: string, message: string): KalshiErrorObject => ({ code, message });

export function kalshiError(status: number, code: string, message: string): Reply {
  return json(status, { error: errorObject(code, message) });
}

export const badRequest = (message: string): Reply => kalshiError(400, 'invalid_parameters', message);
export const notFound = (code: string, message: string): Reply => kalshiError(404, code, message);
export const unauthorized = (message: string): Reply => kalshiError(401, 'unauthorized', message);

/** An engine rejection as the venue answers it. NOT_OWNER reads as "not found", with the same message. */
export function rejectObject(code: RejectCode, message: string): KalshiErrorObject {
  return errorObject(REJECT_MAP[code].code, code === 'NOT_OWNER' ? 'no such order' : message);
}

export function rejectReply(code: RejectCode, message: string): Reply {
  return json(REJECT_MAP[code].status, { error: rejectObject(code, message) });
}

/** 429 exactly as K6 describes it: this body, and no Retry-After header. */
export const TOO_MANY_REQUESTS: Reply = json(429, { error: 'too many requests' });
