/**
 * Live YES books from the market channel, kept consistent without sequence numbers (P4): each market follows
 * its YES token; `book` snapshots replace the book, `price_change` levels set absolute sizes ("0" removes),
 * and after applying a frame the book hash is recomputed and compared with the frame's. A mismatch (a lost,
 * reordered or corrupted frame), a crossed book, a `tick_size_change`, a malformed frame or a reconnect makes
 * the book invalid (an `invalid` event, counted) until a fresh snapshot arrives; the stream asks for one by
 * resubscribing the token. Nothing from a book is emitted before its hash checked out, so a consumer never
 * sees a wrong book.
 */
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Level } from '../../core/market.ts';
import type { Rng } from '../../core/rng.ts';
import type { Px, Qty } from '../../core/units.ts';
import { ReconnectingWebSocket } from '../shared/reconnecting-ws.ts';
import type { BookEvent, BookStream, BookStreamStats } from '../venue.ts';
import { wsBookHash } from './book-hash.ts';
import { parseMarketFrame, PolyCodecError, type WsBook, type WsPriceChange } from './codec.ts';

export interface StreamMarket {
  /** Condition id: the market key in events. */
  readonly market: string;
  /** The YES token followed. */
  readonly assetId: string;
}

export interface PolyBookStreamOptions {
  readonly url: string;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly markets: readonly StreamMarket[];
  readonly onEvent: (e: BookEvent) => void;
  /** Check book hashes (default true). Off only against a venue whose hashing cannot be reproduced. */
  readonly verifyHashes?: boolean;
  readonly pingEveryMs?: number;
  /** Reconnect after this long without any frame (default 30 s). */
  readonly idleTimeoutMs?: number;
  /** Ask again when a requested snapshot has not arrived after this long (it may have been lost); default 3 s. */
  readonly resyncTimeoutMs?: number;
  /** Called with a reason whenever a frame could not be used (for logs). */
  readonly onProblem?: (reason: string) => void;
}

interface LocalBook {
  readonly market: string;
  readonly assetId: string;
  readonly bids: Map<number, number>;
  readonly asks: Map<number, number>;
  valid: boolean;
  retry: TimerHandle | undefined;
}

const bestFirst = (m: Map<number, number>, side: 'bid' | 'ask'): Level[] => {
  const out: Level[] = [];
  for (const [px, qty] of m) out.push({ px: px as Px, qty: qty as Qty });
  return out.sort(side === 'bid' ? (a, b) => b.px - a.px : (a, b) => a.px - b.px);
};

export class PolyBookStream implements BookStream {
  readonly ready: Promise<void>;
  private readonly books = new Map<string, LocalBook>();
  private readonly ws: ReconnectingWebSocket;
  private readonly verify: boolean;
  private readonly counts = { snapshots: 0, updates: 0, gaps: 0, malformed: 0, resyncs: 0 };

  constructor(private readonly opts: PolyBookStreamOptions) {
    this.verify = opts.verifyHashes ?? true;
    for (const m of opts.markets)
      this.books.set(m.assetId, { ...m, bids: new Map(), asks: new Map(), valid: false, retry: undefined });
    this.ws = new ReconnectingWebSocket({
      url: opts.url,
      clock: opts.clock,
      rng: opts.rng,
      keepAlive: { text: 'PING', everyMs: opts.pingEveryMs ?? 10_000 },
      // PINGs every 10 s are answered, so 30 s of silence means a half-open connection: reconnect.
      idleTimeoutMs: opts.idleTimeoutMs ?? 30_000,
      onOpen: (send) => {
        send(JSON.stringify({ assets_ids: [...this.books.keys()], type: 'market' }));
        this.armRetry([...this.books.keys()]);
      },
      onMessage: (text) => this.onFrame(text),
      onDisconnect: () => {
        for (const b of this.books.values()) this.invalidate(b, 'disconnected');
      },
    });
    this.ready = this.ws.ready;
  }

  stats(): BookStreamStats {
    return { ...this.counts, reconnects: Math.max(0, this.ws.connects - 1) };
  }

  /** Is the market's book currently trusted (a snapshot applied and every change since checked)? */
  isValid(market: string): boolean {
    for (const b of this.books.values()) if (b.market === market) return b.valid;
    return false;
  }

  close(): Promise<void> {
    for (const b of this.books.values()) this.opts.clock.clearTimer(b.retry);
    return this.ws.close();
  }

