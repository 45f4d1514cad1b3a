/**
 * The Kalshi order-book synchroniser, sans-I/O: it consumes decoded WebSocket frames (`ws/book-frames.ts`)
 * and connection events and returns normalized `BookEvent`s plus the commands to send. No sockets, no timers
 * (it is handed `now`), so every protocol path (gaps, duplicates, malformed frames, reconnects) is
 * unit-testable with plain strings.
 *
 * Rules (K3): markets are subscribed in chunks, one `sid` per chunk; `seq` is per sid, starting at 1 and +1
 * per message. Any doubt about a sid's stream — a seq gap, a stale or repeated seq, an unparseable frame, a
 * level that would go negative, a frame for a market the sid does not carry — invalidates every live book of
 * that sid (`invalid` events) and asks for fresh snapshots (`update_subscription` / `get_snapshot`); deltas
 * for a market waiting for its snapshot are dropped. A frame that cannot be attributed to a sid invalidates
 * them all. Never a wrong book: only a stale one, and stale only until the next snapshot.
 */
import type { Level } from '../../../core/market.ts';
import { type Px, pxComplement, type Qty } from '../../../core/units.ts';
import type { BookEvent, BookStreamStats } from '../../venue.ts';
import { type FrameParse, type KalshiFrame, parseFrame } from '../ws/book-frames.ts';
import { snapshotCommand, subscribeCommand, unsubscribeCommand } from '../ws/commands.ts';

export interface SyncOutput {
  readonly events: BookEvent[];
  readonly commands: string[];
}

interface MarketBook {
  /**
   * The ticker as the caller gave it. Events carry this string rather than the frame's copy, so a consumer
   * keying maps by the same strings finds its entry by identity, without comparing characters.
   */
  readonly key: string;
  /** The subscription chunk carrying this market. */
  readonly chunk: ChunkState;
  live: boolean;
  /** YES-book levels, keyed by YES price. */
  readonly bids: Map<Px, Qty>;
  readonly asks: Map<Px, Qty>;
}

interface ChunkState {
  readonly markets: readonly string[];
  sid: number | undefined;
  lastSeq: number;
  /** When snapshots were last asked for (for the resync watchdog). */
  requestedAtMs: number;
}

export interface BookSyncOptions {
  /** Markets per subscription: a gap resyncs only its own chunk (default 25). */
  readonly chunkSize?: number;
  /** Ask again for snapshots that have not arrived after this long (default 2 s). */
  readonly resyncAfterMs?: number;
}

export class KalshiBookSync {
  private readonly chunks: ChunkState[] = [];
  private readonly books = new Map<string, MarketBook>();
  private readonly bySid = new Map<number, ChunkState>();
  /** Command id → the chunk it was for, to bind `subscribed` replies and handle errors. */
  private readonly commandFor = new Map<number, { chunk: ChunkState; kind: 'subscribe' | 'snapshot' }>();
  private readonly resyncAfterMs: number;
  private nextId = 1;
  private opens = 0;
  private readonly counts = { snapshots: 0, updates: 0, gaps: 0, malformed: 0, resyncs: 0 };

  constructor(markets: readonly string[], opts: BookSyncOptions = {}) {
    const size = Math.max(1, opts.chunkSize ?? 25);
    this.resyncAfterMs = opts.resyncAfterMs ?? 2_000;
    const unique = [...new Set(markets)];
    for (let i = 0; i < unique.length; i += size) {
      const chunk: ChunkState = {
        markets: unique.slice(i, i + size),
        sid: undefined,
        lastSeq: 0,
        requestedAtMs: 0,
      };
      this.chunks.push(chunk);
      for (const m of chunk.markets)
        this.books.set(m, { key: m, chunk, live: false, bids: new Map(), asks: new Map() });
    }
  }

  /** A connection opened: subscribe every chunk afresh (new sids, numbering from 1). */
  open(nowMs: number): string[] {
    this.opens++;
    this.bySid.clear();
    this.commandFor.clear();
    return this.chunks.map((c) => {
      c.sid = undefined;
      c.lastSeq = 0;
      c.requestedAtMs = nowMs;
      const id = this.nextId++;
      this.commandFor.set(id, { chunk: c, kind: 'subscribe' });
      return subscribeCommand(id, c.markets);
    });
  }

