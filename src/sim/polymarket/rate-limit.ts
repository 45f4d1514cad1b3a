/**
 * Cloudflare-style throttling (P7): each rule is a budget of `limit` requests per `windowMs`, enforced with a
 * generic cell rate algorithm (a burst of `limit`, then one request per `windowMs / limit`). A request over
 * budget is first delayed — queued on the simulator clock — and answered 429 `{"error": "Too Many Requests"}`
 * only when it would have to wait longer than `maxQueueMs`. Admin routes are exempt.
 */
import type { Clock } from '../../core/clock.ts';
import { type RestEndpointMatcher, restEndpoint } from '../faults/endpoint.ts';
import { json } from '../server/reply.ts';
import type { Middleware } from '../server/types.ts';
import type { RateLimitOptions } from './options.ts';

interface Bucket {
  readonly match: RestEndpointMatcher;
  /** ms between requests at the sustained rate. */
  readonly interval: number;
  readonly windowMs: number;
  /** Theoretical arrival time of the next request. */
  tat: number;
}

export interface RateLimiterStats {
  delayed: number;
  refused: number;
}

export function rateLimitMiddleware(
  opts: RateLimitOptions,
  clock: Clock,
  stats: RateLimiterStats = { delayed: 0, refused: 0 },
): Middleware {
  const buckets: Bucket[] = opts.rules.map((r) => ({
    match: restEndpoint(r.endpoint),
    interval: r.windowMs / r.limit,
    windowMs: r.windowMs,
    tat: Number.NEGATIVE_INFINITY,
  }));
  return async (req, next) => {
    if (req.path === '/_sim' || req.path.startsWith('/_sim/')) return next();
    const now = clock.now();
    const hit = buckets.filter((b) => b.match.matches(req.method, req.path));
    let wait = 0;
    for (const b of hit) {
      // With a burst allowance of one window, a request may start once tat − window ≤ now.
      const tat = Math.max(b.tat, now);
      wait = Math.max(wait, tat + b.interval - b.windowMs - now);
    }
    if (wait > opts.maxQueueMs) {
      stats.refused++;
      return json(429, { error: 'Too Many Requests' });
    }
    for (const b of hit) b.tat = Math.max(b.tat, now) + b.interval;
    if (wait > 0) {
      stats.delayed++;
      await new Promise<void>((resolve) => clock.setTimeout(resolve, wait));
    }
    return next();
  };
}
