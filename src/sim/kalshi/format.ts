/** Kalshi's fixed-point strings (K1): YES-price dollars, `_fp` counts with 2 decimals, dollar amounts, times. */
import { asPx, formatScaled, type Px, pxComplement, pxToDollars, qtyToFp } from '../../core/units.ts';

/** A price in dollars with 4 decimals ("0.5600"). */
export const dollars = (px: number): string => pxToDollars(asPx(px));

/** The other side's price: a YES price of 0.56 is a NO price of 0.44. */
export const complement = (px: number): Px => pxComplement(asPx(px));

/** Contracts with 2 decimals ("10.00", "-3.50"). */
export const fp = (qty: number): string => qtyToFp(qty);

/** Money in dollars: 4 decimals when exact, else the full 6 (responses carry up to six, K1). */
export function money(micros: number): string {
  return formatScaled(micros, 6, micros % 100 === 0 ? 4 : 6);
}

export const unixSeconds = (ms: number): number => Math.floor(ms / 1000);