  /** The connection dropped: nothing is known any more until the new subscriptions' snapshots. */
  close(nowMs: number): BookEvent[] {
    const events: BookEvent[] = [];
    for (const c of this.chunks) {
      c.sid = undefined;
      this.invalidateChunk(c, 'disconnected', nowMs, events);
    }
    this.bySid.clear();
    return events;
  }

  /** Every chunk has its subscription id. */
  get subscribed(): boolean {
    return this.chunks.every((c) => c.sid !== undefined);
  }

  /** One frame as text: decoded, then as `message`. */
  frame(text: string, nowMs: number): SyncOutput {
    return this.message(parseFrame(text), nowMs);
  }

  /** One decoded frame (or the reason it did not decode, with the `sid`/`seq` it still showed). */
  message(p: FrameParse, nowMs: number): SyncOutput {
    const out: SyncOutput = { events: [], commands: [] };
    if (!p.ok) {
      this.counts.malformed++;
      const chunk = p.sid === undefined ? undefined : this.bySid.get(p.sid);
      if (chunk && p.seq !== undefined && p.seq > chunk.lastSeq) chunk.lastSeq = p.seq;
      const reason = `malformed frame: ${p.error.message}`;
      for (const c of chunk ? [chunk] : this.chunks) this.resync(c, reason, nowMs, out);
      return out;
    }
    this.onFrame(p.frame, nowMs, out);
    return out;
  }

  /** Watchdog: ask again for snapshots that are overdue (a lost snapshot at the end of a quiet stream). */
  tick(nowMs: number): SyncOutput {
    const out: SyncOutput = { events: [], commands: [] };
    for (const c of this.chunks) {
      if (c.sid === undefined || nowMs - c.requestedAtMs < this.resyncAfterMs) continue;
      if (c.markets.some((m) => !this.books.get(m)!.live)) this.resync(c, 'snapshot overdue', nowMs, out);
    }
    return out;
  }

  /** The current YES-normalized book of a live market (best first), else undefined. */
  book(market: string): { yesBids: Level[]; yesAsks: Level[] } | undefined {
    const b = this.books.get(market);
    if (!b?.live) return undefined;
    return { yesBids: sortedLevels(b.bids, 'bid'), yesAsks: sortedLevels(b.asks, 'ask') };
  }

  stats(): BookStreamStats {
    return { ...this.counts, reconnects: Math.max(0, this.opens - 1) };
  }

  // ---- internals ----------------------------------------------------------------------------------------

  private onFrame(f: KalshiFrame, nowMs: number, out: SyncOutput): void {
    switch (f.type) {
      case 'subscribed': {
        const cmd = f.id === undefined ? undefined : this.commandFor.get(f.id);
        if (!cmd || cmd.kind !== 'subscribe') return;
        this.commandFor.delete(f.id!);
        cmd.chunk.sid = f.sid;
        cmd.chunk.lastSeq = 0;
        this.bySid.set(f.sid, cmd.chunk);
        return;
      }
      case 'error': {
        const cmd = f.id === undefined ? undefined : this.commandFor.get(f.id);
        if (!cmd) return;
        this.commandFor.delete(f.id!);
        // The venue refused a snapshot request or a subscription: start that chunk's subscription over.
        this.resubscribe(cmd.chunk, nowMs, out);
        return;
      }
      case 'other':
        return;
      case 'orderbook_snapshot':
      case 'orderbook_delta':
        return this.onBookFrame(f, nowMs, out);
    }
  }

