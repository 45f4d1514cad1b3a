/**
 * Live books from the market channel, kept consistent without sequence numbers (P4): `book` snapshots replace a
 * token's book, `price_change` levels set absolute sizes ("0" removes). The venue's hash covers the token's whole
 * REST-style summary (book-hash.ts), so the sync keeps the summary fields current, and it judges a book only at
 * the end of a same-timestamp batch, where the frames' hash (or best prices) describe it (local-book.ts).
 *
 * A batch that never ends, a snapshot with the wrong hash, a book crossed at a batch end, an event that does not
 * decode (only the books it names) or a reconnect makes the book invalid (an `invalid` event, counted) until a
 * fresh snapshot arrives, which the shell asks for by resubscribing; nothing from a book is emitted before it
 * checked out. `market_resolved` drops a book for good; tick changes, resolutions and new markets are told to the
 * shell (`onNotice`). Sans-I/O (no sockets, no timers: handed `now`); ws/book-stream.ts is the shell.
 */
import type { Level } from '../../../core/market.ts';
import type { Px } from '../../../core/units.ts';
import {
  readMarketFrame,
  type WsBadEvent,
  type WsBestBidAsk,
  type WsBook,
  type WsLevelChange,
  type WsMarketResolved,
  type WsPriceChange,
} from '../ws/market-frames.ts';
import { matchingLastTrade } from './book-hash.ts';
import {
  BookIndex,
  bestFirst,
  clearBatch,
  crossed,
  type LocalBook,
  netChanges,
  newBook,
  replaceLevels,
  sameLevels,
  seenBest,
  setLevel,
  topIs,
} from './local-book.ts';
import { noticeOf } from './notices.ts';
import {
  DEFAULT_META,
  newDetail,
  type PolySyncDetail,
  type PolySyncHooks,
  type StreamMarket,
} from './sync-types.ts';

export type { MarketNotice } from './notices.ts';
export { DEFAULT_META, type PolySyncDetail, type PolySyncHooks, type StreamMarket } from './sync-types.ts';

/**
 * The per-frame logic, sans-I/O: text frames in, `BookEvent`s and resync requests out through `hooks`. No
 * sockets and no timers, so the stream below and the hot-path benchmark run exactly the same code.
 */
export class PolyBookSync {
  private readonly books = new Map<string, LocalBook>();
  private readonly index: BookIndex;
  private readonly verify: boolean;
  readonly counts = { snapshots: 0, updates: 0, gaps: 0, malformed: 0, resyncs: 0 };
  readonly detail: PolySyncDetail = newDetail();

  constructor(
    markets: readonly StreamMarket[],
    private readonly hooks: PolySyncHooks,
    opts: { readonly verifyHashes?: boolean } = {},
  ) {
    this.verify = opts.verifyHashes ?? true;
    for (const m of markets)
      this.books.set(m.assetId, newBook(m.market, m.assetId, { ...DEFAULT_META, ...m.meta }));
    this.index = new BookIndex(this.books.values());
  }

  /** The tokens to subscribe: every followed one whose market is not resolved. */
  assetIds(): string[] {
    return [...this.books.values()].filter((b) => !b.resolved).map((b) => b.assetId);
  }

  isValid(market: string): boolean {
    for (const b of this.books.values()) if (b.market === market) return b.valid;
    return false;
  }

  isAssetValid(assetId: string): boolean {
    return this.books.get(assetId)?.valid === true;
  }

  /** Does the token still wait for a snapshot (not valid, and not resolved)? */
  needsSnapshot(assetId: string): boolean {
    const b = this.books.get(assetId);
    return b !== undefined && !b.valid && !b.resolved;
  }

