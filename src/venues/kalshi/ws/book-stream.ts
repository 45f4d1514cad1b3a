/**
 * The socket shell around `KalshiBookSync`: a `ReconnectingWebSocket` to `/trade-api/ws/v2` with a freshly
 * signed handshake per attempt, frames decoded (`book-frames.ts`) and fed to the synchroniser, its commands
 * sent back, and a watchdog tick on the injected clock that re-asks for overdue snapshots. Kalshi's protocol
 * pings are answered by `ws`. With `onTrade`, the same connection also subscribes the public `trade` channel
 * for the markets and hands each trade over in core units (the engine passes none yet).
 */
import type { Clock, TimerHandle } from '../../../core/clock.ts';
import type { Rng } from '../../../core/rng.ts';
import { ReconnectingWebSocket } from '../../shared/reconnecting-ws.ts';
import type { BookEvent, BookStream, BookStreamStats } from '../../venue.ts';
import type { KalshiSigner } from '../auth/signer.ts';
import { type BookSyncOptions, KalshiBookSync, type SyncOutput } from '../sync/book-sync.ts';
import { parseFrame } from './book-frames.ts';
import type { KalshiTrade } from './trade-frames.ts';

export interface KalshiBookStreamOptions extends Omit<BookSyncOptions, 'trades'> {
  readonly wsUrl: string;
  readonly signer: KalshiSigner;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly markets: readonly string[];
  readonly onEvent: (e: BookEvent) => void;
  /** Public trades on the markets; when given, the `trade` channel is subscribed too. */
  readonly onTrade?: (t: KalshiTrade) => void;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Reconnect when nothing (not even a ping) arrives for this long; default 30 s (the venue pings every 10 s). */
  readonly idleTimeoutMs?: number;
  /** How often the resync watchdog looks (default 1 s). */
  readonly watchdogMs?: number;
}

export class KalshiBookStream implements BookStream {
  readonly ready: Promise<void>;
  private readonly sync: KalshiBookSync;
  private readonly ws: ReconnectingWebSocket;
  private readonly watchdog: TimerHandle;
  private markReady!: () => void;
  private isReady = false;
  private open = false;

  constructor(private readonly opts: KalshiBookStreamOptions) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.sync = new KalshiBookSync(opts.markets, { ...opts, trades: opts.onTrade !== undefined });
    const wsPath = new URL(opts.wsUrl).pathname;
    this.ws = new ReconnectingWebSocket({
      url: opts.wsUrl,
      clock: opts.clock,
      rng: opts.rng,
      headers: () => opts.signer.headers('GET', wsPath),
      onOpen: (send) => {
        this.open = true;
        for (const cmd of this.sync.open(opts.clock.now())) send(cmd);
      },
      onMessage: (text) => this.apply(this.sync.message(parseFrame(text), opts.clock.now())),
      onDisconnect: () => {
        this.open = false;
        for (const e of this.sync.close(opts.clock.now())) opts.onEvent(e);
      },
      idleTimeoutMs: opts.idleTimeoutMs ?? 30_000,
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
    });
    this.watchdog = opts.clock.setInterval(
      () => this.apply(this.sync.tick(opts.clock.now())),
      opts.watchdogMs ?? 1_000,
    );
  }

  /** Connected, and every market has its subscription. */
  get connected(): boolean {
    return this.open && this.sync.subscribed;
  }

  stats(): BookStreamStats {
    return this.sync.stats();
  }

  /** The stream's current book for a market (undefined while it waits for a snapshot). */
  book(market: string): ReturnType<KalshiBookSync['book']> {
    return this.sync.book(market);
  }

  async close(): Promise<void> {
    this.opts.clock.clearTimer(this.watchdog);
    await this.ws.close();
  }

  private apply(out: SyncOutput): void {
    for (const cmd of out.commands) this.ws.send(cmd);
    for (const e of out.events) this.opts.onEvent(e);
    if (this.opts.onTrade) for (const t of out.trades) this.opts.onTrade(t);
    if (!this.isReady && this.sync.subscribed) {
      this.isReady = true;
      this.markReady();
    }
  }
}
