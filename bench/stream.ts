/**
 * A realistic stream of book changes for one venue, as the venue would publish them: mostly size changes near
 * the top of the book, some deeper; levels added inside the spread or in the depth; levels removed (the best
 * one often enough that the book has to find its new best); and now and then a *jump*: a market's whole quote
 * moves a few cents at once (a burst of removals and adds), then later moves back. While it is away it is out
 * of line with its equivalents, exclusive sets and ladders: that is where real opportunities come from.
 *
 * Books never cross (a venue's own book cannot), sizes stay positive, and market activity is skewed (a few
 * markets trade much more than most). Quotes stay anchored: bids below the market's fair value (shifted while
 * it is away), asks above it, so related markets drift out of line only through jumps, as real ones mostly
 * do; an unanchored random walk would leave most relations permanently crossed, which no real book stays.
 * Every change is applied to the mirror before it is handed to `emit`.
 */
import type { Rng } from '../src/core/rng.ts';
import { type BookSide, levelSize, type MirrorBook } from './mirror.ts';

export interface LevelChange {
  readonly book: MirrorBook;
  readonly side: BookSide;
  readonly px: number;
  /** New absolute size (0 removes the level). */
  readonly qty: number;
  /** Size before the change. */
  readonly prev: number;
}

export interface StreamMix {
  /** Share of events that start a jump on a market not already away. */
  readonly jump: number;
  readonly removeLevel: number;
  readonly addLevel: number;
  /** Of the size changes, the share within the top three levels. */
  readonly nearTop: number;
}

export const DEFAULT_MIX: StreamMix = { jump: 0.004, removeLevel: 0.12, addLevel: 0.12, nearTop: 0.8 };

const other = (s: BookSide): BookSide => (s === 'bid' ? 'ask' : 'bid');
/** Is `a` a better price than `b` on `side`? */
const better = (side: BookSide, a: number, b: number): boolean => (side === 'bid' ? a > b : a < b);

export class ChangeStream {
  private readonly away = new Map<MirrorBook, { d: number; due: number }>();
  private events = 0;
  /** Jumps started and reverted, for the report. */
  jumps = 0;

  constructor(
    private readonly rng: Rng,
    private readonly books: readonly MirrorBook[],
    private readonly emit: (c: LevelChange) => void,
    private readonly mix: StreamMix = DEFAULT_MIX,
  ) {}

  /** Generate at least `n` changes (a jump's burst may overshoot by a few). */
  run(n: number, count: () => number): void {
    while (count() < n) this.step();
  }

  private step(): void {
    const rng = this.rng;
    this.events++;
    for (const [b, j] of this.away) {
      if (j.due > this.events) continue;
      this.away.delete(b);
      this.shift(b, -j.d);
      return;
    }
    // Skewed activity: u^2.5 puts about a third of the events on the most active tenth of the markets.
    const book = this.books[Math.floor(this.books.length * rng.float() ** 2.5)]!;
    const r = rng.float();
    if (r < this.mix.jump && !this.away.has(book)) {
      const moved = this.shift(book, (rng.bool() ? 1 : -1) * rng.int(2, 6) * 100);
      if (moved !== 0) {
        this.jumps++;
        this.away.set(book, { d: moved, due: this.events + rng.int(20, 400) });
      }
      return;
    }
    const side: BookSide = rng.bool() ? 'bid' : 'ask';
    if (r < this.mix.jump + this.mix.removeLevel) return this.remove(book, side);
    if (r < this.mix.jump + this.mix.removeLevel + this.mix.addLevel) return this.add(book, side);
    this.resize(book, side);
  }

  /** Where the market's quote is centred now: its fair value, plus the move while it is away. */
  private fairNow(book: MirrorBook): number {
    return book.market.fair + (this.away.get(book)?.d ?? 0);
  }

  private set(book: MirrorBook, side: BookSide, px: number, qty: number): void {
    const prev = book.set(side, px, qty);
    this.emit({ book, side, px, qty, prev });
  }

