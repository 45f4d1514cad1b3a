/**
 * The Kalshi order-book synchroniser, sans-I/O: it consumes decoded WebSocket frames (`ws/book-frames.ts`)
 * and connection events and returns normalized `BookEvent`s, public trades and the commands to send. No
 * sockets, no timers (it is handed `now`), so every protocol path (gaps, duplicates, malformed frames, merged
 * subscriptions, reconnects) is unit-testable with plain strings, and a recorded session replays through it
 * (`replay.ts`). Which sid carries which market is `subscriptions.ts`; one book's state is `market-book.ts`.
 *
 * Sequence (reference "Observed in real traffic", which overrides K3): `seq` is per sid, +1 per message, and
 * an `ok` to `subscribe` / `update_subscription` takes a number too (an `ok` without `seq`, as in older
 * documentation, takes none). Any doubt about a sid's stream — a seq gap, a stale or repeated seq, an
 * unparseable frame, a level that would go negative, a frame for a market the sid does not carry — invalidates
 * the sid's live books (`invalid` events) and asks for snapshots (`get_snapshot`) of those not already awaiting
 * one: a snapshot that arrives after the doubt is newer than whatever was lost, so asking for it again would
 * only feed a resync loop (the watchdog, `tick`, asks again for snapshots that do not come). Deltas for a
 * market waiting for its snapshot are dropped. Never a wrong book: only a stale one, and stale only until the
 * next snapshot.
 */
import type { Level } from '../../../core/market.ts';
import type { BookEvent, BookStreamStats } from '../../venue.ts';
import { type FrameParse, type KalshiFrame, parseFrame } from '../ws/book-frames.ts';
import type { KalshiTrade } from '../ws/trade-frames.ts';
import { applyDelta, applySnapshot, type Sub, sortedLevels } from './market-book.ts';
import { BOOK, KalshiSubscriptions } from './subscriptions.ts';

export interface SyncOutput {
  readonly events: BookEvent[];
  readonly commands: string[];
  /**
   * Public trades on the caller's markets (only when the sync subscribes them: `trades: true`). Shared and
   * empty until a trade comes, so the per-frame output costs no third array.
   */
  trades: readonly KalshiTrade[];
}

export interface BookSyncOptions {
  /** Markets per command (`subscribe`, `get_snapshot`), to keep each command small (default 25). */
  readonly chunkSize?: number;
  /** Ask again for snapshots that have not arrived after this long (default 2 s). */
  readonly resyncAfterMs?: number;
  /** Also subscribe the public `trade` channel for the markets and hand out their trades (default false). */
  readonly trades?: boolean;
}

export class KalshiBookSync {
  private readonly subs: KalshiSubscriptions;
  /** The subscriptions' maps, held here too: the hot path reads them on every frame. */
  private readonly sids: KalshiSubscriptions['sids'];
  private readonly books: KalshiSubscriptions['books'];
  private readonly resyncAfterMs: number;
  private readonly withTrades: boolean;
  private opens = 0;
  private readonly counts = { snapshots: 0, updates: 0, gaps: 0, malformed: 0, resyncs: 0 };
  private trades = 0;

  constructor(markets: readonly string[], opts: BookSyncOptions = {}) {
    this.subs = new KalshiSubscriptions(markets, Math.max(1, opts.chunkSize ?? 25), this.counts);
    this.sids = this.subs.sids;
    this.books = this.subs.books;
    this.resyncAfterMs = opts.resyncAfterMs ?? 2_000;
    this.withTrades = opts.trades ?? false;
  }

  /** A connection opened: subscribe every market afresh (in chunks, which the venue merges into one sid). */
  open(nowMs: number): string[] {
    this.connected();
    const out = output();
    this.subs.subscribeAll(nowMs, this.withTrades, out);
    return out.commands;
  }

  /** A connection opened whose commands the caller sends itself and reports with `sentCommand` (a replay). */
  connected(): void {
    this.opens++;
    this.subs.reset();
  }

  /** A command the caller sent (its JSON text or value): the replies to it are then understood. */
  sentCommand(command: unknown, nowMs: number): void {
    this.subs.record(command, nowMs);
  }

  /** The connection dropped: nothing is known any more until the new subscription's snapshots. */
  close(nowMs: number): BookEvent[] {
    return this.subs.drop(nowMs);
  }

  /** Every market is carried by a subscription (or was refused by the venue). */
  get subscribed(): boolean {
    return this.subs.complete;
  }

  /** One frame as text: decoded, then as `message`. */
  frame(text: string, nowMs: number): SyncOutput {
    return this.message(parseFrame(text), nowMs);
  }

  /** One decoded frame (or the reason it did not decode, with what it still showed). */
  message(p: FrameParse, nowMs: number): SyncOutput {
    const out = output();
    if (p.ok) {
      this.onFrame(p.frame, nowMs, out);
      return out;
    }
    this.counts.malformed++;
    const sub = p.sid === undefined ? undefined : this.sids.get(p.sid);
    const reason = `malformed frame: ${p.error.message}`;
    if (sub) {
      if (sub.channel !== BOOK) return out; // a broken trade: no book is in doubt
      if (p.seq !== undefined && p.seq > sub.lastSeq) sub.lastSeq = p.seq;
      this.resync(sub, reason, nowMs, out);
    } else if (p.kind === undefined || BOOK_KINDS.has(p.kind)) {
      // It may have been a book message of any sid: every book is in doubt.
      for (const s of this.sids.values()) if (s.channel === BOOK) this.resync(s, reason, nowMs, out);
    }
    return out;
  }

