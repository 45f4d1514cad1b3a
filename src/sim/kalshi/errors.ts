/**
 * Kalshi error replies, limited to what the venue documents (the table with its sources: docs/sim-kalshi.md,
 * "Errors"). Sources:
 *
 * - [K6]  /work/shared/reference/venues.md K6: statuses 400, 401, 403, 404, 409, 429, 500, 503; error bodies
 *         `{code?, message?, details?}`; 429 is `{"error": "too many requests"}` with no Retry-After.
 * - [SDK] kalshi-typescript 3.30.0 `models/error-response.ts`: `ErrorResponse {code?, message?, details?}`, every
 *         field optional and no code enumerated anywhere in the package; batch entries carry `error: ErrorResponse`.
 * - [OE]  docs.kalshi.com, "Order Errors" (getting_started/order_errors): a rejected order is
 *         `{"error": {"code", "message", "details"?}}`; a post-only order that would cross is code `invalid_order`,
 *         message `invalid order`, details `post only cross`; a body that cannot be parsed (malformed JSON, a field
 *         of the wrong type) is a 400 with `code: bad_request`, `message: bad request`, `details` at the top level;
 *         a Create Order body missing `ticker` is `missing_parameters`, missing `side`, `count` or `price`
 *         `invalid_order`; errors inside a batch response always carry `details` ("" when empty).
 *
 * Every other case (insufficient balance, market closed, unknown order, duplicate client order id, bad query
 * parameters, auth) has no documented code. Those replies carry the status the venue lists for that kind of
 * failure and the documented shape WITHOUT a `code`: `{"error": {"message"}}`. A plausible-looking code here
 * would teach the adapter to rely on a string the real venue may never send.
 */
import type { RejectCode } from '../engine/types.ts';
import { json } from '../server/reply.ts';
import type { Reply } from '../server/types.ts';

export interface KalshiErrorObject {
  /** Only ever a code from [OE]. */
  readonly code?: string;
  readonly message: string;
  readonly details?: string;
}

/**
 * The HTTP status of each engine rejection, from the statuses the venue lists ([K6], [SDK]: 400 invalid input,
 * 404 not found, 409 "conflict - resource already exists or cannot be modified"). Another account's order reads
 * as not found: never confirm it exists.
 */
export const REJECT_STATUS: Readonly<Record<RejectCode, number>> = {
  MARKET_NOT_FOUND: 404,
  MARKET_NOT_OPEN: 409,
  EXCHANGE_HALTED: 409,
  CANCEL_ONLY: 409,
  INVALID_PRICE: 400,
  INVALID_SIZE: 400,
  BELOW_MIN_SIZE: 400,
  INVALID_EXPIRATION: 400,
  INSUFFICIENT_BALANCE: 400,
  INSUFFICIENT_POSITION: 400,
  POST_ONLY_WOULD_CROSS: 400,
  FOK_NOT_FILLED: 400,
  DUPLICATE_CLIENT_ORDER_ID: 409,
  DUPLICATE_ORDER_ID: 409,
  ORDER_NOT_FOUND: 404,
  ORDER_NOT_OPEN: 409,
  NOT_OWNER: 404,
  INJECTED_REJECT: 400,
};

/** [OE] `invalid_order`, the code of an order the API or the exchange refuses (e.g. a post-only cross). */
export const invalidOrder = (details: string): KalshiErrorObject => ({
  code: 'invalid_order',
  message: 'invalid order',
  details,
});

/**
 * [OE] `missing_parameters`: a Create Order body without `ticker`. The page documents the code, not its message;
 * this one follows the documented pattern (the code in words, as `invalid order`, `bad request`).
 */
export const missingParameters = (details: string): KalshiErrorObject => ({
  code: 'missing_parameters',
  message: 'missing parameters',
  details,
});

/** A failure the venue documents no code for: the documented shape, no `code`. */
export const uncodedObject = (message: string): KalshiErrorObject => ({ message });

export function kalshiError(status: number, error: KalshiErrorObject): Reply {
  return json(status, { error });
}

export const badRequest = (message: string): Reply => kalshiError(400, uncodedObject(message));
export const notFound = (message: string): Reply => kalshiError(404, uncodedObject(message));
export const unauthorized = (message: string): Reply => kalshiError(401, uncodedObject(message));

/** [OE] A body that cannot be parsed, or has a field of the wrong type: the three fields at the top level. */
export const unparseableBody = (details: string): Reply =>
  json(400, { code: 'bad_request', message: 'bad request', details });

/** An engine rejection as the venue answers it: [OE]'s code for a post-only cross, no code otherwise. */
export function rejectObject(code: RejectCode, message: string): KalshiErrorObject {
  if (code === 'POST_ONLY_WOULD_CROSS') return invalidOrder('post only cross');
  return uncodedObject(code === 'NOT_OWNER' ? 'no such order' : message);
}

export function rejectReply(code: RejectCode, message: string): Reply {
  return kalshiError(REJECT_STATUS[code], rejectObject(code, message));
}

/** [OE] An error inside a batch response always carries `details`, "" when there is nothing to add. */
export const inBatch = (e: KalshiErrorObject): KalshiErrorObject => ({ ...e, details: e.details ?? '' });

/** 429 exactly as K6 describes it: this body, and no Retry-After header. */
export const TOO_MANY_REQUESTS: Reply = json(429, { error: 'too many requests' });
