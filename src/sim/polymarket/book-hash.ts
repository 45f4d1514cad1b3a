/**
 * The simulator's own book hashes (P2, P4), written from the venue's description and kept apart from the
 * adapter's (src/venues/polymarket/book-hash.ts) on purpose: a simulator that borrowed the adapter's code would
 * agree with any misreading in it. test/sim/polymarket/rules-agree.test.ts holds the two implementations equal.
 *
 * - REST `/book`: SHA-1 (hex) of the summary's `JSON.stringify` with `hash` set to "", in the summary's own key
 *   order (what the official client's `getOrderBookHash` recomputes).
 * - WebSocket `book` / `price_change`: SHA-1 (hex) of `{"market", "asset_id", "timestamp", "hash": "", "bids",
 *   "asks"}` with the levels exactly as the frames carry them (best last), `timestamp` the frame's.
 */
import { createHash } from 'node:crypto';
import type { Level } from '../../core/market.ts';
import { pxToDecimal, qtyToDecimal } from '../../core/units.ts';

export interface WireLevel {
  readonly price: string;
  readonly size: string;
}

/** Levels best first (as the engine gives them) → as the wire carries them, best last. */
export function toWire(bestFirst: readonly Level[]): WireLevel[] {
  return bestFirst.map((l) => ({ price: pxToDecimal(l.px), size: qtyToDecimal(l.qty) })).reverse();
}

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

/** The REST summary's hash: the object as sent, `hash` blank (appended last if the object has none). */
export function summaryHash(summary: Readonly<Record<string, unknown>>): string {
  return sha1(JSON.stringify({ ...summary, hash: '' }));
}

/** The hash a WebSocket frame carries for one token's book, over the levels it puts on the wire. */
export function feedBookHash(
  market: string,
  assetId: string,
  timestamp: string,
  bids: readonly WireLevel[],
  asks: readonly WireLevel[],
): string {
  return sha1(JSON.stringify({ market, asset_id: assetId, timestamp, hash: '', bids, asks }));
}
