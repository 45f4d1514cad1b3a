/**
 * One token's book as the sync holds it: levels by price, each side's best price kept as it goes, the summary
 * fields the venue's hash covers (`BookMeta`), and the same-timestamp batch being applied.
 *
 * A batch is every `price_change` of one token with one timestamp. The venue stamps each of its frames with the
 * hash (and best bid and ask) of the book at the **end** of the batch, and the book may be crossed in between
 * (reference, "Observed in real traffic"). So changes are applied as they come, but the book is judged (hash,
 * crossing) and its changes told to consumers only when the batch ends: as net changes, removals first, so a
 * consumer applying them one by one never holds a crossed book either (every level it holds is in the end
 * state, which is not crossed).
 */
import type { Level, Side } from '../../../core/market.ts';
import { asQty, type Px, type Qty } from '../../../core/units.ts';
import { bestPxOf, type WsLevelChange } from '../ws/market-events.ts';
import type { BookMeta } from './book-hash.ts';

const NONE = asQty(0);

export type MutableMeta = { -readonly [K in keyof BookMeta]: BookMeta[K] };

export interface LocalBook {
  readonly market: string;
  readonly assetId: string;
  readonly bids: Map<Px, Qty>;
  readonly asks: Map<Px, Qty>;
  /** Highest bid and lowest ask price, −1 when that side is empty: the crossed-book check reads these. */
  bestBid: number;
  bestAsk: number;
  valid: boolean;
  /** `market_resolved` came: the book is gone for good (no resync). */
  resolved: boolean;
  readonly meta: MutableMeta;
  /** The open batch's timestamp (as written), undefined when none is open. */
  batchTs: string | undefined;
  batchTimeMs: number;
  /** Frames of the open batch so far, and every change applied in it, in order. */
  batchFrames: number;
  readonly batch: WsLevelChange[];
  /** The book was crossed at some point inside the open batch. */
  crossedInBatch: boolean;
  /** Timestamp of the last state the book was judged at (a snapshot or a batch end). */
  lastTimeMs: number;
  /** The last best prices read from frames, as text and as Px (frames repeat them: read each text once). */
  readonly seenBid: { text: string | undefined; px: Px | undefined | null };
  readonly seenAsk: { text: string | undefined; px: Px | undefined | null };
  /** A `best_bid_ask` not yet matched with its batch: checked when the batch with its timestamp ends. */
  expectTop:
    { readonly timeMs: number; readonly bid: Px | undefined; readonly ask: Px | undefined } | undefined;
}

export function newBook(market: string, assetId: string, meta: BookMeta): LocalBook {
  return {
    market,
    assetId,
    bids: new Map(),
    asks: new Map(),
    bestBid: -1,
    bestAsk: -1,
    valid: false,
    resolved: false,
    meta: { ...meta },
    batchTs: undefined,
    batchTimeMs: 0,
    batchFrames: 0,
    batch: [],
    crossedInBatch: false,
    lastTimeMs: -1,
    seenBid: { text: undefined, px: undefined },
    seenAsk: { text: undefined, px: undefined },
    expectTop: undefined,
  };
}

/** Forget the open batch (it ended, a snapshot replaced the book, or the book was dropped). */
export function clearBatch(b: LocalBook): void {
  b.batchTs = undefined;
  b.batchFrames = 0;
  b.batch.length = 0;
  b.crossedInBatch = false;
}

/** Set one level (0 removes it), keeping the side's best price; only removing the best level scans. */
export function setLevel(b: LocalBook, side: Side, px: Px, qty: Qty): void {
  if (side === 'BUY') {
    if (qty === 0) {
      b.bids.delete(px);
      if (px === b.bestBid) b.bestBid = bestOf(b.bids, 'bid');
    } else {
      b.bids.set(px, qty);
      if (px > b.bestBid) b.bestBid = px;
    }
  } else if (qty === 0) {
    b.asks.delete(px);
    if (px === b.bestAsk) b.bestAsk = bestOf(b.asks, 'ask');
  } else {
    b.asks.set(px, qty);
    if (b.bestAsk < 0 || px < b.bestAsk) b.bestAsk = px;
  }
}

/** Replace both sides (a snapshot's levels, best first). */
export function replaceLevels(b: LocalBook, bids: readonly Level[], asks: readonly Level[]): void {
  b.bids.clear();
  b.asks.clear();
  for (const l of bids) if (l.qty > 0) b.bids.set(l.px, l.qty);
  for (const l of asks) if (l.qty > 0) b.asks.set(l.px, l.qty);
  b.bestBid = bestOf(b.bids, 'bid');
  b.bestAsk = bestOf(b.asks, 'ask');
}

