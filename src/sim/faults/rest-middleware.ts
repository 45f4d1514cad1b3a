/**
 * REST fault injection as server middleware: per request, ask the injector what applies to
 * `METHOD /path` (relative to the venue's API base) and do it. Admin routes (`/_sim/…`) are never faulted,
 * so a test can always inspect and repair the simulator it is tormenting.
 */
import type { Clock } from '../../core/clock.ts';
import type { Venue } from '../../core/market.ts';
import { DROP, HOLD, json } from '../server/reply.ts';
import type { Middleware } from '../server/types.ts';
import type { FaultInjector } from './injector.ts';
import { rateLimitBody, serverErrorBody } from './venue-errors.ts';

export interface RestFaultOptions {
  readonly injector: FaultInjector;
  readonly venue: Venue;
  /** Latency waits on this clock: with a SimClock a delayed request completes when the test advances time. */
  readonly clock: Clock;
  /** Stripped from request paths before matching (Kalshi: `/trade-api/v2`; Polymarket: none). */
  readonly apiBase?: string;
  readonly adminPrefix?: string;
}

export function restFaultMiddleware(opts: RestFaultOptions): Middleware {
  const admin = opts.adminPrefix ?? '/_sim';
  const base = opts.apiBase ?? '';
  return async (req, next) => {
    if (req.path === admin || req.path.startsWith(`${admin}/`)) return next();
    const rel =
      base !== '' && (req.path === base || req.path.startsWith(`${base}/`))
        ? req.path.slice(base.length) || '/'
        : req.path;
    const plan = opts.injector.restPlan(opts.venue, req.method, rel);
    if (plan.delayMs > 0) await sleepOn(opts.clock, plan.delayMs);
    switch (plan.action.kind) {
      case 'pass':
        return next();
      case 'http_429':
        return json(429, rateLimitBody(opts.venue));
      case 'http_5xx':
        return json(plan.action.status, serverErrorBody(opts.venue, plan.action.status));
      case 'timeout':
        return HOLD;
      case 'drop_response': {
        // The request takes effect (an order is placed); only the answer is lost.
        await next();
        return DROP;
      }
    }
  };
}

const sleepOn = (clock: Clock, ms: number): Promise<void> =>
  new Promise((resolve) => {
    clock.setTimeout(resolve, ms);
  });
