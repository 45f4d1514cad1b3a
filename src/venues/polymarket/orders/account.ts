/**
 * The account: positions from the Data API (outcome from the token when we know it), and free collateral, which
 * is the wallet balance less what open buy orders would spend (the venue reports the whole wallet).
 */
import { ok } from '../../../core/errors.ts';
import { asMicros, asQty, type Micros, notional } from '../../../core/units.ts';
import type { VenuePosition, VenueResult } from '../../venue.ts';
import type { OrderContext } from './context.ts';
import type { OrderLookup } from './lookup.ts';

export async function positions({
  rest,
  markets,
  address,
}: OrderContext): Promise<VenueResult<VenuePosition[]>> {
  const r = await rest.positions(address);
  if (!r.ok) return r;
  const out: VenuePosition[] = [];
  for (const p of r.value) {
    const outcome = markets.token(p.assetId)?.outcome ?? p.outcome;
    if (!outcome || p.qty === 0) continue;
    out.push({ market: p.conditionId, outcome, qty: p.qty });
  }
  return ok(out);
}

export async function freeCollateral(
  { rest }: OrderContext,
  lookup: OrderLookup,
): Promise<VenueResult<Micros>> {
  const [bal, open] = await Promise.all([rest.collateral(), lookup.open()]);
  if (!bal.ok) return bal;
  if (!open.ok) return open;
  let committed = 0;
  // An order reported as matched beyond its size commits nothing more (never a negative amount).
  for (const o of open.value)
    if (o.side === 'BUY') committed += notional(o.px, asQty(Math.max(0, o.qty - o.filled)));
  return ok(asMicros(bal.value - committed));
}
