/**
 * Polymarket errors in one place: the venue's `errorMsg` codes and HTTP statuses → stable `POLYMARKET.*` codes
 * and error kinds (retryable / rejected / unknown / fatal), on top of the shared transport rule
 * (`classifyFailure`: no answer or a 5xx on a write is unknown, 429 retryable, 401/403 fatal). The venue answers
 * errors as `{"error": ...}` (the official client returns them as values unless `throwOnError`); we read the
 * body ourselves. Decoders report a payload they cannot use as a `PolyCodecError` naming the field; at the port
 * it becomes `POLYMARKET.BAD_RESPONSE`.
 */
import { err, type Result } from '../../core/errors.ts';
import { classifyFailure, retryAfterMs } from '../shared/classify.ts';
import type { HttpOutcome } from '../shared/http.ts';
import type { VenueError, VenueResult } from '../venue.ts';

/** A payload (REST body or WebSocket frame) that does not decode; the message names the field. */
export class PolyCodecError extends Error {
  readonly code = 'POLYMARKET.MALFORMED';
  constructor(message: string) {
    super(message);
    this.name = 'PolyCodecError';
  }
}

/** Insert error codes (P7) → our stable codes. */
export const ERROR_MSG_CODES: Readonly<Record<string, string>> = {
  INVALID_ORDER_NOT_ENOUGH_BALANCE: 'POLYMARKET.INSUFFICIENT_BALANCE',
  INVALID_ORDER_MIN_SIZE: 'POLYMARKET.MIN_SIZE',
  INVALID_ORDER_MIN_TICK_SIZE: 'POLYMARKET.TICK_SIZE',
  INVALID_ORDER_DUPLICATED: 'POLYMARKET.DUPLICATE_ORDER',
  INVALID_ORDER_EXPIRATION: 'POLYMARKET.INVALID_EXPIRATION',
  INVALID_POST_ONLY_ORDER: 'POLYMARKET.POST_ONLY_WOULD_CROSS',
  FOK_ORDER_NOT_FILLED_ERROR: 'POLYMARKET.FOK_NOT_FILLED',
  MARKET_NOT_READY: 'POLYMARKET.MARKET_NOT_READY',
  EXECUTION_ERROR: 'POLYMARKET.EXECUTION_ERROR',
};

export const polyError = (
  kind: VenueError['kind'],
  code: string,
  message: string,
  extra: { status?: number; retryAfterMs?: number } = {},
): VenueError => ({ kind, code, message, ...extra });

/** An error body: `{"error": "...", "errorMsg": "..."}`, tolerating text and odd shapes. */
export function parseErrorBody(text: string): { error: string; errorMsg: string } {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      const error =
        typeof o.error === 'string' ? o.error : o.error === undefined ? '' : JSON.stringify(o.error);
      return { error, errorMsg: typeof o.errorMsg === 'string' ? o.errorMsg : '' };
    }
    return { error: String(v), errorMsg: '' };
  } catch {
    return { error: text.slice(0, 200), errorMsg: '' };
  }
}

/** Classify a call that did not succeed (no response, or a non-2xx status). */
export function classifyPolymarket(outcome: HttpOutcome, isWrite: boolean, nowMs: number): VenueError {
  const base = classifyFailure(outcome, isWrite);
  if (!outcome.ok) return polyError(base.kind, `POLYMARKET.${base.code}`, outcome.message);
  const { status, headers, text } = outcome.res;
  const body = parseErrorBody(text);
  const message = body.error || `HTTP ${status}`;
  if (body.errorMsg && ERROR_MSG_CODES[body.errorMsg] && status < 500)
    return polyError('rejected', ERROR_MSG_CODES[body.errorMsg]!, message, { status });
  if (/order_version_mismatch/.test(body.error))
    return polyError('fatal', 'POLYMARKET.ORDER_VERSION_MISMATCH', message, { status });
  if (/not enough balance|allowance/i.test(body.error) && status === 400)
    return polyError('rejected', 'POLYMARKET.INSUFFICIENT_BALANCE', message, { status });
  const after = status === 429 ? retryAfterMs(headers, nowMs) : undefined;
  return polyError(base.kind, `POLYMARKET.${base.code}`, message, {
    status,
    ...(after === undefined ? {} : { retryAfterMs: after }),
  });
}

/** A 2xx whose body we could not use: for a write the order may exist (unknown), for a read try again. */
export const badResponse = (isWrite: boolean, message: string, status?: number): VenueError =>
  polyError(isWrite ? 'unknown' : 'retryable', 'POLYMARKET.BAD_RESPONSE', message, {
    ...(status === undefined ? {} : { status }),
  });

/** A decoder's result as a port result: a payload that does not decode is a bad response. */
export function fromCodec<T>(r: Result<T, PolyCodecError>, isWrite = false): VenueResult<T> {
  return r.ok ? r : err(badResponse(isWrite, r.error.message));
}