  private onBookFrame(
    f: Extract<KalshiFrame, { type: 'orderbook_snapshot' | 'orderbook_delta' }>,
    nowMs: number,
    out: SyncOutput,
  ): void {
    const chunk = this.bySid.get(f.sid);
    if (!chunk) return; // a subscription we no longer hold
    if (f.seq <= chunk.lastSeq) {
      this.counts.gaps++;
      this.resync(
        chunk,
        `stale or repeated seq ${f.seq} (last ${chunk.lastSeq}) on sid ${f.sid}`,
        nowMs,
        out,
      );
      return;
    }
    if (f.seq > chunk.lastSeq + 1) {
      this.counts.gaps++;
      const reason = `seq gap on sid ${f.sid}: expected ${chunk.lastSeq + 1}, got ${f.seq}`;
      chunk.lastSeq = f.seq;
      this.resync(chunk, reason, nowMs, out);
      // A snapshot is self-contained and newer than anything lost: it may still be used.
      if (f.type === 'orderbook_delta') return;
    }
    chunk.lastSeq = f.seq;
    const book = this.books.get(f.market);
    if (!book || book.chunk !== chunk) {
      this.counts.malformed++;
      this.resync(chunk, `frame for ${f.market}, which sid ${f.sid} does not carry`, nowMs, out);
      return;
    }
    if (f.type === 'orderbook_snapshot') {
      book.bids.clear();
      book.asks.clear();
      for (const l of f.yes) book.bids.set(l.px, l.qty);
      for (const l of f.no) book.asks.set(pxComplement(l.px), l.qty);
      book.live = true;
      this.counts.snapshots++;
      out.events.push({
        type: 'snapshot',
        market: book.key,
        yesBids: sortedLevels(book.bids, 'bid'),
        yesAsks: sortedLevels(book.asks, 'ask'),
        venueTimeMs: nowMs,
        receiveTimeMs: nowMs,
      });
      return;
    }
    if (!book.live) return; // waiting for its snapshot
    // YES-book terms: a `yes` bid stays a bid; a `no` bid at q is a YES ask at 1 − q.
    const side = f.side === 'yes' ? 'bid' : 'ask';
    const px = f.side === 'yes' ? f.px : pxComplement(f.px);
    const levels = side === 'bid' ? book.bids : book.asks;
    const qty = (levels.get(px) ?? 0) + f.delta;
    if (qty < 0) {
      this.counts.gaps++;
      this.resync(
        chunk,
        `${f.market}: ${side} ${px} would go negative (${qty}): an update was missed`,
        nowMs,
        out,
      );
      return;
    }
    // A cast, not `asQty`: this is the measured hot path, and `qty` is a sum of integers (a Qty and a
    // decoded count) just checked to be ≥ 0.
    const level = qty as Qty;
    if (level === 0) levels.delete(px);
    else levels.set(px, level);
    this.counts.updates++;
    out.events.push({
      type: 'level',
      market: book.key,
      side,
      px,
      qty: level,
      venueTimeMs: f.tsMs ?? nowMs,
      receiveTimeMs: nowMs,
    });
  }

  private invalidateChunk(c: ChunkState, reason: string, nowMs: number, events: BookEvent[]): void {
    for (const m of c.markets) {
      const b = this.books.get(m)!;
      if (!b.live) continue;
      b.live = false;
      events.push({ type: 'invalid', market: m, reason, receiveTimeMs: nowMs });
    }
  }

  /** Drop the chunk's books and ask for fresh snapshots of all of them. */
  private resync(c: ChunkState, reason: string, nowMs: number, out: SyncOutput): void {
    this.invalidateChunk(c, reason, nowMs, out.events);
    if (c.sid === undefined) return; // its subscription is still coming, with snapshots
    const id = this.nextId++;
    this.commandFor.set(id, { chunk: c, kind: 'snapshot' });
    c.requestedAtMs = nowMs;
    this.counts.resyncs++;
    out.commands.push(snapshotCommand(id, c.sid, c.markets));
  }

  private resubscribe(c: ChunkState, nowMs: number, out: SyncOutput): void {
    this.invalidateChunk(c, 'subscription refused or lost', nowMs, out.events);
    if (c.sid !== undefined) {
      out.commands.push(unsubscribeCommand(this.nextId++, [c.sid]));
      this.bySid.delete(c.sid);
    }
    c.sid = undefined;
    c.lastSeq = 0;
    c.requestedAtMs = nowMs;
    const id = this.nextId++;
    this.commandFor.set(id, { chunk: c, kind: 'subscribe' });
    this.counts.resyncs++;
    out.commands.push(subscribeCommand(id, c.markets));
  }
}

function sortedLevels(levels: ReadonlyMap<Px, Qty>, side: 'bid' | 'ask'): Level[] {
  const out = [...levels].map(([px, qty]) => ({ px, qty }));
  return out.sort(side === 'bid' ? (a, b) => b.px - a.px : (a, b) => a.px - b.px);
}
