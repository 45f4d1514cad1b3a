/**
 * One market's book as the Kalshi synchroniser keeps it (YES-book levels with absolute sizes), its place in
 * the connection's subscriptions, and the two ways a book message changes it: a snapshot replaces it, a delta
 * moves one level by a signed amount. Pure: the caller decides what a level going negative means (a resync).
 */
import type { Level } from '../../../core/market.ts';
import { type Px, pxComplement, type Qty } from '../../../core/units.ts';
import type { BookEvent } from '../../venue.ts';
import type { KalshiFrame } from '../ws/book-frames.ts';
import type { SyncChannel } from './commands-sent.ts';

/** A subscription (`sid`) on the current connection. */
export interface Sub {
  readonly sid: number;
  readonly channel: SyncChannel;
  /** The last `seq` seen on it (book channel: every snapshot, delta and numbered `ok`). */
  lastSeq: number;
  /** The markets bound to it (book channel), in binding order. */
  readonly books: Set<MarketBook>;
}

export interface MarketBook {
  /**
   * The ticker as the caller gave it. Events carry this string rather than the frame's copy, so a consumer
   * keying maps by the same strings finds its entry by identity, without comparing characters.
   */
  readonly key: string;
  /** The book subscription carrying it on this connection, once bound. */
  sub: Sub | undefined;
  /** A subscribe for it is in flight: a reply or its first frame on a book sid binds it. */
  pending: boolean;
  /** When its snapshot was asked for (subscribe or `get_snapshot`), until it comes. */
  awaitingSinceMs: number | undefined;
  /** The venue refused it (an error naming the market): not asked for again on this connection. */
  refused: boolean;
  live: boolean;
  /** YES-book levels, keyed by YES price. */
  readonly bids: Map<Px, Qty>;
  readonly asks: Map<Px, Qty>;
}

export function newMarketBook(key: string): MarketBook {
  return {
    key,
    sub: undefined,
    pending: false,
    awaitingSinceMs: undefined,
    refused: false,
    live: false,
    bids: new Map(),
    asks: new Map(),
  };
}

/** Replace the book with a snapshot (bids of each side at that side's price); it is live from now. */
export function applySnapshot(
  book: MarketBook,
  f: Extract<KalshiFrame, { type: 'orderbook_snapshot' }>,
  nowMs: number,
): BookEvent {
  book.bids.clear();
  book.asks.clear();
  for (const l of f.yes) book.bids.set(l.px, l.qty);
  // A NO bid at q is a YES ask at 1 − q.
  for (const l of f.no) book.asks.set(pxComplement(l.px), l.qty);
  book.live = true;
  book.awaitingSinceMs = undefined;
  return {
    type: 'snapshot',
    market: book.key,
    yesBids: sortedLevels(book.bids, 'bid'),
    yesAsks: sortedLevels(book.asks, 'ask'),
    venueTimeMs: nowMs,
    receiveTimeMs: nowMs,
  };
}

/**
 * Move one level by a delta's signed change: the `level` event, or, when the size would go negative (an
 * update was missed), the reason as a string and the book left as it was.
 */
export function applyDelta(
  book: MarketBook,
  f: Extract<KalshiFrame, { type: 'orderbook_delta' }>,
  nowMs: number,
): BookEvent | string {
  // YES-book terms: a `yes` bid stays a bid; a `no` bid at q is a YES ask at 1 − q.
  const side = f.side === 'yes' ? 'bid' : 'ask';
  const px = f.side === 'yes' ? f.px : pxComplement(f.px);
  const levels = side === 'bid' ? book.bids : book.asks;
  const qty = (levels.get(px) ?? 0) + f.delta;
  if (qty < 0) return `${book.key}: ${side} ${px} would go negative (${qty})`;
  // A cast, not `asQty`: this is the measured hot path, and `qty` is a sum of integers (a Qty and a
  // decoded count) just checked to be ≥ 0.
  const level = qty as Qty;
  if (level === 0) levels.delete(px);
  else levels.set(px, level);
  return {
    type: 'level',
    market: book.key,
    side,
    px,
    qty: level,
    venueTimeMs: f.tsMs ?? nowMs,
    receiveTimeMs: nowMs,
  };
}

export function sortedLevels(levels: ReadonlyMap<Px, Qty>, side: 'bid' | 'ask'): Level[] {
  const out = [...levels].map(([px, qty]) => ({ px, qty }));
  return out.sort(side === 'bid' ? (a, b) => b.px - a.px : (a, b) => a.px - b.px);
}
