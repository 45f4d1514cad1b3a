/**
 * The classification rule both venues share; each adapter adds its own codes and messages on top.
 *
 * The one rule that matters most: when a *write* (an order) gets no answer, or a 5xx, its outcome is unknown,
 * never "rejected" — the order may exist, and only a query can tell.
 */
import type { VenueErrorKind } from '../venue.ts';
import type { HttpOutcome } from './http.ts';

export interface BaseClassification {
  readonly kind: VenueErrorKind;
  /** Code suffix, to be prefixed by the venue (`KALSHI.` + `RATE_LIMITED`). */
  readonly code: string;
}

/** Classify a failed call (no response, or a non-2xx status) by transport facts alone. */
export function classifyFailure(outcome: HttpOutcome, isWrite: boolean): BaseClassification {
  if (!outcome.ok) {
    const code = outcome.failure === 'timeout' ? 'TIMEOUT' : 'NETWORK';
    return { kind: isWrite ? 'unknown' : 'retryable', code };
  }
  const s = outcome.res.status;
  if (s === 429) return { kind: 'retryable', code: 'RATE_LIMITED' };
  if (s === 401 || s === 403) return { kind: 'fatal', code: s === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN' };
  if (s >= 500) return { kind: isWrite ? 'unknown' : 'retryable', code: `HTTP_${s}` };
  if (s === 404) return { kind: 'rejected', code: 'NOT_FOUND' };
  if (s === 409) return { kind: 'rejected', code: 'CONFLICT' };
  return { kind: 'rejected', code: `HTTP_${s}` };
}

/** Retry-After in seconds or an HTTP date, if the venue sent one (Kalshi never does). */
export function retryAfterMs(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  nowMs: number,
): number | undefined {
  const raw = headers['retry-after'];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined || v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
