/**
 * Kalshi failures classified once (architecture: "Errors"). The shared transport rule decides the kind (no
 * answer or a 5xx on a write is `unknown`: the order may exist); business rejections are `rejected`, auth is
 * `fatal`, 429 is `retryable` (Kalshi sends no Retry-After: the caller backs off).
 *
 * Codes. `KALSHI.*` is this project's namespace of stable codes, not the venue's. The venue's own `code`
 * strings are documented only for a few order errors (docs.kalshi.com "Order Errors": `invalid_order`,
 * `missing_parameters`, `bad_request`; table and sources in docs/sim-kalshi.md) and the SDK enumerates none, so
 * the adapter maps exactly those, passes any other code it receives through upper-cased (the real venue has
 * more, undocumented: they stay visible in logs), and otherwise names the failure by its HTTP status
 * (`KALSHI.NOT_FOUND`, `KALSHI.CONFLICT`, `KALSHI.HTTP_400`). Nothing here depends on a code the venue does
 * not document; the kind comes from the status.
 *
 * The same page says a 408 leaves an order's outcome unknown, like a 5xx or a dropped connection, so a 408 on a
 * write is `unknown` (and on a read `retryable`), not a rejection.
 *
 * The adapter's own codes live here too: `KALSHI.BAD_PAYLOAD` (a payload that does not decode, from the
 * decoders), `KALSHI.BAD_RESPONSE` (the same, as a `VenueResult` error), `KALSHI.INVALID_REQUEST` (refused
 * before sending) and `KALSHI.ORDER_NOT_FOUND`.
 */
import { ArbError, err, type Result } from '../../core/errors.ts';
import { classifyFailure, retryAfterMs } from '../shared/classify.ts';
import type { HttpOutcome } from '../shared/http.ts';
import type { VenueError, VenueErrorKind, VenueResult } from '../venue.ts';
import { WireError } from './rest/schemas.ts';

/**
 * A payload that does not decode: what every decoder (REST, WebSocket, orders) returns, naming the field. It
 * never crosses the port as a throw: `fromCodec` turns it into a `KALSHI.BAD_RESPONSE` VenueResult error.
 */
export class KalshiCodecError extends ArbError {
  constructor(message: string) {
    super('KALSHI.BAD_PAYLOAD', message);
    this.name = 'KalshiCodecError';
  }
}

/** The venue's documented error codes, as stable codes. Others pass through upper-cased. */
export const KALSHI_ERROR_CODES: Readonly<Record<string, string>> = {
  invalid_order: 'KALSHI.INVALID_ORDER',
  missing_parameters: 'KALSHI.MISSING_PARAMETERS',
  bad_request: 'KALSHI.BAD_REQUEST',
};

interface BodyError {
  readonly code?: string;
  readonly message?: string;
  readonly details?: string;
}

/** Reads any of the venue's error body shapes; undefined when the body is not one. */
export function parseErrorBody(text: string): BodyError | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = WireError.safeParse(raw);
  if (!r.success) return undefined;
  type Fields = { code?: unknown; message?: unknown; details?: unknown };
  const b = r.data as Fields & { error?: unknown };
  const pick = (o: Fields): BodyError => ({
    ...(typeof o.code === 'string' ? { code: o.code } : {}),
    ...(typeof o.message === 'string' ? { message: o.message } : {}),
    ...(typeof o.details === 'string' && o.details !== '' ? { details: o.details } : {}),
  });
  if (typeof b.error === 'string') return { message: b.error };
  // `error.code` first, then a top-level `code` (an unparseable body is answered without the wrapper).
  if (typeof b.error === 'object' && b.error !== null) return pick(b.error as Fields);
  return pick(b);
}

/**
 * An order refused because of its order group, as one stable code whatever the venue's wording. The venue
 * documents the behaviour ("Order Groups": a triggered group rejects new orders until reset; an unknown group is
 * a reject) but no REST code, so this reads the status and any mention of the group in the code or message
 * (`order_group_…` or "order group …"): 404 or "not found" is `KALSHI.ORDER_GROUP_NOT_FOUND`, any other 4xx
 * (the simulator's 409) `KALSHI.ORDER_GROUP_TRIGGERED`. Both are definitive rejections: nothing was placed.
 */
export function orderGroupCode(status: number, said: string): string | undefined {
  if (status < 400 || status >= 500 || [401, 403, 408, 429].includes(status)) return undefined;
  if (!/order[ _-]?group/i.test(said)) return undefined;
  return status === 404 || /not[ _-]?found/i.test(said)
    ? 'KALSHI.ORDER_GROUP_NOT_FOUND'
    : 'KALSHI.ORDER_GROUP_TRIGGERED';
}

export function stableCode(wireCode: string): string {
  return KALSHI_ERROR_CODES[wireCode] ?? `KALSHI.${wireCode.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** A failed call (no response, or a non-2xx) → one VenueError. */
export function classifyKalshi(outcome: HttpOutcome, isWrite: boolean, nowMs: number): VenueError {
  const base = classifyFailure(outcome, isWrite);
  if (!outcome.ok) {
    return {
      kind: base.kind,
      code: `KALSHI.${base.code}`,
      message: `${isWrite ? 'write' : 'read'} got no answer: ${outcome.message}`,
    };
  }
  const { status, text, headers } = outcome.res;
  const body = parseErrorBody(text);
  const said = body?.message ?? (text.length > 0 ? text.slice(0, 200) : `HTTP ${status}`);
  // `details` says what `code` does not (`invalid_order` … `post only cross`): keep it for the logs.
  const message = body?.details === undefined ? said : `${said}: ${body.details}`;
  let kind: VenueErrorKind = base.kind;
  let code = `KALSHI.${base.code}`;
  if (status === 429) code = 'KALSHI.RATE_LIMITED';
  else if (status === 401 || status === 403) kind = 'fatal';
  else if (status === 408) {
    kind = isWrite ? 'unknown' : 'retryable';
    code = 'KALSHI.REQUEST_TIMEOUT';
  } else if (status < 500 && body?.code) code = stableCode(body.code);
  const group = orderGroupCode(status, `${body?.code ?? ''} ${message}`);
  if (group !== undefined) {
    kind = 'rejected';
    code = group;
  }
  const retryAfter = status === 429 ? retryAfterMs(headers, nowMs) : undefined;
  return { kind, code, message, status, ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }) };
}

/** A 2xx whose body is not what the venue promises. On a write the order may still exist: unknown. */
export function badResponse(message: string, isWrite: boolean, status?: number): VenueError {
  return {
    kind: isWrite ? 'unknown' : 'retryable',
    code: 'KALSHI.BAD_RESPONSE',
    message,
    ...(status === undefined ? {} : { status }),
  };
}

/** A decoder's result as a port result: a payload that does not decode is a bad response. */
export function fromCodec<T>(r: Result<T, KalshiCodecError>, isWrite: boolean): VenueResult<T> {
  return r.ok ? r : err(badResponse(r.error.message, isWrite));
}

/** A request refused before it is sent: nothing reached the venue, so it is a definitive rejection. */
export function invalidRequest(message: string): VenueError {
  return { kind: 'rejected', code: 'KALSHI.INVALID_REQUEST', message };
}

export function orderNotFound(orderId: string): VenueError {
  return { kind: 'rejected', code: 'KALSHI.ORDER_NOT_FOUND', message: `no order ${orderId}`, status: 404 };
}
