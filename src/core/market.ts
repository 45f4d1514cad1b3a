/**
 * Venue-neutral market vocabulary: venues, outcomes, interned integer market ids, tick grids, and the
 * normalized quote every venue's book becomes.
 */
import type { FeeModel } from './fees.ts';
import { asPx, asQty, type Px, type Qty, PX_ONE, pxComplement } from './units.ts';

export type Venue = 'kalshi' | 'polymarket';
export const VENUES: readonly Venue[] = ['kalshi', 'polymarket'];

export type Outcome = 'YES' | 'NO';
export type Side = 'BUY' | 'SELL';

export const otherOutcome = (o: Outcome): Outcome => (o === 'YES' ? 'NO' : 'YES');

declare const marketIdBrand: unique symbol;
/** Dense integer id for a (venue, venue market key) pair, so hot paths index arrays instead of hashing strings. */
export type MarketId = number & { readonly [marketIdBrand]: 'MarketId' };

/**
 * Interns (venue, key) → MarketId. Ids are assigned 0, 1, 2 … in first-seen order. One map per venue, so a
 * lookup on the hot path (every book frame) hashes the key once and builds no string.
 */
export class MarketIdTable {
  private readonly byVenue: Record<Venue, Map<string, MarketId>> = {
    kalshi: new Map(),
    polymarket: new Map(),
  };
  private readonly entries: { venue: Venue; key: string }[] = [];

  intern(venue: Venue, key: string): MarketId {
    const map = this.byVenue[venue];
    let id = map.get(key);
    if (id === undefined) {
      id = this.entries.length as MarketId;
      this.entries.push({ venue, key });
      map.set(key, id);
    }
    return id;
  }

  get(venue: Venue, key: string): MarketId | undefined {
    return this.byVenue[venue].get(key);
  }

  describe(id: MarketId): { venue: Venue; key: string } {
    const e = this.entries[id];
    if (!e) throw new RangeError(`unknown market id ${id}`);
    return e;
  }

  get size(): number {
    return this.entries.length;
  }
}

/** A run of valid prices: start, start+step, … ≤ end (Kalshi `price_ranges` have this shape). */
export interface TickRange {
  readonly start: Px;
  readonly end: Px;
  readonly step: Px;
}

/** Valid order prices: strictly inside (0, 1) and on one of the ranges. */
export interface TickGrid {
  readonly ranges: readonly TickRange[];
}

export function uniformGrid(step: Px): TickGrid {
  return { ranges: [{ start: asPx(0), end: PX_ONE, step }] };
}

export type KalshiPriceStructure = 'linear_cent' | 'deci_cent' | 'tapered_deci_cent';

export function kalshiGrid(structure: KalshiPriceStructure): TickGrid {
  switch (structure) {
    case 'linear_cent':
      return uniformGrid(asPx(100));
    case 'deci_cent':
      return uniformGrid(asPx(10));
    case 'tapered_deci_cent':
      return {
        ranges: [
          { start: asPx(0), end: asPx(1000), step: asPx(10) },
          { start: asPx(1000), end: asPx(9000), step: asPx(100) },
          { start: asPx(9000), end: PX_ONE, step: asPx(10) },
        ],
      };
  }
}

export function isOnGrid(grid: TickGrid, px: number): boolean {
  if (!Number.isInteger(px) || px <= 0 || px >= PX_ONE) return false;
  return grid.ranges.some((r) => px >= r.start && px <= r.end && (px - r.start) % r.step === 0);
}

/** Every valid price, ascending. */
export function gridPrices(grid: TickGrid): Px[] {
  const set = new Set<number>();
  for (const r of grid.ranges) {
    for (let p: number = r.start; p <= r.end; p += r.step) if (p > 0 && p < PX_ONE) set.add(p);
  }
  return [...set].sort((a, b) => a - b).map((p) => asPx(p));
}

/** The smallest step anywhere on the grid (Polymarket's single `tick_size`). */
export function minTick(grid: TickGrid): Px {
  return asPx(Math.min(...grid.ranges.map((r) => r.step)));
}

