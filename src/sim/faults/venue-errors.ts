/**
 * Error bodies as each venue sends them, so an injected 429 or 5xx exercises the adapter's real error parsing.
 *
 * Kalshi: 429 is `{"error": "too many requests"}` with no Retry-After (venues.md K6). For 5xx the venue documents
 * only the statuses (K6; kalshi-typescript's API docs: 500 "Internal server error", 503 "Service temporarily
 * unavailable", 504 "Gateway timeout") and the body shape `{code?, message?, details?}`, no code: so the body is
 * that shape without a code, the message the SDK's description of the status (src/sim/kalshi/errors.ts).
 * Polymarket: `{"error": "..."}` everywhere (P7).
 */
import type { Venue } from '../../core/market.ts';

export function rateLimitBody(venue: Venue): unknown {
  return venue === 'kalshi' ? { error: 'too many requests' } : { error: 'Too Many Requests' };
}

/** The kalshi-typescript API docs' description of each 5xx it lists (502 is not listed: a generic text). */
const KALSHI_5XX: Readonly<Record<number, string>> = {
  500: 'Internal server error',
  503: 'Service temporarily unavailable',
  504: 'Gateway timeout',
};

export function serverErrorBody(venue: Venue, status: number): unknown {
  if (venue === 'kalshi') return { error: { message: KALSHI_5XX[status] ?? `HTTP ${status}` } };
  return { error: status === 503 ? 'service unavailable' : 'internal server error' };
}
