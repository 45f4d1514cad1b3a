/**
 * The hot path under test, assembled from the real parts: frame bytes to text as the socket shell does
 * (`ReconnectingWebSocket`: `data.toString()`), each venue's own frame decoder and book
 * synchroniser (Kalshi `KalshiBookSync`: snapshot + signed deltas → absolute levels; Polymarket `PolyBookSync`:
 * `book` and absolute `price_change` frames), the market id table, the `BookStore` and the incremental
 * `Detector` over every relation's shapes. `onBook` routes a `BookEvent` as the engine does
 * (`src/exec/engine.ts`, `onBook`): market key → id, snapshot / level / invalidate, then re-detect the market.
 * The one difference is the key → id lookup: a map per venue here, where the engine asks the shared
 * `MarketIdTable` (itself a map per venue since this bench showed its old string-building lookup doubled the
 * cost). `engineRouting` switches to the engine's lookup, so its cost is measured on the same stream.
 */
import { MarketIdTable, type MarketId, type Venue } from '../src/core/market.ts';
import { asQty } from '../src/core/units.ts';
import {
  BookStore,
  buildShapes,
  Detector,
  type EvalContext,
  LANES,
  type LaneLimits,
  type LaneName,
  MarketTable,
  type Opportunity,
} from '../src/hot/index.ts';
// The sync modules themselves, not the venue barrels: a barrel loads the whole adapter (official clients,
// viem), whose code would count in the memory benchmark's heap and hide what the books cost.
import { KalshiBookSync } from '../src/venues/kalshi/sync/book-sync.ts';
import { PolyBookSync } from '../src/venues/polymarket/sync/book-sync.ts';
import type { BookEvent } from '../src/venues/venue.ts';
import type { Universe } from './universe.ts';

/** The app's defaults (`src/app/config/schema.ts`): 50 bps minimum edge, whole contracts, 1,000 at most. */
const LIMITS: LaneLimits = { enabled: true, minEdgeBps: 50, minSize: asQty(100) };

export interface PipelineOptions {
  /** Check Polymarket book hashes (the adapter's default is on). */
  readonly verifyHashes: boolean;
  /** Find market ids as the engine does today (`MarketIdTable.get`) instead of a map per venue. */
  readonly engineRouting?: boolean;
}

export class Pipeline {
  readonly ids = new MarketIdTable();
  readonly table = new MarketTable();
  readonly books = new BookStore();
  readonly detector: Detector;
  readonly kalshi: KalshiBookSync;
  readonly polymarket: PolyBookSync;
  /** When false, book events update the books but leave detection to the caller (to time it apart). */
  detect = true;
  /** The market the last book event touched. */
  lastMarket = -1 as MarketId;
  /** Commands the Kalshi synchroniser asked to send (resyncs): a clean stream asks for none. */
  kalshiCommands = 0;
  polyResyncs = 0;
  opportunities = 0;
  private readonly clock = { now: 0 };
  private readonly idOf: Record<Venue, { get(key: string): MarketId | undefined }>;
  private readonly onPoly = (e: BookEvent): void => this.onBook(this.idOf.polymarket, e);

  constructor(u: Universe, opts: PipelineOptions, kalshiChunk: number) {
    const maps = { kalshi: new Map<string, MarketId>(), polymarket: new Map<string, MarketId>() };
    this.idOf = opts.engineRouting
      ? {
          kalshi: { get: (key) => this.ids.get('kalshi', key) },
          polymarket: { get: (key) => this.ids.get('polymarket', key) },
        }
      : maps;
    for (const m of u.markets) {
      const id = this.ids.intern(m.venue, m.key);
      if (id !== m.id) throw new Error('pipeline: market ids out of order');
      maps[m.venue].set(m.key, id);
      this.table.add({ id, venue: m.venue, key: m.key, grid: m.grid, minSize: m.minSize, fees: m.fees });
      this.books.addMarket(id, m.grid);
    }
    const ctx: EvalContext = {
      books: this.books,
      markets: this.table,
      limits: Object.fromEntries(LANES.map((l) => [l, LIMITS])) as Record<LaneName, LaneLimits>,
      maxSize: asQty(100_000),
      idBucketMs: 60_000,
    };
    this.detector = new Detector(buildShapes(u.relations, this.table), ctx, {
      onOpportunity: (_o: Opportunity) => this.opportunities++,
    });
    this.kalshi = new KalshiBookSync(
      u.kalshi.map((m) => m.key),
      { chunkSize: kalshiChunk },
    );
    this.polymarket = new PolyBookSync(
      u.polymarket.map((m) => ({ market: m.key, assetId: m.assetId })),
      { onEvent: this.onPoly, resync: () => this.polyResyncs++ },
      { verifyHashes: opts.verifyHashes },
    );
  }

  /** One Kalshi frame, from its bytes, end to end. */
  kalshiFrame(data: Buffer, nowMs: number): void {
    this.clock.now = nowMs;
    const out = this.kalshi.frame(data.toString(), nowMs);
    this.kalshiCommands += out.commands.length;
    for (let i = 0; i < out.events.length; i++) this.onBook(this.idOf.kalshi, out.events[i]!);
  }

  /** One Polymarket frame, from its bytes, end to end. */
  polyFrame(data: Buffer, nowMs: number): void {
    this.clock.now = nowMs;
    this.polymarket.frame(data.toString(), nowMs);
  }

  private onBook(ids: { get(key: string): MarketId | undefined }, e: BookEvent): void {
    const id = ids.get(e.market);
    if (id === undefined || !this.books.has(id)) return;
    if (e.type === 'snapshot') {
      this.books.snapshot(id, e.yesBids, e.yesAsks, e.venueTimeMs, e.receiveTimeMs);
    } else if (e.type === 'level') {
      if (!this.books.isTrusted(id)) return;
      this.books.level(id, e.side, e.px, e.qty, e.venueTimeMs, e.receiveTimeMs);
    } else {
      this.books.invalidate(id);
    }
    this.lastMarket = id;
    if (this.detect) this.detector.onBookChange(id, this.clock.now);
  }
}
