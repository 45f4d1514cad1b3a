/**
 * The market channel's socket shell around `PolyBookSync` (sync/book-sync.ts): subscription (with
 * `custom_feature_enabled`, for `best_bid_ask`, `market_resolved` and `new_market`), keep-alive, reconnects (all
 * from the shared `ReconnectingWebSocket`), a retry timer per requested snapshot, and a timer per open batch.
 */
import type { Clock, TimerHandle } from '../../../core/clock.ts';
import type { Rng } from '../../../core/rng.ts';
import { ReconnectingWebSocket } from '../../shared/reconnecting-ws.ts';
import type { BookEvent, BookStream, BookStreamStats } from '../../venue.ts';
import { pxToDecimal, qtyToDecimal } from '../../../core/units.ts';
import type { Markets } from '../rest/markets.ts';
import {
  type MarketNotice,
  PolyBookSync,
  type PolySyncDetail,
  type StreamMarket,
} from '../sync/book-sync.ts';

export interface PolyBookStreamOptions {
  readonly url: string;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly markets: readonly StreamMarket[];
  readonly onEvent: (e: BookEvent) => void;
  /** Check book hashes (default true). Off only against a venue whose hashing cannot be reproduced. */
  readonly verifyHashes?: boolean | undefined;
  readonly pingEveryMs?: number;
  /** Reconnect after this long without any frame (default 30 s). */
  readonly idleTimeoutMs?: number;
  /** Ask again when a requested snapshot has not arrived after this long (it may have been lost); default 3 s. */
  readonly resyncTimeoutMs?: number | undefined;
  /**
   * How long a same-timestamp batch may stay open (its frames so far not yet adding up to the hash they carry)
   * before the book is dropped; the venue sends a batch's frames together, so the default is 1 s.
   */
  readonly batchTimeoutMs?: number | undefined;
  /** Called with a reason whenever a frame could not be used (for logs). */
  readonly onProblem?: ((reason: string) => void) | undefined;
  /** Tick size changes, resolutions and new markets (the adapter keeps its market facts with them). */
  readonly onNotice?: ((n: MarketNotice) => void) | undefined;
}

/** The socket shell: subscription, keep-alive, reconnects, and a retry timer per requested snapshot. */
export class PolyBookStream implements BookStream {
  readonly ready: Promise<void>;
  private readonly sync: PolyBookSync;
  private readonly retries = new Map<string, TimerHandle>();
  private readonly batches = new Map<string, { ts: string; timer: TimerHandle }>();
  private readonly ws: ReconnectingWebSocket;

  constructor(private readonly opts: PolyBookStreamOptions) {
    const { clock } = opts;
    this.sync = new PolyBookSync(
      opts.markets,
      {
        onEvent: opts.onEvent,
        resync: (assetIds) => {
          this.ws.send(JSON.stringify({ operation: 'subscribe', assets_ids: assetIds }));
          this.armRetry(assetIds);
        },
        snapshotApplied: (assetId) => {
          clock.clearTimer(this.retries.get(assetId));
          this.retries.delete(assetId);
        },
        batchOpened: (assetId, ts) => this.armBatch(assetId, ts),
        batchEnded: (assetId) => {
          clock.clearTimer(this.batches.get(assetId)?.timer);
          this.batches.delete(assetId);
        },
        ...(opts.onProblem ? { onProblem: opts.onProblem } : {}),
        ...(opts.onNotice ? { onNotice: opts.onNotice } : {}),
      },
      opts.verifyHashes === undefined ? {} : { verifyHashes: opts.verifyHashes },
    );
    this.ws = new ReconnectingWebSocket({
      url: opts.url,
      clock,
      rng: opts.rng,
      keepAlive: { text: 'PING', everyMs: opts.pingEveryMs ?? 10_000 },
      // PINGs every 10 s are answered, so 30 s of silence means a half-open connection: reconnect.
      idleTimeoutMs: opts.idleTimeoutMs ?? 30_000,
      onOpen: (send) => {
        send(
          JSON.stringify({ assets_ids: this.sync.assetIds(), type: 'market', custom_feature_enabled: true }),
        );
        this.armRetry(this.sync.assetIds());
      },
      onMessage: (text) => this.sync.frame(text, clock.now()),
      onDisconnect: () => this.sync.disconnected(clock.now()),
    });
    this.ready = this.ws.ready;
  }