  private onFrame(text: string): void {
    let events;
    try {
      events = parseMarketFrame(text);
    } catch (e) {
      if (!(e instanceof PolyCodecError)) throw e;
      // We cannot tell whose frame it was: every book may have missed a change.
      this.counts.malformed++;
      this.opts.onProblem?.(`malformed frame: ${e.message}`);
      for (const b of this.books.values()) this.invalidate(b, `malformed frame: ${e.message}`);
      this.resync([...this.books.keys()]);
      return;
    }
    for (const ev of events) {
      if (ev.type === 'book') this.onSnapshot(ev);
      else if (ev.type === 'price_change') this.onPriceChange(ev);
      else if (ev.type === 'tick_size_change') {
        const b = this.books.get(ev.assetId);
        if (!b) continue;
        this.invalidate(b, 'tick size changed');
        this.resync([b.assetId]);
      }
    }
  }

  private onSnapshot(ev: WsBook): void {
    const b = this.books.get(ev.assetId);
    if (!b) return;
    if (this.verify && wsBookHash(ev.market, ev.assetId, ev.timestamp, ev.bids, ev.asks) !== ev.hash) {
      this.mismatch(b, 'snapshot hash mismatch');
      return;
    }
    b.bids.clear();
    b.asks.clear();
    for (const l of ev.bids) if (l.qty > 0) b.bids.set(l.px, l.qty);
    for (const l of ev.asks) if (l.qty > 0) b.asks.set(l.px, l.qty);
    if (this.crossed(b)) {
      this.mismatch(b, 'snapshot is crossed');
      return;
    }
    b.valid = true;
    this.opts.clock.clearTimer(b.retry);
    b.retry = undefined;
    this.counts.snapshots++;
    this.opts.onEvent({
      type: 'snapshot',
      market: b.market,
      yesBids: bestFirst(b.bids, 'bid'),
      yesAsks: bestFirst(b.asks, 'ask'),
      venueTimeMs: Number(ev.timestamp),
      receiveTimeMs: this.opts.clock.now(),
    });
  }

  private onPriceChange(ev: WsPriceChange): void {
    const byAsset = new Map<string, WsPriceChange['changes']>();
    for (const c of ev.changes) {
      if (!this.books.has(c.assetId)) continue;
      const list = byAsset.get(c.assetId);
      if (list) list.push(c);
      else byAsset.set(c.assetId, [c]);
    }
    for (const [assetId, changes] of byAsset) {
      const b = this.books.get(assetId)!;
      if (!b.valid) continue; // waiting for the snapshot a resync asked for
      for (const c of changes) {
        const side = c.side === 'BUY' ? b.bids : b.asks;
        if (c.qty === 0) side.delete(c.px);
        else side.set(c.px, c.qty);
      }
      const expected = changes[changes.length - 1]!.hash;
      if (this.verify && expected !== undefined) {
        const got = wsBookHash(
          b.market,
          assetId,
          ev.timestamp,
          bestFirst(b.bids, 'bid'),
          bestFirst(b.asks, 'ask'),
        );
        if (got !== expected) {
          this.mismatch(b, 'book hash mismatch after price_change');
          continue;
        }
      }
      if (this.crossed(b)) {
        this.mismatch(b, 'book crossed after price_change');
        continue;
      }
      const receiveTimeMs = this.opts.clock.now();
      for (const c of changes) {
        this.counts.updates++;
        this.opts.onEvent({
          type: 'level',
          market: b.market,
          side: c.side === 'BUY' ? 'bid' : 'ask',
          px: c.px,
          qty: c.qty,
          venueTimeMs: Number(ev.timestamp),
          receiveTimeMs,
        });
      }
    }
  }

  private crossed(b: LocalBook): boolean {
    let bestBid = -1;
    for (const px of b.bids.keys()) if (px > bestBid) bestBid = px;
    for (const px of b.asks.keys()) if (px <= bestBid) return true;
    return false;
  }

  private mismatch(b: LocalBook, reason: string): void {
    this.counts.gaps++;
    this.opts.onProblem?.(`${b.market}: ${reason}`);
    this.invalidate(b, reason);
    this.resync([b.assetId]);
  }

  private invalidate(b: LocalBook, reason: string): void {
    if (!b.valid) return;
    b.valid = false;
    this.opts.onEvent({ type: 'invalid', market: b.market, reason, receiveTimeMs: this.opts.clock.now() });
  }

  /** Ask for fresh snapshots: a subscribe resends them. Without a connection, the next open resubscribes all. */
  private resync(assetIds: string[]): void {
    this.counts.resyncs++;
    this.ws.send(JSON.stringify({ operation: 'subscribe', assets_ids: assetIds }));
    this.armRetry(assetIds);
  }

  /** If a snapshot we asked for never comes (the frame was lost), ask again. */
  private armRetry(assetIds: string[]): void {
    for (const id of assetIds) {
      const b = this.books.get(id)!;
      this.opts.clock.clearTimer(b.retry);
      b.retry = this.opts.clock.setTimeout(() => {
        b.retry = undefined;
        if (!b.valid) this.resync([id]);
      }, this.opts.resyncTimeoutMs ?? 3_000);
    }
  }
}