/** Does the book hold exactly these levels (best first, as a snapshot gives them)? */
export function sameLevels(b: LocalBook, bids: readonly Level[], asks: readonly Level[]): boolean {
  const same = (m: Map<Px, Qty>, ls: readonly Level[]) =>
    m.size === ls.filter((l) => l.qty > 0).length && ls.every((l) => l.qty === 0 || m.get(l.px) === l.qty);
  return same(b.bids, bids) && same(b.asks, asks);
}

export function bestOf(m: Map<Px, Qty>, side: 'bid' | 'ask'): number {
  let best = -1;
  for (const px of m.keys()) if (best < 0 || (side === 'bid' ? px > best : px < best)) best = px;
  return best;
}

/** A book is crossed when some ask is at or below the best bid. */
export const crossed = (b: LocalBook): boolean => b.bestBid >= 0 && b.bestAsk >= 0 && b.bestAsk <= b.bestBid;

export const bestFirst = (m: Map<Px, Qty>, side: 'bid' | 'ask'): Level[] => {
  const out: Level[] = [];
  for (const [px, qty] of m) out.push({ px, qty });
  return out.sort(side === 'bid' ? (a, b) => b.px - a.px : (a, b) => a.px - b.px);
};

/**
 * A frame's best price as Px (undefined: that side is empty; null: unreadable). Frames repeat a book's best
 * prices, so the last text read per side is kept with its value and read once.
 */
export function seenBest(b: LocalBook, side: 'bid' | 'ask', text: string | undefined): Px | undefined | null {
  const seen = side === 'bid' ? b.seenBid : b.seenAsk;
  if (seen.text === text) return seen.px;
  let px: Px | undefined | null;
  try {
    px = bestPxOf(text, side === 'bid' ? 'best_bid' : 'best_ask');
  } catch {
    px = null;
  }
  seen.text = text;
  seen.px = px;
  return px;
}

/** Does the book's top equal the venue's (undefined: that side empty)? */
export const topIs = (b: LocalBook, bid: Px | undefined, ask: Px | undefined): boolean =>
  b.bestBid === (bid ?? -1) && b.bestAsk === (ask ?? -1);

/**
 * A batch's net changes (`list`: every change applied in it) in the order to tell them: each level touched once, with its size at the end of
 * the batch; removals first, then the rest, each group in the order the levels were first touched.
 */
export function netChanges(b: LocalBook, list: readonly WsLevelChange[]): { side: Side; px: Px; qty: Qty }[] {
  const sizeOf = (c: WsLevelChange): Qty => (c.side === 'BUY' ? b.bids : b.asks).get(c.px) ?? NONE;
  const seen = new Set<number>();
  const touched: WsLevelChange[] = [];
  for (const c of list) {
    const key = c.side === 'BUY' ? c.px : -1 - c.px;
    if (seen.has(key)) continue;
    seen.add(key);
    touched.push(c);
  }
  const out: { side: Side; px: Px; qty: Qty }[] = [];
  for (const c of touched) if (sizeOf(c) === 0) out.push({ side: c.side, px: c.px, qty: NONE });
  for (const c of touched) {
    const qty = sizeOf(c);
    if (qty !== 0) out.push({ side: c.side, px: c.px, qty });
  }
  return out;
}

/**
 * Token ids are 77-digit numbers; hashing one costs more than the rest of the lookup. Books are also indexed by
 * the last digits of their token id, and a hit is confirmed by comparing the whole id, so a frame's token is
 * found hashing only `SUFFIX` characters.
 */
const SUFFIX = 12;
const suffixOf = (assetId: string): string => assetId.slice(-SUFFIX);

/** Books by token id, looked up hashing only the id's last digits (`Map.get` on the whole id costs more). */
export class BookIndex {
  private readonly bySuffix = new Map<string, LocalBook[]>();

  constructor(books: Iterable<LocalBook>) {
    for (const b of books) {
      const same = this.bySuffix.get(suffixOf(b.assetId));
      if (same) same.push(b);
      else this.bySuffix.set(suffixOf(b.assetId), [b]);
    }
  }

  get(assetId: string): LocalBook | undefined {
    const same = this.bySuffix.get(suffixOf(assetId));
    if (same === undefined) return undefined;
    for (let i = 0; i < same.length; i++) if (same[i]!.assetId === assetId) return same[i];
    return undefined;
  }
}