  /** Watchdog: ask again for snapshots (and subscriptions) that are overdue. */
  tick(nowMs: number): SyncOutput {
    const out = output();
    this.subs.overdue(nowMs, this.resyncAfterMs, out);
    return out;
  }

  /** The current YES-normalized book of a live market (best first), else undefined. */
  book(market: string): { yesBids: Level[]; yesAsks: Level[] } | undefined {
    const b = this.books.get(market);
    if (!b?.live) return undefined;
    return { yesBids: sortedLevels(b.bids, 'bid'), yesAsks: sortedLevels(b.asks, 'ask') };
  }

  /** Public trades handed out. */
  get tradeCount(): number {
    return this.trades;
  }

  stats(): BookStreamStats {
    return { ...this.counts, reconnects: Math.max(0, this.opens - 1) };
  }

  // ---- internals ----------------------------------------------------------------------------------------

  private onFrame(f: KalshiFrame, nowMs: number, out: SyncOutput): void {
    switch (f.type) {
      case 'orderbook_snapshot':
      case 'orderbook_delta':
        return this.onBookFrame(f, nowMs, out);
      case 'ok': {
        const { cmd, sub, adopted } = this.subs.okReply(f);
        // The reply took a number of the sid: it counts like any message (a gap before it is a real one).
        if (sub?.channel === BOOK && f.seq !== undefined && !adopted)
          this.sequence(sub, f.seq, 'ok', nowMs, out);
        if (cmd) this.subs.bindOk(f.id!, cmd, sub, f.markets);
        return;
      }
      case 'subscribed':
        return this.subs.onSubscribed(f);
      case 'trade': {
        const b = this.books.get(f.trade.market);
        if (!this.withTrades || !b) return;
        this.trades++;
        const venueTimeMs = f.trade.venueTimeMs ?? nowMs;
        out.trades = [...out.trades, { ...f.trade, market: b.key, venueTimeMs, receiveTimeMs: nowMs }];
        return;
      }
      case 'error':
        return this.subs.onError(f, nowMs, out);
      case 'other':
        return;
    }
  }

  private onBookFrame(
    f: Extract<KalshiFrame, { type: 'orderbook_snapshot' | 'orderbook_delta' }>,
    nowMs: number,
    out: SyncOutput,
  ): void {
    const s = this.sids.get(f.sid);
    if (s?.channel !== BOOK) return; // a subscription we no longer hold
    // The next number is the common case, checked inline (the measured hot path); `sequence` judges the rest.
    if (f.seq === s.lastSeq + 1) s.lastSeq = f.seq;
    else {
      const order = this.sequence(s, f.seq, f.type, nowMs, out);
      // After a gap a snapshot is self-contained and newer than anything lost: it may still be used.
      if (order === 'stale' || (order === 'gap' && f.type === 'orderbook_delta')) return;
    }
    const book = this.books.get(f.market);
    if (book && book.sub === undefined && book.pending) this.subs.bind(book.key, s); // came before its `ok`
    if (!book || book.sub !== s) {
      this.counts.malformed++;
      this.resync(s, `frame for ${f.market}, which sid ${f.sid} does not carry`, nowMs, out);
      return;
    }
    if (f.type === 'orderbook_snapshot') {
      this.counts.snapshots++;
      out.events.push(applySnapshot(book, f, nowMs));
      return;
    }
    if (!book.live) return; // waiting for its snapshot
    const e = applyDelta(book, f, nowMs);
    if (typeof e === 'string') {
      this.counts.gaps++;
      this.resync(s, `${e}: an update was missed`, nowMs, out);
      return;
    }
    this.counts.updates++;
    out.events.push(e);
  }

  /** Checks a message's `seq` against its sid's numbering; a gap or a stale number resyncs the sid. */
  private sequence(
    s: Sub,
    seq: number,
    what: string,
    nowMs: number,
    out: SyncOutput,
  ): 'next' | 'gap' | 'stale' {
    if (seq <= s.lastSeq) {
      this.counts.gaps++;
      this.resync(
        s,
        `stale or repeated seq ${seq} (last ${s.lastSeq}) on sid ${s.sid} (${what})`,
        nowMs,
        out,
      );
      return 'stale';
    }
    const expected = s.lastSeq + 1;
    s.lastSeq = seq;
    if (seq === expected) return 'next';
    this.counts.gaps++;
    this.resync(s, `seq gap on sid ${s.sid}: expected ${expected}, got ${seq} (${what})`, nowMs, out);
    return 'gap';
  }

  /** Invalidate the sid's live books; ask for snapshots of those not already awaiting one. */
  private resync(s: Sub, reason: string, nowMs: number, out: SyncOutput): void {
    const ask = [];
    for (const b of s.books) {
      if (b.live) out.events.push({ type: 'invalid', market: b.key, reason, receiveTimeMs: nowMs });
      b.live = false;
      if (b.awaitingSinceMs === undefined) ask.push(b);
    }
    this.subs.askSnapshots(s, ask, nowMs, out);
  }
}

/** Frame types that may carry a book sid's `seq` (and unknown ones): a broken one puts the books in doubt. */
const BOOK_KINDS = new Set(['orderbook_snapshot', 'orderbook_delta', 'ok', '']);

const NO_TRADES: readonly KalshiTrade[] = Object.freeze([]);

const output = (): SyncOutput => ({ events: [], commands: [], trades: NO_TRADES });
