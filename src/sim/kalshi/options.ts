/**
 * Knobs of the simulated Kalshi front: which keys it accepts, how far a signed timestamp may drift from the
 * simulator's clock, and the API usage tier whose token buckets rate-limit requests.
 */
import { SIM_KALSHI_KEY_ID, SIM_KALSHI_PUBLIC_KEY_PEM } from '../credentials.ts';
import { BOT_ACCOUNT } from '../venue-exchanges.ts';

/** Kalshi API usage tiers (K6): tokens per second for reads and writes. */
export const KALSHI_TIERS = {
  basic: { read: 200, write: 100 },
  advanced: { read: 300, write: 300 },
  premier: { read: 1000, write: 1000 },
  prime: { read: 4000, write: 4000 },
} as const;
export type KalshiTier = keyof typeof KALSHI_TIERS;

export interface BucketSpec {
  /** Tokens added per second. */
  readonly refillRate: number;
  /** Most tokens the bucket holds (burst). */
  readonly capacity: number;
}

export interface RateLimitSpec {
  readonly read: BucketSpec;
  readonly write: BucketSpec;
}

export interface KalshiApiKey {
  readonly keyId: string;
  /** SPKI or PKCS#1 PEM of the key's public half. */
  readonly publicKeyPem: string;
  /** The exchange account requests signed with this key act for. */
  readonly account: string;
}

export interface KalshiFrontOptions {
  /** Keys the simulator accepts; default: the test key of `credentials.ts`, acting for `bot`. */
  readonly keys?: readonly KalshiApiKey[];
  /**
   * How far `KALSHI-ACCESS-TIMESTAMP` may be from the simulator clock, in ms (default 5 minutes), or `'any'`
   * to accept every timestamp: a host on a `SimClock` far from the wall clock still serves the official client,
   * which signs with `Date.now()`.
   */
  readonly timestampToleranceMs?: number | 'any';
  /** Usage tier of every key (default `basic`). Ignored when `rateLimits` is given. */
  readonly tier?: KalshiTier;
  /** Explicit buckets (tests use tiny ones), or `'off'` to disable rate limiting. */
  readonly rateLimits?: RateLimitSpec | 'off';
  /** WebSocket heartbeat ping period on the simulator clock (default 10 s, as the venue). */
  readonly pingIntervalMs?: number;
}

export interface ResolvedFrontOptions {
  readonly keys: readonly KalshiApiKey[];
  readonly timestampToleranceMs: number | 'any';
  readonly tier: KalshiTier;
  readonly rateLimits: RateLimitSpec | 'off';
  readonly pingIntervalMs: number;
}

/** The write bucket holds two seconds of budget; the read bucket one (K6). */
export function tierLimits(tier: KalshiTier): RateLimitSpec {
  const t = KALSHI_TIERS[tier];
  return {
    read: { refillRate: t.read, capacity: t.read },
    write: { refillRate: t.write, capacity: 2 * t.write },
  };
}

export function resolveFrontOptions(opts: KalshiFrontOptions = {}): ResolvedFrontOptions {
  const tier = opts.tier ?? 'basic';
  return {
    keys: opts.keys ?? [
      { keyId: SIM_KALSHI_KEY_ID, publicKeyPem: SIM_KALSHI_PUBLIC_KEY_PEM, account: BOT_ACCOUNT },
    ],
    timestampToleranceMs: opts.timestampToleranceMs ?? 5 * 60_000,
    tier,
    rateLimits: opts.rateLimits ?? tierLimits(tier),
    pingIntervalMs: opts.pingIntervalMs ?? 10_000,
  };
}
