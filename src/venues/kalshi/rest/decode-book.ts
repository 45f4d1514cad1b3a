/**
 * The REST order book (`GET /markets/{ticker}/orderbook`, K2) → YES levels. Kalshi lists bids only, for each
 * side at that side's own price and in any order: YES bids are the `yes` side, YES asks the `no` bids at 1 − price.
 */
import type { Result } from '../../../core/errors.ts';
import type { Level } from '../../../core/market.ts';
import { pxComplement } from '../../../core/units.ts';
import { KalshiCodecError } from '../errors.ts';
import { attempt, parseCount, parseTradablePx } from './decode-fields.ts';
import type { WireOrderbookResponse } from './schemas.ts';

type WireSide = readonly (readonly [string, string])[];

/** Both sides → YES levels best first. Zero-size or duplicate prices are malformed: the venue never sends them. */
export function yesLevels(
  yes: WireSide,
  no: WireSide,
  where: string,
): Result<{ yesBids: Level[]; yesAsks: Level[] }, KalshiCodecError> {
  return attempt(() => {
    const side = (levels: WireSide, name: string, flip: boolean): Level[] => {
      const seen = new Set<number>();
      const out = levels.map(([p, c], i) => {
        const px = parseTradablePx(`${where}.${name}[${i}][0]`, p);
        const qty = parseCount(`${where}.${name}[${i}][1]`, c);
        if (qty <= 0) throw new KalshiCodecError(`${where}.${name}[${i}][1]: level size must be positive`);
        if (seen.has(px)) throw new KalshiCodecError(`${where}.${name}[${i}][0]: price ${p} listed twice`);
        seen.add(px);
        return { px: flip ? pxComplement(px) : px, qty };
      });
      return out;
    };
    return {
      yesBids: side(yes, 'yes', false).sort((a, b) => b.px - a.px),
      yesAsks: side(no, 'no', true).sort((a, b) => a.px - b.px),
    };
  });
}

/** A whole orderbook response (missing sides are empty). */
export const decodeOrderbook = (
  w: WireOrderbookResponse,
): Result<{ yesBids: Level[]; yesAsks: Level[] }, KalshiCodecError> =>
  yesLevels(w.orderbook_fp.yes_dollars ?? [], w.orderbook_fp.no_dollars ?? [], 'orderbook_fp');
