/** How a simulated market maker lays out its ladder around a fair price on a market's tick grid. */
import { ceilToGrid, floorToGrid, gridPrices, type TickGrid } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import { asQty, type Px, type Qty } from '../../core/units.ts';

/** Nearest valid price to a probability, kept strictly inside (0, 1). */
export function fairPx(grid: TickGrid, p: number): Px {
  const target = Math.round(p * 10_000);
  const lo = floorToGrid(grid, target);
  const hi = ceilToGrid(grid, target);
  if (lo === undefined) return hi ?? gridPrices(grid)[0]!;
  if (hi === undefined) return lo;
  return target - lo <= hi - target ? lo : hi;
}

export interface LadderLevel {
  /** YES price of the level. */
  readonly yesPx: Px;
  readonly qty: Qty;
}

/**
 * Bids below and asks above `center`, `halfSpreadTicks` grid steps away at the top, then one step apart.
 * Sizes are log-uniform between the bounds (a few to thousands of contracts), never below the market minimum.
 */
export function ladder(
  grid: TickGrid,
  center: Px,
  halfSpreadTicks: number,
  levels: number,
  contracts: readonly [number, number],
  minSize: Qty,
  rng: Rng,
): { bids: LadderLevel[]; asks: LadderLevel[] } {
  const size = (): Qty => {
    const [lo, hi] = contracts;
    const c = Math.round(Math.exp(Math.log(lo) + rng.float() * (Math.log(hi) - Math.log(lo))));
    return asQty(Math.max(minSize, c * 100));
  };
  const side = (step: (px: number) => Px | undefined): LadderLevel[] => {
    let px: Px | undefined = center;
    for (let i = 0; i < halfSpreadTicks && px !== undefined; i++) px = step(px);
    const out: LadderLevel[] = [];
    for (let i = 0; i < levels && px !== undefined; i++) {
      out.push({ yesPx: px, qty: size() });
      px = step(px);
    }
    return out;
  };
  return {
    bids: side((px) => floorToGrid(grid, px - 1)),
    asks: side((px) => ceilToGrid(grid, px + 1)),
  };
}
