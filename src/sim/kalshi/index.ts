/** The simulated Kalshi: REST and WebSocket protocol front over the shared matching engine. */
export { createKalshiFront, kalshiFront } from './front.ts';
export {
  type BucketSpec,
  type KalshiApiKey,
  type KalshiFrontOptions,
  type KalshiTier,
  KALSHI_TIERS,
  type RateLimitSpec,
  tierLimits,
} from './options.ts';
export { REJECT_STATUS } from './errors.ts';
export { ENDPOINT_COSTS, DEFAULT_COST } from './rate-limit.ts';
