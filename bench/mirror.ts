/**
 * The generator's own copy of each venue book (YES terms, absolute sizes, price-sorted), so the update stream
 * can be written as the venue would write it: Kalshi needs the previous size to send a signed delta, Polymarket
 * the whole book to hash it. Never used by the code under test.
 */
import type { Level } from '../src/core/market.ts';
import type { Rng } from '../src/core/rng.ts';
import { asPx, asQty } from '../src/core/units.ts';
import type { BenchMarket } from './universe.ts';

export type BookSide = 'bid' | 'ask';

export class MirrorBook {
  /** Prices best first: bids descending, asks ascending. */
  readonly prices: Record<BookSide, number[]> = { bid: [], ask: [] };
  readonly sizes: Record<BookSide, Map<number, number>> = { bid: new Map(), ask: new Map() };

  constructor(readonly market: BenchMarket) {}

  qty(side: BookSide, px: number): number {
    return this.sizes[side].get(px) ?? 0;
  }

  best(side: BookSide): number {
    return this.prices[side][0] ?? -1;
  }

  depth(side: BookSide): number {
    return this.prices[side].length;
  }

  /** Set a level's absolute size (0 removes it); returns the previous size. */
  set(side: BookSide, px: number, qty: number): number {
    const prev = this.qty(side, px);
    const list = this.prices[side];
    if (qty === 0) {
      if (prev > 0) list.splice(list.indexOf(px), 1);
      this.sizes[side].delete(px);
      return prev;
    }
    if (prev === 0) {
      const better = side === 'bid' ? (p: number) => p > px : (p: number) => p < px;
      let i = 0;
      while (i < list.length && better(list[i]!)) i++;
      list.splice(i, 0, px);
    }
    this.sizes[side].set(px, qty);
    return prev;
  }

  levels(side: BookSide): Level[] {
    return this.prices[side].map((px) => ({ px: asPx(px), qty: asQty(this.qty(side, px)) }));
  }
}

/** A level size: Kalshi whole contracts, Polymarket shares with cents; log-normal around a few hundred. */
export function levelSize(rng: Rng, m: BenchMarket): number {
  const contracts = Math.min(50_000, Math.max(1, Math.exp(rng.normal(5, 1.2))));
  return m.venue === 'kalshi' ? Math.round(contracts) * 100 : Math.max(500, Math.round(contracts * 100));
}

/** A full book around the market's fair value: a spread of one to a few ticks, 10–30 levels a side. */
export function initialBook(rng: Rng, m: BenchMarket): MirrorBook {
  const b = new MirrorBook(m);
  const t = m.tick;
  const half = t === 10 ? rng.int(1, 8) * t : rng.int(1, 2) * t;
  let bid = Math.floor((m.fair - half / 2) / t) * t;
  let ask = Math.ceil((m.fair + half / 2) / t) * t;
  if (ask <= bid) ask = bid + t;
  bid = Math.max(t, Math.min(bid, 10_000 - 2 * t));
  ask = Math.max(bid + t, Math.min(ask, 10_000 - t));
  const gap = (): number => (t === 10 ? rng.int(1, 6) : rng.int(1, 2)) * t;
  for (let i = 0, px = bid, n = rng.int(10, 30); i < n && px >= t; i++, px -= gap())
    b.set('bid', px, levelSize(rng, m));
  for (let i = 0, px = ask, n = rng.int(10, 30); i < n && px <= 10_000 - t; i++, px += gap())
    b.set('ask', px, levelSize(rng, m));
  return b;
}
