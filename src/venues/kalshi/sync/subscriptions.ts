/**
 * Which subscription carries which market on the current connection, and the commands that change it. Real
 * traffic (reference "Observed in real traffic", overriding K3): the first `subscribe` to a channel is answered
 * `subscribed` with a new `sid`; the venue merges every later one into that sid and answers `ok` listing the
 * whole market set. So a market binds to a sid from `subscribed`, from a merging `ok`, or from its first frame
 * on a book sid while its subscribe is in flight; a venue that answers each subscribe with its own sid works
 * the same way. Refusals: a market the venue names is dropped, a lost sid (code 7) is subscribed again, and
 * anything else waits for the watchdog, so an error can never drive a command loop.
 */
import type { BookEvent } from '../../venue.ts';
import type { KalshiFrame } from '../ws/book-frames.ts';
import { snapshotCommand, subscribeCommand } from '../ws/commands.ts';
import { readSentCommand, type SentCommand, type SyncChannel } from './commands-sent.ts';
import { type MarketBook, newMarketBook, type Sub } from './market-book.ts';

export const BOOK: SyncChannel = 'orderbook_delta';

/** What a step produces: events for the consumer, commands for the socket. */
export interface StepOutput {
  readonly events: BookEvent[];
  readonly commands: string[];
}

type Subscribe = Extract<SentCommand, { kind: 'subscribe' }>;

export class KalshiSubscriptions {
  readonly books = new Map<string, MarketBook>();
  readonly sids = new Map<number, Sub>();
  /** Command id → what it asked for. */
  private readonly sent = new Map<number, SentCommand>();
  private nextId = 1;

  constructor(
    markets: readonly string[],
    private readonly chunkSize: number,
    /** Where resyncs (snapshot requests, subscriptions asked again) are counted. */
    private readonly counts: { resyncs: number },
  ) {
    for (const m of markets) if (!this.books.has(m)) this.books.set(m, newMarketBook(m));
  }

  /** A new connection: no sid, no command in flight, nothing bound, nothing refused. */
  reset(): void {
    this.sids.clear();
    this.sent.clear();
    for (const b of this.books.values()) {
      b.sub = undefined;
      b.pending = false;
      b.awaitingSinceMs = undefined;
      b.refused = false;
      b.live = false;
    }
  }

  /** The connection dropped: every live book becomes invalid. */
  drop(nowMs: number): BookEvent[] {
    const events: BookEvent[] = [];
    for (const b of this.books.values()) {
      if (b.live)
        events.push({ type: 'invalid', market: b.key, reason: 'disconnected', receiveTimeMs: nowMs });
      b.live = false;
      b.sub = undefined;
      b.pending = false;
      b.awaitingSinceMs = undefined;
    }
    this.sids.clear();
    this.sent.clear();
    return events;
  }

  /** Every market is carried by a subscription (or was refused by the venue). */
  get complete(): boolean {
    for (const b of this.books.values()) if (b.sub === undefined && !b.refused) return false;
    return true;
  }

  /** The first subscription of a connection: every book, and the trades too when asked. */
  subscribeAll(nowMs: number, trades: boolean, out: StepOutput): void {
    this.subscribe([...this.books.values()], nowMs, out, false);
    if (!trades) return;
    const keys = [...this.books.keys()];
    for (let i = 0; i < keys.length; i += this.chunkSize) {
      const id = this.nextId++;
      const markets = keys.slice(i, i + this.chunkSize);
      this.sent.set(id, { kind: 'subscribe', channels: new Set(['trade']), markets });
      out.commands.push(subscribeCommand(id, markets, 'trade'));
    }
  }

