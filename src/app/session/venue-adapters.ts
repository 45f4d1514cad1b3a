/** The real protocol adapters, built from a connection file (the `arb sim` format): one place for paper and live. */
import type { Clock } from '../../core/clock.ts';
import type { MarketIdTable, Venue } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import type { ConnectionInfo } from '../../sim/connection.ts';
import { KalshiAdapter } from '../../venues/kalshi/index.ts';
import { PolymarketAdapter } from '../../venues/polymarket/index.ts';
import type { VenueAdapter } from '../../venues/venue.ts';

export function adaptersFromConnection(
  info: ConnectionInfo,
  deps: {
    clock: Clock;
    rng: Rng;
    ids: MarketIdTable;
    onProblem?: (venue: Venue, reason: string) => void;
    /** Put every Kalshi order in an order group with this cap (config `venues.kalshi.orderGroupContractsLimit`). */
    kalshiOrderGroupContractsLimit?: number;
  },
): Record<Venue, VenueAdapter> {
  return {
    kalshi: new KalshiAdapter({
      restUrl: info.kalshi.restUrl,
      wsUrl: info.kalshi.wsUrl,
      keyId: info.kalshi.keyId,
      privateKeyPem: info.kalshi.privateKeyPem,
      clock: deps.clock,
      rng: deps.rng.fork('kalshi-adapter'),
      ids: deps.ids,
      discoverStatus: 'open',
      ...(deps.kalshiOrderGroupContractsLimit === undefined
        ? {}
        : { orderGroupContractsLimit: deps.kalshiOrderGroupContractsLimit }),
    }),
    polymarket: new PolymarketAdapter({
      ...info.polymarket,
      clock: deps.clock,
      rng: deps.rng.fork('polymarket-adapter'),
      ids: deps.ids,
      ...(deps.onProblem ? { onProblem: (r: string) => deps.onProblem!('polymarket', r) } : {}),
    }),
  };
}
