/**
 * Market data as the engine sees it. Book events from the venues' streams go into the book store and re-price
 * the shapes that use the market (the detector); a book a stream has lost is polled over REST until the stream
 * brings it back. The rest of the engine reads the books through here: the live levels a paper venue fills
 * against (`BookSource`), what is buyable now for the legging checks (`QuoteView`), depth and exit prices for
 * sizing, fee models and event keys of discovered markets, and the progress numbers.
 */
import type { Clock } from '../../core/clock.ts';
import { NO_FEES, type FeeModel } from '../../core/fees.ts';
import type { MarketId, MarketIdTable, Outcome, Venue } from '../../core/market.ts';
import { PX_ONE } from '../../core/units.ts';
import type { Detector } from '../../hot/index.ts';
import type { BookEvent, VenueAdapter } from '../../venues/venue.ts';
import type { FirstBooks } from '../bootstrap/startup-steps.ts';
import type { TradingUniverse } from '../bootstrap/trading-universe.ts';
import type { QuoteView } from '../package-types.ts';
import type { BookSource } from '../paper-venue.ts';
import type { RunStats } from '../run-report.ts';
import type { EngineEvents } from './types.ts';

export interface MarketDataOptions {
  readonly venues: Readonly<Partial<Record<Venue, VenueAdapter>>>;
  readonly clock: Clock;
  readonly ids: MarketIdTable;
  readonly stats: RunStats;
  readonly events: EngineEvents | undefined;
  /** The engine is stopping: book changes are no longer priced, lost books no longer polled. */
  readonly stopped: () => boolean;
}

export class MarketData implements BookSource, QuoteView {
  /** What the engine trades on; set once discovery is done. */
  universe: TradingUniverse | undefined;
  detector: Detector | undefined;
  /** Books still without their first snapshot while starting. */
  firstBooks: FirstBooks | undefined;
  /** Streams are being closed: their book events (every book marked lost) are not news. */
  closing = false;

  constructor(private readonly o: MarketDataOptions) {}

  onBook(venue: Venue, e: BookEvent): void {
    if (this.closing) return;
    const u = this.universe!;
    const id = this.o.ids.get(venue, e.market);
    if (id === undefined || !u.books.has(id)) return;
    const s = this.o.stats.books;
    if (e.type === 'snapshot') {
      s.snapshots++;
      this.firstBooks?.snapshot(venue, e.market);
      u.books.snapshot(id, e.yesBids, e.yesAsks, e.venueTimeMs, e.receiveTimeMs);
    } else if (e.type === 'level') {
      s.updates++;
      if (!u.books.isTrusted(id)) return;
      u.books.level(id, e.side, e.px, e.qty, e.venueTimeMs, e.receiveTimeMs);
    } else {
      // Only losing a book we trusted is news; adapters also mark books invalid before their first snapshot.
      if (u.books.isTrusted(id)) {
        s.invalidated++;
        this.o.events?.bookLost?.(venue, e.market, e.reason);
      }
      u.books.invalidate(id);
    }
    if (!this.o.stopped()) this.detector!.onBookChange(id, this.o.clock.now());
  }

  /** REST fallback: re-fetch books the streams have lost, a few per tick. */
  async pollLostBooks(): Promise<void> {
    const u = this.universe;
    if (!u || this.o.stopped()) return;
    const lost = u.markets
      .all()
      .filter((m) => !u.books.isTrusted(m.id))
      .slice(0, 20);
    for (const m of lost) {
      const r = await this.o.venues[m.venue]?.fetchBook(m.key);
      if (!r?.ok || this.o.stopped()) continue;
      this.o.stats.books.polled++;
      const now = this.o.clock.now();
      u.books.snapshot(m.id, r.value.yesBids, r.value.yesAsks, r.value.venueTimeMs, now);
      this.detector!.onBookChange(m.id, now);
    }
  }

  /** The live book of a market as the engine sees it (what a paper venue fills against). */
  levels(venue: Venue, market: string) {
    const id = this.trusted(venue, market);
    return id === undefined ? undefined : this.universe!.books.levels(id);
  }

  /** QuoteView for the legging checks: what is offered to buy `outcome` at or below `limitPx` right now. */
  buyable(venue: Venue, market: string, outcome: Outcome, limitPx: number) {
    const id = this.trusted(venue, market);
    if (id === undefined) return undefined;
    const books = this.universe!.books;
    const first = books.nextBuySlot(id, outcome, -1);
    const bestPx = first >= 0 ? books.buyPxAt(id, outcome, first) : PX_ONE;
    return { bestPx, qty: this.depthAt(id, outcome, limitPx) };
  }

  /** Contracts offered to buy `outcome` at `px` or better, Qty. */
  depthAt(id: MarketId, outcome: Outcome, px: number): number {
    const books = this.universe!.books;
    let qty = 0;
    for (let s = books.nextBuySlot(id, outcome, -1); s >= 0; s = books.nextBuySlot(id, outcome, s)) {
      if (books.buyPxAt(id, outcome, s) > px) break;
      qty += books.buyQtyAt(id, outcome, s);
    }
    return qty;
  }

  /** Best price to sell `outcome` now (its bid), Px; 0 if none. */
  bestSellPx(id: MarketId, outcome: Outcome): number {
    const books = this.universe!.books;
    const px =
      outcome === 'YES' ? books.bestBidPx(id) : books.bestAskPx(id) < 0 ? -1 : PX_ONE - books.bestAskPx(id);
    return Math.max(0, px);
  }

  /** A discovered market's fee model (what paper fills charge); no fees for a market the engine does not know. */
  feesOf(venue: Venue, market: string): FeeModel {
    const id = this.o.ids.get(venue, market);
    const u = this.universe;
    return id !== undefined && u?.markets.has(id) ? u.markets.get(id).fees : NO_FEES;
  }

  /** The event a discovered market belongs to (what the event caps count by), if the venue says. */
  eventKey(venue: Venue, market: string): string | undefined {
    const id = this.o.ids.get(venue, market);
    return id === undefined ? undefined : this.universe?.meta.get(id)?.eventKey;
  }

  /** Progress numbers for the live display. */
  progress() {
    const u = this.universe;
    let trusted = 0;
    if (u) for (const m of u.markets.all()) if (u.books.isTrusted(m.id)) trusted++;
    return {
      markets: u?.markets.all().length ?? 0,
      booksInSync: trusted,
      openOpportunities: this.detector?.opportunities().size ?? 0,
    };
  }

  /** The market's id if the engine trades it and its book is trusted now. */
  private trusted(venue: Venue, market: string): MarketId | undefined {
    const id = this.o.ids.get(venue, market);
    const u = this.universe;
    if (id === undefined || !u || !u.books.has(id) || !u.books.isTrusted(id)) return undefined;
    return id;
  }
}
