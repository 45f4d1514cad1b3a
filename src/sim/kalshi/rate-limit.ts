/**
 * Kalshi's rate limits (K6): one read and one write token bucket per member, refilled continuously on the
 * simulator clock; each request costs its endpoint's tokens (default 10, some cheaper, batches per order).
 * An empty bucket answers 429 `{"error": "too many requests"}` with no Retry-After header.
 */
import type { Clock } from '../../core/clock.ts';
import { compilePathPattern, type PathPattern } from '../server/path-pattern.ts';
import type { BucketSpec, RateLimitSpec } from './options.ts';

export const DEFAULT_COST = 10;

export interface EndpointCost {
  readonly method: string;
  /** Path relative to `/trade-api/v2`, with `{param}` segments as the venue lists them. */
  readonly path: string;
  readonly cost: number;
  /** Batch endpoints charge this cost per order in the body. */
  readonly perOrder?: boolean;
}

/** Endpoints whose cost differs from the default (served by GET /account/endpoint_costs). */
export const ENDPOINT_COSTS: readonly EndpointCost[] = [
  { method: 'DELETE', path: '/portfolio/events/orders/{order_id}', cost: 2 },
  { method: 'DELETE', path: '/portfolio/events/orders/batched', cost: 2, perOrder: true },
  { method: 'POST', path: '/portfolio/events/orders/batched', cost: DEFAULT_COST, perOrder: true },
  { method: 'GET', path: '/portfolio/orders/{order_id}', cost: 5 },
  { method: 'GET', path: '/markets/{ticker}/orderbook', cost: 5 },
];

const COMPILED: readonly { readonly e: EndpointCost; readonly pattern: PathPattern }[] = ENDPOINT_COSTS.map(
  (e) => ({ e, pattern: compilePathPattern(e.path.replace(/\{(\w+)\}/g, ':$1')) }),
);

/** Tokens a request costs; `orders` is the number of orders in a batch body. */
export function requestCost(method: string, relPath: string, orders: number): number {
  for (const { e, pattern } of COMPILED) {
    if (e.method === method && pattern.match(relPath))
      return e.perOrder ? e.cost * Math.max(1, orders) : e.cost;
  }
  return DEFAULT_COST;
}

/** Order entry and cancels spend the write bucket; everything else the read bucket. */
export const bucketFor = (method: string, relPath: string): 'read' | 'write' =>
  method !== 'GET' && method !== 'HEAD' && relPath.startsWith('/portfolio/') ? 'write' : 'read';

export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly spec: BucketSpec,
    private readonly clock: Clock,
  ) {
    this.tokens = spec.capacity;
    this.lastMs = clock.now();
  }

  /** Take `cost` tokens if there are that many; refills first by the time passed. */
  take(cost: number): boolean {
    const now = this.clock.now();
    if (now > this.lastMs) {
      this.tokens = Math.min(
        this.spec.capacity,
        this.tokens + ((now - this.lastMs) * this.spec.refillRate) / 1000,
      );
      this.lastMs = now;
    }
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}

/** Buckets per identity (an account, or one shared anonymous identity for unsigned requests). */
export class RateLimiter {
  private readonly buckets = new Map<string, { read: TokenBucket; write: TokenBucket }>();

  constructor(
    private readonly spec: RateLimitSpec,
    private readonly clock: Clock,
  ) {}

  allow(identity: string, bucket: 'read' | 'write', cost: number): boolean {
    let b = this.buckets.get(identity);
    if (!b) {
      b = {
        read: new TokenBucket(this.spec.read, this.clock),
        write: new TokenBucket(this.spec.write, this.clock),
      };
      this.buckets.set(identity, b);
    }
    return b[bucket].take(cost);
  }
}
