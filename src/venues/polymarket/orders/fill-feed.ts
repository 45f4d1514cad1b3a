/**
 * `fillsSince`: the account's trades since the cursor's window (`GET /data/trades?after=`), the markets they
 * name made known, then turned into fills by the pure cursor logic of fills.ts.
 */
import { err, ok } from '../../../core/errors.ts';
import type { VenueFill, VenueResult } from '../../venue.ts';
import { polyError } from '../errors.ts';
import { decodeFillCursor, encodeFillCursor, fillsFromTrades, queryAfterSeconds } from './fills.ts';
import type { OrderContext } from './context.ts';

export async function fillsSince(
  cursor: string | undefined,
  d: OrderContext,
): Promise<VenueResult<{ fills: VenueFill[]; cursor: string | undefined }>> {
  const state = decodeFillCursor(cursor);
  if (!state) return err(polyError('rejected', 'POLYMARKET.BAD_CURSOR', 'not a cursor this adapter issued'));
  const trades = await d.rest.trades(queryAfterSeconds(state));
  if (!trades.ok) return trades;
  const failed = await d.markets.ensure([...new Set(trades.value.map((t) => t.market))]);
  if (failed) return err(failed);
  const { fills, next } = fillsFromTrades(trades.value, state, {
    address: d.address,
    outcomeOf: (asset) => d.markets.token(asset)?.outcome,
    feesOf: (market) => d.markets.fees(market),
    clientOrderIdOf: (id) => d.ids.clientIdOf(id),
  });
  return ok({ fills, cursor: encodeFillCursor(next) });
}
