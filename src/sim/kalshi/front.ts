/**
 * The simulated Kalshi protocol front: mounts the auth + rate-limit middleware, the REST routes under
 * `/trade-api/v2` and the WebSocket `/trade-api/ws/v2` on the host's Kalshi server. Docs: docs/sim-kalshi.md.
 */
import type { SimFront } from '../host.ts';
import { KalshiActivity } from './activity.ts';
import { keyRing } from './auth.ts';
import { buildCatalog } from './catalog.ts';
import { type FrontContext, identities } from './context.ts';
import { kalshiMiddleware } from './middleware.ts';
import { type KalshiFrontOptions, resolveFrontOptions } from './options.ts';
import { KalshiOrderGroups } from './order-groups.ts';
import { mountMarketRoutes } from './rest-markets.ts';
import { mountOrderGroupRoutes } from './rest-order-groups.ts';
import { mountOrderRoutes } from './rest-orders.ts';
import { mountPortfolioRoutes } from './rest-portfolio.ts';
import { mountKalshiWs } from './ws.ts';

export function createKalshiFront(opts: KalshiFrontOptions = {}): SimFront {
  const options = resolveFrontOptions(opts);
  const keys = keyRing(options.keys);
  return (host) => {
    const runtime = host.kalshi;
    const ctx: FrontContext = {
      exchange: runtime.exchange,
      clock: host.clock,
      catalog: buildCatalog(host.scenario),
      activity: new KalshiActivity(runtime.exchange),
      orderGroups: new KalshiOrderGroups(runtime.exchange, host.clock),
      options,
      keys,
      ...identities(),
    };
    runtime.server.use(kalshiMiddleware(ctx));
    mountMarketRoutes(runtime.server, ctx);
    mountOrderRoutes(runtime.server, ctx);
    mountOrderGroupRoutes(runtime.server, ctx);
    mountPortfolioRoutes(runtime.server, ctx);
    mountKalshiWs(runtime, ctx);
  };
}

/** The front with the venue's defaults: Basic tier limits, ±5 min timestamps, the simulator's test key. */
export const kalshiFront: SimFront = createKalshiFront();
