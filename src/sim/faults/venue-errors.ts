/**
 * Error bodies as each venue sends them, so an injected 429 or 5xx exercises the adapter's real error parsing.
 * Kalshi: 429 is `{"error":"too many requests"}` with no Retry-After (K6); other errors `{code, message}`.
 * Polymarket: `{"error": "..."}` everywhere (P7).
 */
import type { Venue } from '../../core/market.ts';

export function rateLimitBody(venue: Venue): unknown {
  return venue === 'kalshi' ? { error: 'too many requests' } : { error: 'Too Many Requests' };
}

const KALSHI_5XX: Record<number, { code: string; message: string }> = {
  500: { code: 'internal_server_error', message: 'internal server error' },
  502: { code: 'bad_gateway', message: 'bad gateway' },
  503: { code: 'service_unavailable', message: 'service unavailable' },
  504: { code: 'gateway_timeout', message: 'gateway timeout' },
};

export function serverErrorBody(venue: Venue, status: number): unknown {
  if (venue === 'kalshi')
    return KALSHI_5XX[status] ?? { code: 'internal_server_error', message: `server error ${status}` };
  return { error: status === 503 ? 'service unavailable' : 'internal server error' };
}
