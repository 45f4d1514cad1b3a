/** What the order modules share: the REST calls, the credentials, the market facts, and the order ids derived. */
import type { Clock } from '../../../core/clock.ts';
import type { ApiKeys } from '../auth/api-keys.ts';
import type { PolyClient } from '../rest/client.ts';
import type { Markets } from '../rest/markets.ts';
import type { OrderIds } from './order-ids.ts';

export interface OrderContext {
  readonly rest: PolyClient;
  readonly keys: ApiKeys;
  readonly markets: Markets;
  readonly ids: OrderIds;
  readonly clock: Clock;
  /** The wallet: the maker of our orders, and how our legs of a trade are recognised. */
  readonly address: string;
}
