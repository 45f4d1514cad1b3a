/** What every part of the Polymarket front shares: the venue runtime, the scenario catalogue and the front's own state. */
import type { Clock } from '../../core/clock.ts';
import type { Exchange } from '../engine/exchange.ts';
import type { VenueRuntime } from '../host.ts';
import type { Catalog } from './catalog.ts';
import type { KeyRegistry } from './keys.ts';
import type { ResolvedOptions } from './options.ts';
import type { LastTrade, TradeTracker } from './trades.ts';

export type { LastTrade } from './trades.ts';

/** Behaviour switched on through the admin API, for tests of what the venue sometimes does. */
export interface FrontSwitches {
  /** The next `left` accepted orders are answered with this `status` (the venue sometimes sends ""). */
  orderStatus: { readonly status: string; left: number } | undefined;
}

export interface FrontContext {
  readonly rt: VenueRuntime;
  readonly ex: Exchange;
  readonly clock: Clock;
  readonly chainId: number;
  readonly catalog: Catalog;
  readonly keys: KeyRegistry;
  readonly trades: TradeTracker;
  readonly opts: ResolvedOptions;
  readonly lastTrade: Map<string, LastTrade>;
  readonly switches: FrontSwitches;
}
