/**
 * Runs before every Kalshi REST route (after the fault middleware): verifies the signature when one is sent
 * (401 when it is wrong, stale or for an unknown key; unsigned requests pass as anonymous and only public
 * endpoints serve them), then charges the identity's read or write token bucket (429 when empty), then refuses
 * a body that is not JSON the way the venue does (errors.ts [OE]: a top-level `bad_request`).
 */
import { KALSHI_API_BASE } from '../connection.ts';
import { parseJsonBody } from '../server/body.ts';
import type { Middleware } from '../server/types.ts';
import { authenticate } from './auth.ts';
import type { FrontContext } from './context.ts';
import { TOO_MANY_REQUESTS, unauthorized, unparseableBody } from './errors.ts';
import { bucketFor, RateLimiter, requestCost } from './rate-limit.ts';

const ANONYMOUS = '\u0000anonymous';

export function kalshiMiddleware(ctx: FrontContext): Middleware {
  const limits = ctx.options.rateLimits;
  const limiter = limits === 'off' ? undefined : new RateLimiter(limits, ctx.clock);
  return async (req, next) => {
    if (req.path !== KALSHI_API_BASE && !req.path.startsWith(`${KALSHI_API_BASE}/`)) return next();
    const auth = authenticate(
      req.headers,
      req.method,
      req.path,
      ctx.keys,
      ctx.clock.now(),
      ctx.options.timestampToleranceMs,
    );
    if (auth.kind === 'denied') return unauthorized(auth.message);
    if (auth.kind === 'ok') ctx.setAccount(req.raw, auth.account);
    if (limiter) {
      const rel = req.path.slice(KALSHI_API_BASE.length) || '/';
      const cost = requestCost(req.method, rel, batchSize(req.rawBody));
      const identity = auth.kind === 'ok' ? auth.account : ANONYMOUS;
      if (!limiter.allow(identity, bucketFor(req.method, rel), cost)) return TOO_MANY_REQUESTS;
    }
    const parsed = parseJsonBody(req.rawBody);
    if (!parsed.ok) return unparseableBody(parsed.message);
    return next();
  };
}

/** Orders in a batch body (for per-order costs); 1 when it is not a batch or not JSON. */
function batchSize(rawBody: string): number {
  if (!rawBody.includes('"orders"') && !rawBody.includes('"ids"')) return 1;
  try {
    const b = JSON.parse(rawBody) as { orders?: unknown; ids?: unknown };
    const list = Array.isArray(b.orders) ? b.orders : Array.isArray(b.ids) ? b.ids : [];
    return Math.max(1, list.length);
  } catch {
    return 1;
  }
}
