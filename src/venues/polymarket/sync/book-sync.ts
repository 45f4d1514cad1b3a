/**
 * Live YES books from the market channel, kept consistent without sequence numbers (P4): each market follows
 * its YES token; `book` snapshots replace the book, `price_change` levels set absolute sizes ("0" removes),
 * and after applying a frame the book hash is recomputed and compared with the frame's. A mismatch (a lost,
 * reordered or corrupted frame), a crossed book, a `tick_size_change`, a malformed frame or a reconnect makes
 * the book invalid (an `invalid` event, counted) until a fresh snapshot arrives; the shell asks for one by
 * resubscribing the token. Nothing from a book is emitted before its hash checked out, so a consumer never
 * sees a wrong book.
 *
 * `PolyBookSync` is that logic per frame, sans-I/O (no sockets, no timers: it is handed `now`);
 * `PolyBookStream` (ws/book-stream.ts) is the socket and timer shell around it.
 */
import type { Level, Side } from '../../../core/market.ts';
import type { Px, Qty } from '../../../core/units.ts';
import type { BookEvent } from '../../venue.ts';
import { PolyCodecError } from '../errors.ts';
import { parseMarketFrame, type WsBook, type WsPriceChange } from '../ws/market-frames.ts';
import { wsBookHash } from './book-hash.ts';
export interface StreamMarket {
  /** Condition id: the market key in events. */
  readonly market: string;
  /** The YES token followed. */
  readonly assetId: string;
}

interface LocalBook {
  readonly market: string;
  readonly assetId: string;
  readonly bids: Map<Px, Qty>;
  readonly asks: Map<Px, Qty>;
  /** Highest bid and lowest ask price, −1 when that side is empty: the crossed-book check reads these. */
  bestBid: number;
  bestAsk: number;
  valid: boolean;
}

