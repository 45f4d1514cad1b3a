/**
 * Positions from fills, with each venue's netting rule. Kalshi nets YES against NO in a market (holding both
 * is impossible: buying YES while holding NO sells the NO), so a Kalshi market has one signed position;
 * Polymarket's YES and NO are separate tokens, held independently.
 *
 * The fill's own terms do not matter: a Kalshi "sell NO at 1 − p" and a "buy YES at p" move the position the
 * same way. Reversed fills (a Polymarket trade that failed on chain) count for nothing.
 */
import type { Outcome, Side, Venue } from '../../core/market.ts';

export interface PositionFill {
  readonly outcome: Outcome;
  readonly side: Side;
  readonly qty: number;
  readonly reversed: boolean;
}

export interface HeldQty {
  readonly outcome: Outcome;
  readonly qty: number;
}

/** Net held quantities of one market from its fills: at most one row on Kalshi, up to two on Polymarket. */
export function positionsFromFills(venue: Venue, fills: readonly PositionFill[]): HeldQty[] {
  const live = fills.filter((f) => !f.reversed);
  if (venue === 'kalshi') {
    let yes = 0;
    for (const f of live) {
      const towardsYes = (f.outcome === 'YES') === (f.side === 'BUY');
      yes += towardsYes ? f.qty : -f.qty;
    }
    if (yes === 0) return [];
    return [{ outcome: yes > 0 ? 'YES' : 'NO', qty: Math.abs(yes) }];
  }
  const held = { YES: 0, NO: 0 };
  for (const f of live) held[f.outcome] += f.side === 'BUY' ? f.qty : -f.qty;
  return (['YES', 'NO'] as const).filter((o) => held[o] !== 0).map((o) => ({ outcome: o, qty: held[o] }));
}
