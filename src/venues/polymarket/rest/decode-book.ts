/**
 * `GET /book` → YES levels best first, with the venue's timestamp; the summary's hash is checked over the object
 * exactly as received (sync/book-hash.ts), so a book whose content does not match its hash is refused.
 */
import { err, ok, type Result } from '../../../core/errors.ts';
import type { Level } from '../../../core/market.ts';
import { PolyCodecError } from '../errors.ts';
import { hashWithBlankHash } from '../sync/book-hash.ts';
import { attempt, levelsOf, msOf, shape } from './decode-fields.ts';
import { WireBookSummary } from './schemas.ts';

export interface BookSummary {
  readonly market: string;
  readonly assetId: string;
  readonly timestampMs: number;
  readonly bids: Level[];
  readonly asks: Level[];
  readonly hash: string;
}

export function decodeBookSummary(raw: unknown, root = 'book'): Result<BookSummary, PolyCodecError> {
  return attempt(() => {
    const w = shape(WireBookSummary, raw, root);
    return {
      market: w.market,
      assetId: w.asset_id,
      timestampMs: msOf(w.timestamp, `${root}.timestamp`),
      bids: levelsOf(w.bids, 'bid', `${root}.bids`),
      asks: levelsOf(w.asks, 'ask', `${root}.asks`),
      hash: w.hash,
    };
  });
}

/** The book a caller uses; with `verifyHash`, only when the summary's hash matches its content. */
export function decodeBook(
  raw: unknown,
  verifyHash: boolean,
): Result<{ yesBids: Level[]; yesAsks: Level[]; venueTimeMs: number }, PolyCodecError> {
  const b = decodeBookSummary(raw);
  if (!b.ok) return b;
  // The shape check passed, so `raw` is an object whose own keys are the summary's, in the venue's order.
  if (verifyHash && hashWithBlankHash(raw as Record<string, unknown>) !== b.value.hash)
    return err(new PolyCodecError('book: hash does not match its content'));
  return ok({ yesBids: b.value.bids, yesAsks: b.value.asks, venueTimeMs: b.value.timestampMs });
}
