/**
 * The simulator's own book hashes (P2, P4), written from the venue's description and kept apart from the
 * adapter's (src/venues/polymarket/sync/book-hash.ts) on purpose: a simulator that borrowed the adapter's code
 * would agree with any misreading in it. test/sim/polymarket/rules-agree.test.ts holds the two equal.
 *
 * The venue hashes one object for both channels: the token's REST-style book summary with `hash` blank, SHA-1
 * (hex) of its `JSON.stringify`, in the summary's key order (market, asset_id, timestamp, hash, bids, asks,
 * min_order_size, tick_size, neg_risk, last_trade_price). `/book` sends that object itself; a WebSocket `book`
 * or `price_change` carries the hash of the summary taken at the frame's timestamp, although the frame itself
 * carries fewer fields (reference, "Observed in real traffic").
 */
import { createHash } from 'node:crypto';
import type { Level } from '../../core/market.ts';
import { pxToDecimal, qtyToDecimal } from '../../core/units.ts';

export interface WireLevel {
  readonly price: string;
  readonly size: string;
}

/** The summary's fields besides the book itself, as the venue writes them. */
export interface SummaryFields {
  readonly min_order_size: string;
  readonly tick_size: string;
  readonly neg_risk: boolean;
  readonly last_trade_price: string;
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

/** The summary object of one token's book at `timestamp`, `hash` blank: what both channels hash. */
export function bookSummary(
  market: string,
  assetId: string,
  timestamp: string,
  bids: readonly WireLevel[],
  asks: readonly WireLevel[],
  fields: SummaryFields,
): Record<string, unknown> {
  return { market, asset_id: assetId, timestamp, hash: '', bids, asks, ...fields };
}

/** The hash a WebSocket frame carries for one token's book: its summary's at the frame's timestamp. */
export function feedBookHash(
  market: string,
  assetId: string,
  timestamp: string,
  bids: readonly WireLevel[],
  asks: readonly WireLevel[],
  fields: SummaryFields,
): string {
  return summaryHash(bookSummary(market, assetId, timestamp, bids, asks, fields));
}
