/**
 * Kalshi's fixed-point strings (K1): YES-price dollars, `_fp` counts with 2 decimals, dollar amounts, times;
 * and the market's UUID (`market_id`), which real book messages carry beside the ticker.
 */
import { createHash } from 'node:crypto';
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

/**
 * A market's stable `market_id`: a name-based UUID (version 5 layout: SHA-1 of the ticker), so it is the same
 * on every run and every connection, as the venue's is for a market's lifetime.
 */
export function marketUuid(ticker: string): string {
  let id = uuids.get(ticker);
  if (id !== undefined) return id;
  const h = createHash('sha1').update(`kalshi-sim:${ticker}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  id = `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  uuids.set(ticker, id);
  return id;
}

/** Every delta carries the id: hash each ticker once (a scenario has a bounded set of markets). */
const uuids = new Map<string, string>();