  /** A command the caller sent itself (a replay): its replies are then understood. */
  record(command: unknown, nowMs: number): void {
    const r = readSentCommand(command);
    if ('ignored' in r) return;
    this.nextId = Math.max(this.nextId, r.id + 1);
    this.sent.set(r.id, r.sent);
    if (r.sent.kind === 'subscribe' && !r.sent.channels.has(BOOK)) return;
    for (const m of r.sent.markets) {
      const b = this.books.get(m);
      if (!b) continue;
      if (r.sent.kind !== 'snapshot' && b.sub === undefined) b.pending = true;
      b.awaitingSinceMs ??= nowMs;
    }
  }

  /**
   * Subscribe these books (the venue merges every subscribe after the first into its sid); `retry` counts it
   * as a resync (anything but the first subscription of a connection).
   */
  subscribe(books: readonly MarketBook[], nowMs: number, out: StepOutput, retry = true): void {
    const keys: string[] = [];
    for (const b of books) {
      if (b.refused) continue;
      b.pending = true;
      b.awaitingSinceMs = nowMs;
      keys.push(b.key);
    }
    if (keys.length === 0) return;
    if (retry) this.counts.resyncs++;
    for (let i = 0; i < keys.length; i += this.chunkSize) {
      const id = this.nextId++;
      const markets = keys.slice(i, i + this.chunkSize);
      this.sent.set(id, { kind: 'subscribe', channels: new Set([BOOK]), markets });
      out.commands.push(subscribeCommand(id, markets));
    }
  }

  /** Ask for fresh snapshots of these books on their sid (`get_snapshot`). */
  askSnapshots(s: Sub, books: readonly MarketBook[], nowMs: number, out: StepOutput): void {
    if (books.length === 0) return;
    this.counts.resyncs++;
    for (const b of books) b.awaitingSinceMs = nowMs;
    for (let i = 0; i < books.length; i += this.chunkSize) {
      const id = this.nextId++;
      const markets = books.slice(i, i + this.chunkSize).map((b) => b.key);
      this.sent.set(id, { kind: 'snapshot', sid: s.sid, markets });
      out.commands.push(snapshotCommand(id, s.sid, markets));
    }
  }

  /** Watchdog: snapshots asked for and not come, and subscriptions not answered, are asked for again. */
  overdue(nowMs: number, afterMs: number, out: StepOutput): void {
    const late = (b: MarketBook): boolean =>
      b.awaitingSinceMs !== undefined && nowMs - b.awaitingSinceMs >= afterMs;
    for (const s of this.sids.values())
      if (s.channel === BOOK) this.askSnapshots(s, [...s.books].filter(late), nowMs, out);
    this.subscribe(
      [...this.books.values()].filter((b) => b.pending && b.sub === undefined && late(b)),
      nowMs,
      out,
    );
  }

  onSubscribed(f: Extract<KalshiFrame, { type: 'subscribed' }>): void {
    const cmd = f.id === undefined ? undefined : this.sent.get(f.id);
    if (cmd?.kind !== 'subscribe') return;
    const channel = isSyncChannel(f.channel) && cmd.channels.has(f.channel) ? f.channel : first(cmd);
    this.answered(f.id!, cmd, channel);
    let s = this.sids.get(f.sid);
    if (!s) this.sids.set(f.sid, (s = { sid: f.sid, channel, lastSeq: 0, books: new Set() }));
    if (s.channel === BOOK) for (const m of cmd.markets) this.bind(m, s);
  }

  /**
   * An `ok`: the command it answers and the sid it is about (`undefined` when neither is known). A merging `ok`
   * on a sid this connection never saw `subscribed` for (a capture that starts late) makes the sid known, its
   * numbering starting at this reply's `seq`; `adopted` says so (its seq then needs no check).
   */
  okReply(f: Extract<KalshiFrame, { type: 'ok' }>): {
    cmd: SentCommand | undefined;
    sub: Sub | undefined;
    adopted: boolean;
  } {
    const cmd = f.id === undefined ? undefined : this.sent.get(f.id);
    // An `ok` without `sid` (older documentation) is about the sid the update named.
    const sid = f.sid ?? (cmd && cmd.kind !== 'subscribe' ? cmd.sid : undefined);
    const sub = sid === undefined ? undefined : this.sids.get(sid);
    if (sub || f.sid === undefined || cmd?.kind !== 'subscribe') return { cmd, sub, adopted: false };
    const adopted: Sub = { sid: f.sid, channel: first(cmd), lastSeq: f.seq ?? 0, books: new Set() };
    this.sids.set(f.sid, adopted);
    return { cmd, sub: adopted, adopted: true };
  }