  private resize(book: MirrorBook, side: BookSide): void {
    const prices = book.prices[side];
    if (prices.length === 0) return this.add(book, side);
    const top = Math.min(3, prices.length);
    const i = this.rng.bool(this.mix.nearTop) ? this.rng.int(0, top - 1) : this.rng.int(0, prices.length - 1);
    const px = prices[i]!;
    const old = book.qty(side, px);
    // Orders come and go in lots: the size moves by a fraction of itself, never to zero.
    const step = Math.max(book.market.venue === 'kalshi' ? 100 : 1, Math.round(old * this.rng.float() * 0.5));
    let qty = this.rng.bool() ? old + step : old - step;
    if (book.market.venue === 'kalshi') qty = Math.round(qty / 100) * 100;
    if (qty <= 0 || qty === old) qty = old + (book.market.venue === 'kalshi' ? 100 : 37);
    this.set(book, side, px, qty);
  }

  private remove(book: MirrorBook, side: BookSide): void {
    const prices = book.prices[side];
    if (prices.length <= 5) return this.add(book, side);
    const px = this.rng.bool() ? prices[0]! : this.rng.pick(prices);
    this.set(book, side, px, 0);
  }

  private add(book: MirrorBook, side: BookSide): void {
    const prices = book.prices[side];
    if (prices.length >= 35) return this.remove(book, side);
    const t = book.market.tick;
    const best = book.best(side);
    const opp = book.best(other(side));
    const dir = side === 'bid' ? 1 : -1;
    // Improve the quote when the spread allows, else fill a hole in the depth or extend it.
    const inside = best + dir * t;
    let px: number;
    if (best >= 0 && this.rng.bool(0.4) && (opp < 0 || better(side, opp, inside))) px = inside;
    else {
      const worst = prices[prices.length - 1] ?? (side === 'bid' ? opp - t : opp + t);
      px = worst - dir * t * this.rng.int(-Math.min(prices.length, 10), 3);
    }
    if (px < t || px > 10_000 - t || book.qty(side, px) > 0) return this.resize(book, side);
    if (opp >= 0 && !better(side, opp, px)) return this.resize(book, side);
    if (!better(side, this.fairNow(book), px)) return this.resize(book, side);
    this.set(book, side, px, levelSize(this.rng, book.market));
  }

  /**
   * Move the quote by `d` Px (up if positive): first pull the levels the new quote would cross, then post the
   * new best level on each side, then a level between. Returns the move made (0 if there was no room).
   */
  private shift(book: MirrorBook, d: number): number {
    const t = book.market.tick;
    const bid = book.best('bid');
    const ask = book.best('ask');
    if (bid < 0 || ask < 0) return 0;
    const lo = t - bid;
    const hi = 10_000 - t - ask;
    d = Math.round(Math.max(lo, Math.min(hi, d)) / t) * t;
    if (d === 0) return 0;
    const newBid = bid + d;
    const newAsk = ask + d;
    const [lead, trail] = d > 0 ? (['bid', 'ask'] as const) : (['ask', 'bid'] as const);
    const newLead = lead === 'bid' ? newBid : newAsk;
    const newTrail = trail === 'bid' ? newBid : newAsk;
    // The trailing side gives way: every level the leading side is about to reach or pass goes.
    while (
      book.depth(trail) > 0 &&
      !better(trail, newTrail, book.best(trail)) &&
      book.best(trail) !== newTrail
    )
      this.set(book, trail, book.best(trail), 0);
    if (book.qty(trail, newTrail) === 0) this.set(book, trail, newTrail, levelSize(this.rng, book.market));
    this.set(book, lead, newLead, levelSize(this.rng, book.market));
    const mid = newLead - Math.sign(d) * t * this.rng.int(1, Math.max(1, Math.abs(d) / t - 1));
    if (book.qty(lead, mid) === 0 && better(lead, mid, book.prices[lead][1] ?? -1))
      this.set(book, lead, mid, levelSize(this.rng, book.market));
    return d;
  }
}
