/**
 * The Polymarket (CLOB V2) simulator front: the CLOB's REST API at the server root, the market and user
 * WebSocket channels, a Gamma-shaped discovery API under `/gamma-api` and a Data-API-shaped `/data-api`, all
 * on the shared matching engine. docs/sim-polymarket.md describes what is served and how it differs from
 * the real venue.
 */
import type { SimFront, SimHost } from '../host.ts';
import { SIM_POLYMARKET_CHAIN_ID } from '../credentials.ts';
import { mountPolymarketAdmin } from './admin.ts';
import { mountAuthL1 } from './auth-l1.ts';
import { Catalog } from './catalog.ts';
import type { FrontContext, LastTrade } from './context.ts';
import { mountGamma } from './gamma.ts';
import { Heartbeats } from './heartbeat.ts';
import { KeyRegistry } from './keys.ts';
import { type PolymarketFrontOptions, resolveOptions } from './options.ts';
import { rateLimitMiddleware, type RateLimiterStats } from './rate-limit.ts';
import { mountData } from './rest-data.ts';
import { mountMarkets } from './rest-markets.ts';
import { mountOrders } from './rest-orders.ts';
import { TradeTracker } from './trades.ts';
import { MarketChannel } from './ws-market.ts';
import { UserChannel } from './ws-user.ts';

export {
  type PolymarketFrontOptions,
  DEFAULT_RATE_LIMITS,
  type RateLimitOptions,
  type RateLimitRule,
} from './options.ts';
export { POLY_ADMIN_PREFIX } from './admin.ts';
export { END_CURSOR, INITIAL_CURSOR } from './cursor.ts';

/** What a mounted front exposes to tests (and nothing else needs). */
export interface PolymarketFrontHandle {
  readonly ctx: FrontContext;
  readonly heartbeats: Heartbeats;
  readonly rateLimits: RateLimiterStats;
}

/** Mount the front; returns its handle (a `SimFront` ignores it). */
export function mountPolymarketFront(
  host: SimHost,
  options: PolymarketFrontOptions = {},
): PolymarketFrontHandle {
  const rt = host.polymarket;
  const opts = resolveOptions(options);
  const catalog = new Catalog(host.scenario);
  const keys = new KeyRegistry(rt.exchange);
  const lastTrade = new Map<string, LastTrade>();
  const trades = new TradeTracker(host.clock, opts.trades, (a) => keys.hasAccount(a), lastTrade);
  trades.attach(rt.exchange);
  const ctx: FrontContext = {
    rt,
    ex: rt.exchange,
    clock: host.clock,
    chainId: SIM_POLYMARKET_CHAIN_ID,
    catalog,
    keys,
    trades,
    opts,
    lastTrade,
    switches: { orderStatus: undefined },
  };
  const rateLimits: RateLimiterStats = { delayed: 0, refused: 0 };
  rt.server.use(rateLimitMiddleware(opts.rateLimits, host.clock, rateLimits));
  mountAuthL1(ctx);
  mountMarkets(ctx);
  mountOrders(ctx);
  mountData(ctx);
  mountGamma(ctx);
  const heartbeats = new Heartbeats(ctx);
  heartbeats.mount();
  const market = new MarketChannel(ctx);
  const user = new UserChannel(ctx);
  mountPolymarketAdmin(ctx, market);
  // Pending settlement and heartbeat timers must not keep a real-clock process alive once the server is closed.
  const closeServer = rt.server.close.bind(rt.server);
  rt.server.close = () => {
    trades.dispose();
    heartbeats.dispose();
    market.dispose();
    user.dispose();
    return closeServer();
  };
  return { ctx, heartbeats, rateLimits };
}

/** The front as `arb sim` mounts it, with the venue's default limits and timings. */
export function polymarketFront(options: PolymarketFrontOptions = {}): SimFront {
  return (host) => {
    mountPolymarketFront(host, options);
  };
}

export const POLYMARKET_FRONT: SimFront = polymarketFront();