  /** The book of a token as held now (best first), and whether it is trusted. */
  book(assetId: string): { market: string; valid: boolean; bids: Level[]; asks: Level[] } | undefined {
    const b = this.books.get(assetId);
    if (!b) return undefined;
    return {
      market: b.market,
      valid: b.valid,
      bids: bestFirst(b.bids, 'bid'),
      asks: bestFirst(b.asks, 'ask'),
    };
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

  /** The shell's timer: if the batch at `ts` is still open on `assetId`, it never reached what its frames said. */
  closeBatch(assetId: string, ts: string, nowMs: number): void {
    const b = this.books.get(assetId);
    if (b?.valid && b.batchTs === ts) this.batchFailed(b, 'batch never reached its hash', nowMs);
  }

  frame(text: string, nowMs: number): void {
    for (const ev of readMarketFrame(text)) {
      switch (ev.type) {
        case 'price_change':
          this.onPriceChange(ev, nowMs);
          break;
        case 'book':
          this.onSnapshot(ev, nowMs);
          break;
        case 'last_trade_price': {
          const b = this.books.get(ev.assetId);
          if (b) b.meta.lastTradePrice = ev.price;
          break;
        }
        case 'tick_size_change': {
          const b = this.books.get(ev.assetId);
          if (!b) break;
          b.meta.tickSize = ev.tickSize;
          this.hooks.onNotice?.(noticeOf(ev));
          break;
        }
        case 'best_bid_ask':
          this.onBestBidAsk(ev, nowMs);
          break;
        case 'market_resolved':
          this.onResolved(ev, nowMs);
          break;
        case 'new_market':
          this.hooks.onNotice?.(noticeOf(ev));
          break;
        case 'bad':
          this.onBad(ev, nowMs);
          break;
        default:
      }
    }
  }

  /** One event did not decode: only the books it names are in doubt (all of them when it names none). */
  private onBad(ev: WsBadEvent, nowMs: number): void {
    this.counts.malformed++;
    const whose = ev.assetIds.length > 0 || ev.market !== undefined;
    const reason = `${whose ? 'malformed event' : 'malformed frame'}: ${ev.message}`;
    this.hooks.onProblem?.(reason);
    const hit = [...this.books.values()].filter((b) =>
      ev.assetIds.length > 0
        ? ev.assetIds.includes(b.assetId)
        : ev.market === undefined || ev.market === b.market,
    );
    for (const b of hit) this.invalidate(b, reason, nowMs);
    const ids = hit.filter((b) => !b.resolved).map((b) => b.assetId);
    if (ids.length > 0) this.resync(ids);
  }

  private onSnapshot(ev: WsBook, nowMs: number): void {
    const b = this.books.get(ev.assetId);
    if (!b || b.resolved) return;
    // The frame's own summary fields are the venue's current ones.
    if (ev.tickSize !== undefined) b.meta.tickSize = ev.tickSize;
    if (ev.lastTradePrice !== undefined) b.meta.lastTradePrice = ev.lastTradePrice;
    if (ev.minOrderSize !== undefined) b.meta.minOrderSize = ev.minOrderSize;
    if (ev.negRisk !== undefined) b.meta.negRisk = ev.negRisk;
    // A batch still open when the venue sends the book: it was broken (a frame lost) unless the book is what
    // the batch built. The snapshot repairs it; the loss is still counted.
    if (b.valid && b.batchTs !== undefined && !sameLevels(b, ev.bids, ev.asks)) {
      if (this.verify) this.detail.hashFailed++;
      this.counts.gaps++;
      this.hooks.onProblem?.(
        `${b.market}: batch ended without matching its hash (a snapshot repaired the book)`,
      );
    }
    this.endOpenBatch(b);
    if (this.verify && !this.hashIs(b, ev.timestamp, ev.bids, ev.asks, ev.hash)) {
      this.detail.hashFailed++;
      this.mismatch(b, 'snapshot hash mismatch', nowMs);
      return;
    }
    replaceLevels(b, ev.bids, ev.asks);
    if (crossed(b)) {
      this.mismatch(b, 'snapshot is crossed', nowMs);
      return;
    }
    b.valid = true;
    b.lastTimeMs = ev.timeMs;
    this.hooks.snapshotApplied?.(b.assetId);
    this.counts.snapshots++;
    this.hooks.onEvent({
      type: 'snapshot',
      market: b.market,
      yesBids: bestFirst(b.bids, 'bid'),
      yesAsks: bestFirst(b.asks, 'ask'),
      venueTimeMs: ev.timeMs,
      receiveTimeMs: nowMs,
    });
  }

  private onPriceChange(ev: WsPriceChange, nowMs: number): void {
    const first = ev.changes[0]?.assetId;
    if (first === undefined) return;
    // A frame usually carries one token's changes: apply them as they are, without grouping.
    let oneAsset = true;
    for (let i = 1; i < ev.changes.length && oneAsset; i++) oneAsset = ev.changes[i]!.assetId === first;
    if (oneAsset) return this.applyChanges(first, ev.changes, ev, nowMs);
    const byAsset = new Map<string, WsLevelChange[]>();
    for (const c of ev.changes) {
      const list = byAsset.get(c.assetId);
      if (list) list.push(c);
      else byAsset.set(c.assetId, [c]);
    }
    for (const [assetId, changes] of byAsset) this.applyChanges(assetId, changes, ev, nowMs);
  }

  /** One token's changes from one frame: apply them to its batch, and judge the batch if this frame ends it. */
  private applyChanges(
    assetId: string,
    changes: readonly WsLevelChange[],
    ev: WsPriceChange,
    nowMs: number,
  ): void {
    const b = this.index.get(assetId);
    if (!b?.valid) return; // not followed, or waiting for the snapshot a resync asked for
    const open = b.batchTs !== undefined;
    // A later timestamp while a batch is open: that batch ended without reaching what its frames said.
    if (open && b.batchTs !== ev.timestamp)
      return this.batchFailed(b, 'batch ended without matching its hash', nowMs);
    for (const c of changes) setLevel(b, c.side, c.px, c.qty);
    const crossedNow = crossed(b);
    const ends = this.atBatchEnd(b, changes[changes.length - 1]!, ev.timestamp);
    // The common case, a frame that is a whole batch: judged and told from the frame itself, nothing kept.
    if (!open && ends) return this.endBatch(b, changes, 1, crossedNow, ev.timeMs, nowMs);
    if (!open) {
      b.batchTs = ev.timestamp;
      b.batchTimeMs = ev.timeMs;
    }
    b.batchFrames++;
    for (const c of changes) b.batch.push(c);
    if (crossedNow) b.crossedInBatch = true;
    if (!ends) return this.hooks.batchOpened?.(assetId, ev.timestamp);
    this.endBatch(b, b.batch, b.batchFrames, b.crossedInBatch, b.batchTimeMs, nowMs);
  }

  /**
   * Does the book now hold what the frame says the batch ends with? With hash checking, the frame's hash decides;
   * without it, the best prices it carries; a frame with neither is a batch of its own.
   */
  private atBatchEnd(b: LocalBook, last: WsLevelChange, timestamp: string): boolean {
    if (this.verify && last.hash !== undefined) {
      const bids = bestFirst(b.bids, 'bid');
      const asks = bestFirst(b.asks, 'ask');
      if (this.hashIs(b, timestamp, bids, asks, last.hash)) return true;
      this.detail.hashPending++;
      return false;
    }
    if (last.bestBid === undefined && last.bestAsk === undefined) return true;
    const bid = seenBest(b, 'bid', last.bestBid);
    const ask = seenBest(b, 'ask', last.bestAsk);
    // Unreadable best prices say nothing about where the batch ends.
    return bid === null || ask === null || topIs(b, bid, ask);
  }

  /**
   * Is `expected` the hash of these levels with the book's summary fields? A `last_trade_price` the venue wrote
   * in another form elsewhere ("0.85" in an event, "0.850" in the summary) is tried in its other forms before
   * saying no; the form that matches is kept.
   */
  private hashIs(
    b: LocalBook,
    ts: string,
    bids: readonly Level[],
    asks: readonly Level[],
    expected: string,
  ): boolean {
    this.detail.hashChecked++;
    const form = matchingLastTrade(b.market, b.assetId, ts, bids, asks, b.meta, expected);
    if (form === undefined) return false;
    if (form !== b.meta.lastTradePrice) {
      b.meta.lastTradePrice = form;
      this.detail.lastTradeReformatted++;
    }
    return true;
  }

  /** The batch reached its end: judge the book there, then tell its net changes. */
  private endBatch(
    b: LocalBook,
    changes: readonly WsLevelChange[],
    frames: number,
    crossedOnTheWay: boolean,
    timeMs: number,
    nowMs: number,
  ): void {
    if (frames > 1) this.detail.multiFrameBatches++;
    if (crossed(b)) return this.mismatch(b, 'book crossed at the end of a batch', nowMs);
    if (crossedOnTheWay) this.detail.crossedInBatch++;
    // One change is told as it is, without building the net list.
    const told = changes.length === 1 ? changes : netChanges(b, changes);
    for (const c of told) {
      this.counts.updates++;
      this.hooks.onEvent({
        type: 'level',
        market: b.market,
        side: c.side === 'BUY' ? 'bid' : 'ask',
        px: c.px,
        qty: c.qty,
        venueTimeMs: timeMs,
        receiveTimeMs: nowMs,
      });
    }
    this.endOpenBatch(b);
    b.lastTimeMs = timeMs;
    const e = b.expectTop;
    if (e !== undefined && e.timeMs <= timeMs) {
      b.expectTop = undefined;
      if (e.timeMs === timeMs) this.compareTop(b, e.bid, e.ask, nowMs);
    }
  }

  /**
   * `best_bid_ask` is the venue's top of the book at its timestamp: compared with the book once the book is
   * judged at that instant (now, or when that timestamp's batch ends). With hash checking on, the hash is the
   * authority and a disagreement is only counted and reported; without it, this is the book's one check.
   */
  private onBestBidAsk(ev: WsBestBidAsk, nowMs: number): void {
    const b = this.books.get(ev.assetId);
    if (!b?.valid) return;
    if (b.batchTs === undefined && ev.timeMs === b.lastTimeMs)
      this.compareTop(b, ev.bestBid, ev.bestAsk, nowMs);
    else if (ev.timeMs > b.lastTimeMs) b.expectTop = { timeMs: ev.timeMs, bid: ev.bestBid, ask: ev.bestAsk };
  }

  private compareTop(b: LocalBook, bid: Px | undefined, ask: Px | undefined, nowMs: number): void {
    this.detail.bboChecked++;
    if (topIs(b, bid, ask)) return;
    this.detail.bboMismatch++;
    const reason = `best_bid_ask ${bid ?? '-'}/${ask ?? '-'} disagrees with the book's ${b.bestBid}/${b.bestAsk}`;
    if (this.verify) this.hooks.onProblem?.(`${b.market}: ${reason} (the hash agreed: kept)`);
    else this.mismatch(b, reason, nowMs);
  }

  private onResolved(ev: WsMarketResolved, nowMs: number): void {
    for (const b of this.books.values()) {
      if (b.market !== ev.market && !ev.assetIds.includes(b.assetId)) continue;
      this.invalidate(b, 'market resolved', nowMs);
      if (!b.resolved) this.detail.resolved++;
      b.resolved = true;
    }
    this.hooks.onNotice?.(noticeOf(ev));
  }

  private batchFailed(b: LocalBook, reason: string, nowMs: number): void {
    if (this.verify) this.detail.hashFailed++;
    this.mismatch(b, reason, nowMs);
  }

  private mismatch(b: LocalBook, reason: string, nowMs: number): void {
    this.counts.gaps++;
    this.hooks.onProblem?.(`${b.market}: ${reason}`);
    this.invalidate(b, reason, nowMs);
    this.resync([b.assetId]);
  }

  /** Forget the book's open batch, if any, and tell the shell (its timer for it is moot). */
  private endOpenBatch(b: LocalBook): void {
    if (b.batchTs === undefined) return;
    clearBatch(b);
    this.hooks.batchEnded?.(b.assetId);
  }

  private invalidate(b: LocalBook, reason: string, nowMs: number): void {
    this.endOpenBatch(b);
    b.expectTop = undefined;
    if (!b.valid) return;
    b.valid = false;
    this.hooks.onEvent({ type: 'invalid', market: b.market, reason, receiveTimeMs: nowMs });
  }
}