  stats(): BookStreamStats {
    return { ...this.sync.counts, reconnects: Math.max(0, this.ws.connects - 1) };
  }

  /** The sync's counts beyond `stats()` (hashes checked and failed, batches, best-price checks). */
  detail(): Readonly<PolySyncDetail> {
    return this.sync.detail;
  }

  /** Is the market's book currently trusted (a snapshot applied and every change since checked)? */
  isValid(market: string): boolean {
    return this.sync.isValid(market);
  }

  close(): Promise<void> {
    for (const t of this.retries.values()) this.opts.clock.clearTimer(t);
    for (const b of this.batches.values()) this.opts.clock.clearTimer(b.timer);
    this.retries.clear();
    this.batches.clear();
    return this.ws.close();
  }

  /** If a snapshot we asked for never comes (the frame was lost), ask again. */
  private armRetry(assetIds: string[]): void {
    const { clock } = this.opts;
    for (const id of assetIds) {
      clock.clearTimer(this.retries.get(id));
      const t = clock.setTimeout(() => {
        this.retries.delete(id);
        if (this.sync.needsSnapshot(id)) this.sync.resync([id]);
      }, this.opts.resyncTimeoutMs ?? 3_000);
      this.retries.set(id, t);
    }
  }

  /** A batch opened at `ts` on `assetId`: if it is still that batch when the time is up, it never ended. */
  private armBatch(assetId: string, ts: string): void {
    const { clock } = this.opts;
    const armed = this.batches.get(assetId);
    if (armed?.ts === ts) return;
    clock.clearTimer(armed?.timer);
    const timer = clock.setTimeout(() => {
      this.batches.delete(assetId);
      this.sync.closeBatch(assetId, ts, clock.now());
    }, this.opts.batchTimeoutMs ?? 1_000);
    this.batches.set(assetId, { ts, timer });
  }
}

/**
 * The adapter's `streamBooks`: the markets' CLOB facts first (their YES tokens), then the stream. `ready`
 * rejects when a market cannot be looked up; `isValid` says whether a market's book is trusted now.
 */
export function openPolyBookStream(
  opts: Omit<PolyBookStreamOptions, 'markets'> & {
    /** Condition ids. */
    readonly markets: readonly string[];
    /** Where the markets' tokens are looked up. */
    readonly known: Markets;
    /** Called once when the stream is closed (the adapter forgets it). */
    readonly onClose?: () => void;
  },
): BookStream & { isValid(market: string): boolean; detail(): Readonly<PolySyncDetail> | undefined } {
  const { markets, known, onClose, ...rest } = opts;
  let inner: PolyBookStream | undefined;
  let closed = false;
  const ready = (async () => {
    const failed = await known.ensure(markets);
    if (failed) throw new Error(`polymarket: cannot stream books: ${failed.code}: ${failed.message}`);
    if (closed) return;
    const follow = (m: string): StreamMarket => {
      const info = known.get(m)!; // just ensured
      // The hashed summary's fields the frames do not carry come from the market's CLOB facts.
      const meta = {
        minOrderSize: qtyToDecimal(info.minSize),
        tickSize: pxToDecimal(info.tick),
        negRisk: info.negRisk,
      };
      return { market: info.conditionId, assetId: info.tokens.yes, meta };
    };
    inner = new PolyBookStream({ ...rest, markets: markets.map(follow) });
    await inner.ready;
  })();
  // A caller that never awaits `ready` must not crash the process when the lookup fails.
  ready.catch(() => undefined);
  return {
    ready,
    stats: () =>
      inner?.stats() ?? { snapshots: 0, updates: 0, gaps: 0, malformed: 0, reconnects: 0, resyncs: 0 },
    isValid: (market) => inner?.isValid(market) ?? false,
    detail: () => inner?.detail(),
    close: async () => {
      closed = true;
      onClose?.();
      await ready.catch(() => undefined);
      await inner?.close();
    },
  };
}
