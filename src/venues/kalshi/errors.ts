/**
 * Kalshi failures classified once (architecture: "Errors"). The shared transport rule decides the kind
 * (no answer or a 5xx on a write is `unknown`: the order may exist); Kalshi's error code, when the body
 * carries one, becomes the stable code `KALSHI.<CODE>`. Business rejections are `rejected`, auth is `fatal`,
 * 429 is `retryable` (Kalshi sends no Retry-After: the caller backs off).
 */
import { classifyFailure, retryAfterMs } from '../shared/classify.ts';
import type { HttpOutcome } from '../shared/http.ts';
import type { VenueError, VenueErrorKind } from '../venue.ts';
import { WireError } from './wire.ts';

/** The venue's error codes the bot reacts to, as stable codes. Others pass through upper-cased. */
export const KALSHI_ERROR_CODES: Readonly<Record<string, string>> = {
  insufficient_balance: 'KALSHI.INSUFFICIENT_BALANCE',
  duplicate_client_order_id: 'KALSHI.DUPLICATE_CLIENT_ORDER_ID',
  order_already_exists: 'KALSHI.DUPLICATE_CLIENT_ORDER_ID',
  market_closed: 'KALSHI.MARKET_CLOSED',
  market_not_found: 'KALSHI.MARKET_NOT_FOUND',
  order_not_found: 'KALSHI.ORDER_NOT_FOUND',
  not_found: 'KALSHI.NOT_FOUND',
  post_only_cross: 'KALSHI.POST_ONLY_CROSS',
  fill_or_kill_not_filled: 'KALSHI.FOK_NOT_FILLED',
  exchange_halted: 'KALSHI.EXCHANGE_HALTED',
  trading_is_paused: 'KALSHI.EXCHANGE_HALTED',
  exchange_cancel_only: 'KALSHI.CANCEL_ONLY',
};

interface BodyError {
  readonly code?: string;
  readonly message?: string;
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
  const b = r.data as { error?: unknown; code?: unknown; message?: unknown };
  const pick = (o: { code?: unknown; message?: unknown }): BodyError => ({
    ...(typeof o.code === 'string' ? { code: o.code } : {}),
    ...(typeof o.message === 'string' ? { message: o.message } : {}),
  });
  if (typeof b.error === 'string') return { message: b.error };
  if (typeof b.error === 'object' && b.error !== null)
    return pick(b.error as { code?: unknown; message?: unknown });
  return pick(b);
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
  const message = body?.message ?? (text.length > 0 ? text.slice(0, 200) : `HTTP ${status}`);
  let kind: VenueErrorKind = base.kind;
  let code = `KALSHI.${base.code}`;
  if (status === 429) code = 'KALSHI.RATE_LIMITED';
  else if (status === 401 || status === 403) kind = 'fatal';
  else if (status < 500 && body?.code) code = stableCode(body.code);
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