  /** After an `ok` was sequenced: the command is done, and the markets it and the merged set name are bound. */
  bindOk(id: number, cmd: SentCommand, s: Sub | undefined, listed: readonly string[] | undefined): void {
    if (cmd.kind === 'subscribe') this.answered(id, cmd, s?.channel ?? first(cmd));
    else this.sent.delete(id);
    if (s?.channel !== BOOK || cmd.kind === 'snapshot') return;
    for (const m of cmd.markets) this.bind(m, s);
    if (listed) for (const m of listed) if (this.books.get(m)?.pending) this.bind(m, s);
  }

  onError(f: Extract<KalshiFrame, { type: 'error' }>, nowMs: number, out: StepOutput): void {
    const cmd = f.id === undefined ? undefined : this.sent.get(f.id);
    if (!cmd) return;
    this.sent.delete(f.id!);
    if (cmd.kind === 'subscribe' && !cmd.channels.has(BOOK)) return; // trades are not asked for again
    const named = f.market === undefined ? undefined : this.books.get(f.market);
    if (cmd.kind !== 'snapshot') {
      // A refused subscription: a market the venue names is dropped and the rest asked for again at once;
      // without a name, the watchdog asks again later (an immediate retry could loop on the same error).
      if (!named) return;
      this.unbind(named, 'refused by the venue', nowMs, out);
      named.refused = true;
      named.pending = false;
      named.awaitingSinceMs = undefined;
      const rest = cmd.markets.flatMap((m) => {
        const b = this.books.get(m);
        return b && b.pending && b.sub === undefined ? [b] : [];
      });
      this.subscribe(rest, nowMs, out);
      return;
    }
    // A refused snapshot: the sid is gone (code 7: subscribe its markets again, the venue merges them), or the
    // named market is not on it (subscribe that one); anything else is left to the watchdog.
    const s = this.sids.get(cmd.sid);
    const again = f.code === 7 && s ? [...s.books] : named ? [named] : [];
    if (f.code === 7) this.sids.delete(cmd.sid);
    for (const b of again) this.unbind(b, `snapshot refused: ${f.message}`, nowMs, out);
    this.subscribe(again, nowMs, out);
  }

  /** Binds a market to a sid (unless it is carried by another, or was refused). */
  bind(market: string, s: Sub): void {
    const b = this.books.get(market);
    if (!b || b.refused || (b.sub !== undefined && b.sub !== s)) return;
    b.sub = s;
    b.pending = false;
    s.books.add(b);
  }

  /** Takes a market off its sid (its book invalid until a new subscription's snapshot). */
  private unbind(b: MarketBook, reason: string, nowMs: number, out: StepOutput): void {
    if (b.live) out.events.push({ type: 'invalid', market: b.key, reason, receiveTimeMs: nowMs });
    b.live = false;
    b.sub?.books.delete(b);
    b.sub = undefined;
  }

  /** One channel of a subscribe was answered; the command is done when all are. */
  private answered(id: number, cmd: Subscribe, channel: SyncChannel): void {
    cmd.channels.delete(channel);
    if (cmd.channels.size === 0) this.sent.delete(id);
  }
}

const isSyncChannel = (c: string): c is SyncChannel => c === 'orderbook_delta' || c === 'trade';

const first = (cmd: Subscribe): SyncChannel => cmd.channels.values().next().value ?? BOOK;