/** Highest valid price ≤ px, or undefined. */
export function floorToGrid(grid: TickGrid, px: number): Px | undefined {
  px = Math.min(px, PX_ONE - 1);
  let best: number | undefined;
  for (const r of grid.ranges) {
    if (px < r.start) continue;
    const p = Math.min(r.end, r.start + Math.floor((px - r.start) / r.step) * r.step);
    if (p > 0 && p < PX_ONE && (best === undefined || p > best)) best = p;
  }
  return best === undefined ? undefined : asPx(best);
}

/** Lowest valid price ≥ px, or undefined. */
export function ceilToGrid(grid: TickGrid, px: number): Px | undefined {
  px = Math.max(px, 1);
  let best: number | undefined;
  for (const r of grid.ranges) {
    if (px > r.end) continue;
    const p = px <= r.start ? r.start : r.start + Math.ceil((px - r.start) / r.step) * r.step;
    if (p > r.end) continue;
    if (p > 0 && p < PX_ONE && (best === undefined || p < best)) best = p;
  }
  return best === undefined ? undefined : asPx(best);
}

/** Static facts about a market that detection, sizing and execution need. */
export interface MarketMeta {
  readonly id: MarketId;
  readonly venue: Venue;
  /** Kalshi ticker; Polymarket condition id. */
  readonly key: string;
  readonly title: string;
  /** Kalshi event ticker; Polymarket event slug/id. Groups mutually exclusive outcomes. */
  readonly eventKey?: string;
  /** Polymarket token ids per outcome; Kalshi has none (one market, two sides). */
  readonly tokens?: { readonly yes: string; readonly no: string };
  readonly grid: TickGrid;
  readonly minSize: Qty;
  readonly fees: FeeModel;
  readonly closeTimeMs: number;
}

/** One price level. */
export interface Level {
  readonly px: Px;
  readonly qty: Qty;
}

/**
 * A binary market's book normalized to the YES side (best first on each side), with both timestamps.
 * NO prices are derived: a NO bid at q is a YES ask at 1 − q.
 */
export interface Quote {
  readonly market: MarketId;
  readonly yesBids: readonly Level[];
  readonly yesAsks: readonly Level[];
  /** The venue's own event time (ms since epoch). */
  readonly venueTimeMs: number;
  /** When we received it (ms since epoch, our clock). */
  readonly receiveTimeMs: number;
}

export const bestYesBid = (q: Quote): Level | undefined => q.yesBids[0];
export const bestYesAsk = (q: Quote): Level | undefined => q.yesAsks[0];

/** Best bid for NO = the complement of the best YES ask. */
export function bestNoBid(q: Quote): Level | undefined {
  const a = q.yesAsks[0];
  return a && { px: pxComplement(a.px), qty: a.qty };
}

/** Best ask for NO = the complement of the best YES bid. */
export function bestNoAsk(q: Quote): Level | undefined {
  const b = q.yesBids[0];
  return b && { px: pxComplement(b.px), qty: b.qty };
}

/** Best price to buy `outcome` (its ask), if any. */
export function bestAsk(q: Quote, outcome: Outcome): Level | undefined {
  return outcome === 'YES' ? bestYesAsk(q) : bestNoAsk(q);
}

/** Best price to sell `outcome` (its bid), if any. */
export function bestBid(q: Quote, outcome: Outcome): Level | undefined {
  return outcome === 'YES' ? bestYesBid(q) : bestNoBid(q);
}

/** Sort levels best first for their side and merge equal prices; rejects negative sizes. */
export function normalizeLevels(levels: readonly Level[], side: 'bid' | 'ask'): Level[] {
  const merged = new Map<number, number>();
  for (const l of levels) {
    if (l.qty < 0) throw new RangeError(`negative level size at ${l.px}`);
    if (l.qty > 0) merged.set(l.px, (merged.get(l.px) ?? 0) + l.qty);
  }
  const out = [...merged].map(([px, qty]) => ({ px: asPx(px), qty: asQty(qty) }));
  return out.sort(side === 'bid' ? (a, b) => b.px - a.px : (a, b) => a.px - b.px);
}

/** A book is crossed when the best bid is at or above the best ask. */
export function isCrossed(q: Pick<Quote, 'yesBids' | 'yesAsks'>): boolean {
  const b = q.yesBids[0];
  const a = q.yesAsks[0];
  return b !== undefined && a !== undefined && b.px >= a.px;
}