/** Set one level (0 removes it), keeping the side's best price; only removing the best level scans. */
function setLevel(b: LocalBook, side: Side, px: Px, qty: Qty): void {
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

function bestOf(m: Map<Px, Qty>, side: 'bid' | 'ask'): number {
  let best = -1;
  for (const px of m.keys()) if (best < 0 || (side === 'bid' ? px > best : px < best)) best = px;
  return best;
}

/** A book is crossed when some ask is at or below the best bid. */
const crossed = (b: LocalBook): boolean => b.bestBid >= 0 && b.bestAsk >= 0 && b.bestAsk <= b.bestBid;

const bestFirst = (m: Map<Px, Qty>, side: 'bid' | 'ask'): Level[] => {
  const out: Level[] = [];
  for (const [px, qty] of m) out.push({ px, qty });
  return out.sort(side === 'bid' ? (a, b) => b.px - a.px : (a, b) => a.px - b.px);
};

/** What the synchroniser asks of its shell. */
export interface PolySyncHooks {
  readonly onEvent: (e: BookEvent) => void;
  /** These tokens need fresh snapshots: resubscribe them (and watch that the snapshots come). */
  readonly resync: (assetIds: string[]) => void;
  /** A token's book is valid again: its snapshot request is answered. */
  readonly snapshotApplied?: (assetId: string) => void;
  readonly onProblem?: (reason: string) => void;
}

/**
 * Token ids are 77-digit numbers; hashing one costs more than the rest of the lookup. Books are also indexed by
 * the last digits of their token id, and a hit is confirmed by comparing the whole id, so a frame's token is
 * found hashing only `SUFFIX` characters.
 */
const SUFFIX = 12;
const suffixOf = (assetId: string): string => assetId.slice(-SUFFIX);

/**
 * The per-frame logic, sans-I/O: text frames in, `BookEvent`s and resync requests out through `hooks`. No
 * sockets and no timers, so the stream below and the hot-path benchmark run exactly the same code.
 */
export class PolyBookSync {
  private readonly books = new Map<string, LocalBook>();
  private readonly bySuffix = new Map<string, LocalBook[]>();
  private readonly verify: boolean;
  readonly counts = { snapshots: 0, updates: 0, gaps: 0, malformed: 0, resyncs: 0 };

  constructor(
    markets: readonly StreamMarket[],
    private readonly hooks: PolySyncHooks,
    opts: { readonly verifyHashes?: boolean } = {},
  ) {
    this.verify = opts.verifyHashes ?? true;
    for (const m of markets)
      this.books.set(m.assetId, {
        market: m.market,
        assetId: m.assetId,
        bids: new Map(),
        asks: new Map(),
        bestBid: -1,
        bestAsk: -1,
        valid: false,
      });
    for (const b of this.books.values()) {
      const same = this.bySuffix.get(suffixOf(b.assetId));
      if (same) same.push(b);
      else this.bySuffix.set(suffixOf(b.assetId), [b]);
    }
  }

  /** The book following `assetId`, if any (`books.get`, hashing only the id's last digits). */
  private bookOf(assetId: string): LocalBook | undefined {
    const same = this.bySuffix.get(suffixOf(assetId));
    if (same === undefined) return undefined;
    for (let i = 0; i < same.length; i++) if (same[i]!.assetId === assetId) return same[i];
    return undefined;
  }

  assetIds(): string[] {
    return [...this.books.keys()];
  }

  isValid(market: string): boolean {
    for (const b of this.books.values()) if (b.market === market) return b.valid;
    return false;
  }

  isAssetValid(assetId: string): boolean {
    return this.books.get(assetId)?.valid === true;
  }

  /** The connection dropped: no book can be trusted until its next snapshot. */
  disconnected(nowMs: number): void {
    for (const b of this.books.values()) this.invalidate(b, 'disconnected', nowMs);
  }

  /** Ask for fresh snapshots of these tokens (counted). */
  resync(assetIds: string[]): void {
    this.counts.resyncs++;
    this.hooks.resync(assetIds);
  }

  frame(text: string, nowMs: number): void {
    let events;
    try {
      events = parseMarketFrame(text);
    } catch (e) {
      if (!(e instanceof PolyCodecError)) throw e;
      // We cannot tell whose frame it was: every book may have missed a change.
      this.counts.malformed++;
      this.hooks.onProblem?.(`malformed frame: ${e.message}`);
      for (const b of this.books.values()) this.invalidate(b, `malformed frame: ${e.message}`, nowMs);
      this.resync(this.assetIds());
      return;
    }
    for (const ev of events) {
      if (ev.type === 'book') this.onSnapshot(ev, nowMs);
      else if (ev.type === 'price_change') this.onPriceChange(ev, nowMs);
      else if (ev.type === 'tick_size_change') {
        const b = this.books.get(ev.assetId);
        if (!b) continue;
        this.invalidate(b, 'tick size changed', nowMs);
        this.resync([b.assetId]);
      }
    }
  }

  private onSnapshot(ev: WsBook, nowMs: number): void {
    const b = this.books.get(ev.assetId);
    if (!b) return;
    if (this.verify && wsBookHash(ev.market, ev.assetId, ev.timestamp, ev.bids, ev.asks) !== ev.hash) {
      this.mismatch(b, 'snapshot hash mismatch', nowMs);
      return;
    }
    b.bids.clear();
    b.asks.clear();
    for (const l of ev.bids) if (l.qty > 0) b.bids.set(l.px, l.qty);
    for (const l of ev.asks) if (l.qty > 0) b.asks.set(l.px, l.qty);
    b.bestBid = bestOf(b.bids, 'bid');
    b.bestAsk = bestOf(b.asks, 'ask');
    if (crossed(b)) {
      this.mismatch(b, 'snapshot is crossed', nowMs);
      return;
    }
    b.valid = true;
    this.hooks.snapshotApplied?.(b.assetId);
    this.counts.snapshots++;
    this.hooks.onEvent({
      type: 'snapshot',
      market: b.market,
      yesBids: bestFirst(b.bids, 'bid'),
      yesAsks: bestFirst(b.asks, 'ask'),
      venueTimeMs: Number(ev.timestamp),
      receiveTimeMs: nowMs,
    });
  }

  private onPriceChange(ev: WsPriceChange, nowMs: number): void {
    const first = ev.changes[0]?.assetId;
    if (first === undefined) return;
    // A frame usually carries one token's changes: apply them as they are, without grouping.
    let oneAsset = true;
    for (let i = 1; i < ev.changes.length && oneAsset; i++) oneAsset = ev.changes[i]!.assetId === first;
    if (oneAsset) return this.applyChanges(first, ev.changes, ev.timestamp, nowMs);
    const byAsset = new Map<string, WsPriceChange['changes']>();
    for (const c of ev.changes) {
      const list = byAsset.get(c.assetId);
      if (list) list.push(c);
      else byAsset.set(c.assetId, [c]);
    }
    for (const [assetId, changes] of byAsset) this.applyChanges(assetId, changes, ev.timestamp, nowMs);
  }

  /** One token's changes from one frame: apply, check (hash, crossing), then emit them. */
  private applyChanges(
    assetId: string,
    changes: WsPriceChange['changes'],
    timestamp: string,
    nowMs: number,
  ): void {
    const b = this.bookOf(assetId);
    if (!b?.valid) return; // not followed, or waiting for the snapshot a resync asked for
    for (const c of changes) setLevel(b, c.side, c.px, c.qty);
    const expected = changes[changes.length - 1]!.hash;
    if (this.verify && expected !== undefined) {
      const got = wsBookHash(
        b.market,
        assetId,
        timestamp,
        bestFirst(b.bids, 'bid'),
        bestFirst(b.asks, 'ask'),
      );
      if (got !== expected) {
        this.mismatch(b, 'book hash mismatch after price_change', nowMs);
        return;
      }
    }
    if (crossed(b)) {
      this.mismatch(b, 'book crossed after price_change', nowMs);
      return;
    }
    const venueTimeMs = Number(timestamp);
    for (const c of changes) {
      this.counts.updates++;
      this.hooks.onEvent({
        type: 'level',
        market: b.market,
        side: c.side === 'BUY' ? 'bid' : 'ask',
        px: c.px,
        qty: c.qty,
        venueTimeMs,
        receiveTimeMs: nowMs,
      });
    }
  }

  private mismatch(b: LocalBook, reason: string, nowMs: number): void {
    this.counts.gaps++;
    this.hooks.onProblem?.(`${b.market}: ${reason}`);
    this.invalidate(b, reason, nowMs);
    this.resync([b.assetId]);
  }

  private invalidate(b: LocalBook, reason: string, nowMs: number): void {
    if (!b.valid) return;
    b.valid = false;
    this.hooks.onEvent({ type: 'invalid', market: b.market, reason, receiveTimeMs: nowMs });
  }
}
