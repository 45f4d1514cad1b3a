/** Knobs of the Polymarket front; every default is the venue's documented behaviour (P2, P5, P7). */

export interface RateLimitRule {
  /** `METHOD /path` (as in fault specs) or `*` for the overall CLOB budget. */
  readonly endpoint: string;
  /** Requests allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimitOptions {
  readonly rules: readonly RateLimitRule[];
  /**
   * Cloudflare-style throttling: a request over its budget is first delayed (queued on the simulator clock)
   * by up to this long; beyond that it is refused with 429.
   */
  readonly maxQueueMs: number;
}

export interface PolymarketFrontOptions {
  readonly rateLimits?: RateLimitOptions;
  /** Heartbeat dead-man switch: a session with no heartbeat for `timeoutMs + graceMs` loses its open orders. */
  readonly heartbeat?: { readonly timeoutMs: number; readonly graceMs: number };
  /** Trade lifecycle on the simulator clock: MATCHED → MINED after `minedAfterMs` → CONFIRMED `confirmedAfterMs` later. */
  readonly trades?: { readonly minedAfterMs: number; readonly confirmedAfterMs: number };
  /** Page size of `/markets`, `/data/orders` and `/data/trades`. */
  readonly pageSize?: number;
  /**
   * When set, L1/L2 timestamps more than this many seconds away from the simulator clock are refused. Off by
   * default: the official client stamps requests with the wall clock, which a SimClock test does not follow.
   */
  readonly maxClockSkewSec?: number;
}

export interface ResolvedOptions {
  readonly rateLimits: RateLimitOptions;
  readonly heartbeat: { readonly timeoutMs: number; readonly graceMs: number };
  readonly trades: { readonly minedAfterMs: number; readonly confirmedAfterMs: number };
  readonly pageSize: number;
  readonly maxClockSkewSec: number | undefined;
}

/** P7's published limits, per 10 s unless noted. */
export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  rules: [
    { endpoint: '*', limit: 9_000, windowMs: 10_000 },
    { endpoint: 'GET /book', limit: 1_500, windowMs: 10_000 },
    { endpoint: 'POST /books', limit: 500, windowMs: 10_000 },
    { endpoint: 'GET /data/orders', limit: 500, windowMs: 10_000 },
    { endpoint: 'GET /data/trades', limit: 500, windowMs: 10_000 },
    { endpoint: 'POST /order', limit: 3_500, windowMs: 10_000 },
    { endpoint: 'POST /order', limit: 36_000, windowMs: 600_000 },
    { endpoint: 'DELETE /order', limit: 3_000, windowMs: 10_000 },
  ],
  maxQueueMs: 2_000,
};

export function resolveOptions(o: PolymarketFrontOptions = {}): ResolvedOptions {
  return {
    rateLimits: o.rateLimits ?? DEFAULT_RATE_LIMITS,
    heartbeat: o.heartbeat ?? { timeoutMs: 10_000, graceMs: 5_000 },
    trades: o.trades ?? { minedAfterMs: 2_000, confirmedAfterMs: 5_000 },
    pageSize: o.pageSize ?? 500,
    maxClockSkewSec: o.maxClockSkewSec,
  };
}
