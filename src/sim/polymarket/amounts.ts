/**
 * A signed order's price and size, read back from its amounts (P3): the simulator's own reading, kept apart
 * from the adapter's (src/venues/polymarket/amounts.ts) on purpose, so a misreading on one side shows up as a
 * disagreement (test/sim/polymarket/rules-agree.test.ts) instead of passing on both.
 *
 * Amounts are 6-decimal base units. A BUY gives collateral (makerAmount) for shares (takerAmount); a SELL gives
 * shares (makerAmount) for collateral (takerAmount). The size must be whole 0.01 shares (10^4 base units) and
 * the price, collateral ÷ shares, an exact multiple of $0.0001 no higher than $1.
 */
import type { Side } from '../../core/market.ts';
import { asPx, asQty, type Px, type Qty } from '../../core/units.ts';

const UNITS_PER_QTY = 10_000n; // 0.01 share in 6-decimal base units
const PX_PER_DOLLAR = 10_000n;

export type AmountsReading =
  | { readonly ok: true; readonly px: Px; readonly qty: Qty }
  /** `price`: off the $0.0001 grid or above $1; `size`: not whole 0.01 shares; `zero`; `too_large`. */
  | { readonly ok: false; readonly why: 'zero' | 'size' | 'price' | 'too_large' };

export function readAmounts(side: Side, makerAmount: bigint, takerAmount: bigint): AmountsReading {
  const [shares, collateral] = side === 'BUY' ? [takerAmount, makerAmount] : [makerAmount, takerAmount];
  if (shares <= 0n || collateral <= 0n) return { ok: false, why: 'zero' };
  const qty = shares / UNITS_PER_QTY;
  if (qty * UNITS_PER_QTY !== shares) return { ok: false, why: 'size' };
  // Px = collateral / shares × 10^4, exact or refused.
  const scaled = collateral * PX_PER_DOLLAR;
  const px = scaled / shares;
  if (px * shares !== scaled || px > PX_PER_DOLLAR) return { ok: false, why: 'price' };
  if (qty > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, why: 'too_large' };
  return { ok: true, px: asPx(Number(px)), qty: asQty(Number(qty)) };
}
