/**
 * Book hashes. Polymarket books carry `hash` = SHA-1 (hex) of `JSON.stringify(book)` taken with `hash: ""`,
 * so the hash depends on the exact fields, their order and the number formatting.
 *
 * - REST `/book` summaries: the hash covers the whole summary object exactly as sent (this is what the official
 *   client's `getOrderBookHash` recomputes), so it is checked over the object as received.
 * - WebSocket `book` and `price_change`: the hash covers the canonical object
 *   `{"market", "asset_id", "timestamp", "hash": "", "bids", "asks"}` with levels `{"price", "size"}` as
 *   shortest decimals, best level last on both sides, and `timestamp` the frame's (ms, string). A receiver that
 *   applied every change holds the same levels and recomputes the same hash; a lost, reordered or corrupted
 *   frame shows up as a mismatch.
 *
 * The real venue documents the algorithm but not the hashed object, so the adapter can turn checking off.
 */
import { createHash } from 'node:crypto';
import type { Level } from '../../../core/market.ts';
import { pxToDecimal, qtyToDecimal } from '../../../core/units.ts';

export interface WireLevel {
  readonly price: string;
  readonly size: string;
}

/** Levels given best first → wire levels best last, as the venue (and the official client) orders them. */
export function wireLevelsBestLast(bestFirst: readonly Level[]): WireLevel[] {
  const out: WireLevel[] = [];
  for (let i = bestFirst.length - 1; i >= 0; i--) {
    const l = bestFirst[i]!;
    out.push({ price: pxToDecimal(l.px), size: qtyToDecimal(l.qty) });
  }
  return out;
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Hash of an object whose `hash` field is blanked, keeping the object's own key order. */
export function hashWithBlankHash(obj: Readonly<Record<string, unknown>>): string {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) copy[k] = k === 'hash' ? '' : v;
  if (!('hash' in obj)) copy.hash = '';
  return sha1Hex(JSON.stringify(copy));
}

/** The WebSocket book hash for one token's book (levels best first). */
export function wsBookHash(
  market: string,
  assetId: string,
  timestamp: string,
  bidsBestFirst: readonly Level[],
  asksBestFirst: readonly Level[],
): string {
  return sha1Hex(
    JSON.stringify({
      market,
      asset_id: assetId,
      timestamp,
      hash: '',
      bids: wireLevelsBestLast(bidsBestFirst),
      asks: wireLevelsBestLast(asksBestFirst),
    }),
  );
}
