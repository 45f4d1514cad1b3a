/**
 * Books for every market, as arrays indexed by tick on the market's own grid (prices live in [0, 1], so a
 * linear-cent book is 99 slots and a 0.001 book 999), with the best bid and ask slots cached. Applying a level
 * is an array write plus, when the best level empties, a short scan. No allocation per update.
 *
 * Everything is in YES terms with absolute sizes: a snapshot replaces the book, a level sets one price's size
 * (0 removes it). An off-grid price or an `invalid` mark makes the book untrusted until the next snapshot.
 *
 * Laid out for a cold cache (at 10,000 markets most books are out of cache when their update arrives): all
 * levels live in a few large slabs (a market's bids, then its asks, on its grid), a market's scalars share one
 * 64-byte row, and every change refreshes one dense array of best buy prices (`topOfBook`), so the detector's
 * first test (can this portfolio pay at the top of the books?) reads a few adjacent integers. A level update
 * then touches about four cache lines instead of a dozen objects. Slabs have a fixed size, so memory grows with
 * the markets added, never to twice what they need.
 */
import { gridPrices, type Level, type MarketId, type Outcome, type TickGrid } from '../core/market.ts';
import { asPx, asQty, PX_ONE } from '../core/units.ts';

/** Slot ↔ price maps for one grid shape, shared by every market on that grid. */
interface GridLayout {
  readonly pxOfSlot: Int32Array;
  /** −1 where the price is not on the grid. */
  readonly slotOfPx: Int32Array;
}

const layouts = new Map<string, GridLayout>();

function layoutFor(grid: TickGrid): GridLayout {
  const key = grid.ranges.map((r) => `${r.start}:${r.end}:${r.step}`).join('|');
  let l = layouts.get(key);
  if (!l) {
    const prices = gridPrices(grid);
    const slotOfPx = new Int32Array(PX_ONE + 1).fill(-1);
    prices.forEach((p, i) => (slotOfPx[p] = i));
    l = { pxOfSlot: Int32Array.from(prices), slotOfPx };
    layouts.set(key, l);
  }
  return l;
}

export interface BookStoreStats {
  snapshots: number;
  levels: number;
  invalidations: number;
  offGrid: number;
}

/** Result of walking one side for a size; reused to avoid allocating on the hot path. */
export interface Walk {
  /** How much the book can fill (≤ the size asked). */
  qty: number;
  /** Price of the last level touched, in the outcome's terms. */
  worstPx: number;
  /** Exact cost in micros of the filled quantity, level by level. */
  cost: number;
}

/** A market's row in `meta`: best bid and ask slots (−1 = none), both timestamps, trusted, where its levels are. */
const ROW = 8;
const BEST_BID = 0;
const BEST_ASK = 1;
const VENUE_MS = 2;
const RECEIVE_MS = 3;
const TRUSTED = 4;
/** Which slab holds the market's levels, and where in it its bids start; its asks follow, `slots` later. */
const SLAB = 5;
const BASE = 6;
/** Which entry of `grids` is the market's grid layout. */
const GRID = 7;
/** Doubles per slab (8 MB): room for about 4,000 linear-cent books or 500 books on a 0.001 grid. */
const SLAB_SIZE = 1 << 20;

export class BookStore {
  readonly stats: BookStoreStats = { snapshots: 0, levels: 0, invalidations: 0, offGrid: 0 };
  private readonly layout: GridLayout[] = [];
  /** The distinct grid layouts, few and so always in cache; a market's row says which is its own. */
  private readonly grids: GridLayout[] = [];
  private meta = new Float64Array(0);
  /** Level sizes of every book; a market's region is `[base, base + slots)` bids, then as many asks. */
  private readonly slabs: Float64Array[] = [];
  private slabUsed = SLAB_SIZE;
  /** Best buy price of YES at `2 × id`, of NO at `2 × id + 1`; −1 when that side is empty or untrusted. */
  private buyPx = new Int32Array(0);

  /**
   * The best-buy array (see `buyPx`), for reading only. It is replaced when it grows, so read it again after
   * adding markets rather than keeping it.
   */
  get topOfBook(): Int32Array {
    return this.buyPx;
  }

  addMarket(id: MarketId, grid: TickGrid): void {
    const l = layoutFor(grid);
    const slots = l.pxOfSlot.length;
    this.layout[id] = l;
    if (!this.grids.includes(l)) this.grids.push(l);
    if ((id + 1) * ROW > this.meta.length) this.meta = grow(this.meta, (id + 1) * ROW, 0);
    if (2 * id + 2 > this.buyPx.length) this.buyPx = grow(this.buyPx, 2 * id + 2, -1);
    if (this.slabUsed + 2 * slots > SLAB_SIZE) {
      this.slabs.push(new Float64Array(Math.max(SLAB_SIZE, 2 * slots)));
      this.slabUsed = 0;
    }
    const r = id * ROW;
    this.meta[r + BEST_BID] = -1;
    this.meta[r + BEST_ASK] = -1;
    this.meta[r + VENUE_MS] = 0;
    this.meta[r + RECEIVE_MS] = 0;
    this.meta[r + TRUSTED] = 0;
    this.meta[r + SLAB] = this.slabs.length - 1;
    this.meta[r + BASE] = this.slabUsed;
    this.meta[r + GRID] = this.grids.indexOf(l);
    this.slabUsed += 2 * slots;
    this.refresh(id);
  }

  has(id: MarketId): boolean {
    return this.layout[id] !== undefined;
  }

  /** Replace the whole book. Returns false (and leaves the book untrusted) if a level is off the grid. */
  snapshot(
    id: MarketId,
    yesBids: readonly Level[],
    yesAsks: readonly Level[],
    venueMs: number,
    receiveMs: number,
  ): boolean {
    const r = id * ROW;
    const l = this.grids[this.meta[r + GRID]!]!;
    const n = l.pxOfSlot.length;
    const slab = this.slabs[this.meta[r + SLAB]!]!;
    const base = this.meta[r + BASE]!;
    slab.fill(0, base, base + 2 * n);
    this.stats.snapshots++;
    for (const [levels, off] of [
      [yesBids, base],
      [yesAsks, base + n],
    ] as const) {
      for (const lv of levels) {
        const slot = lv.px >= 0 && lv.px <= PX_ONE ? l.slotOfPx[lv.px]! : -1;
        if (slot < 0 || !(lv.qty >= 0)) return this.rejectOffGrid(id);
        slab[off + slot] = lv.qty;
      }
    }
    this.meta[r + BEST_BID] = scanDown(slab, base, n - 1);
    this.meta[r + BEST_ASK] = scanUp(slab, base + n, n, 0);
    this.meta[r + VENUE_MS] = venueMs;
    this.meta[r + RECEIVE_MS] = receiveMs;
    this.meta[r + TRUSTED] = 1;
    this.refresh(id);
    return true;
  }

  /** Set one level's absolute size (0 removes it). Returns false if the price is off the grid. */
  level(
    id: MarketId,
    side: 'bid' | 'ask',
    px: number,
    qty: number,
    venueMs: number,
    receiveMs: number,
  ): boolean {
    const meta = this.meta;
    const r = id * ROW;
    const l = this.grids[meta[r + GRID]!]!;
    const slot = px >= 0 && px <= PX_ONE ? l.slotOfPx[px]! : -1;
    if (slot < 0 || !(qty >= 0)) return this.rejectOffGrid(id);
    this.stats.levels++;
    const slab = this.slabs[meta[r + SLAB]!]!;
    const base = meta[r + BASE]!;
    if (side === 'bid') {
      slab[base + slot] = qty;
      const best = meta[r + BEST_BID]!;
      if (qty > 0 && slot > best) meta[r + BEST_BID] = slot;
      else if (qty === 0 && slot === best) meta[r + BEST_BID] = scanDown(slab, base, slot - 1);
    } else {
      const n = l.pxOfSlot.length;
      slab[base + n + slot] = qty;
      const best = meta[r + BEST_ASK]!;
      if (qty > 0 && (best < 0 || slot < best)) meta[r + BEST_ASK] = slot;
      else if (qty === 0 && slot === best) meta[r + BEST_ASK] = scanUp(slab, base + n, n, slot + 1);
    }
    meta[r + VENUE_MS] = venueMs;
    meta[r + RECEIVE_MS] = receiveMs;
    this.refresh(id);
    return true;
  }

  /** Stop trusting a book (gap, bad frame, disconnect) until its next snapshot. */
  invalidate(id: MarketId): void {
    const r = id * ROW;
    if (this.meta[r + TRUSTED] === 1) this.stats.invalidations++;
    this.meta[r + TRUSTED] = 0;
    this.refresh(id);
  }

  isTrusted(id: MarketId): boolean {
    return this.layout[id] !== undefined && this.meta[id * ROW + TRUSTED] === 1;
  }

  receivedAt(id: MarketId): number {
    return this.meta[id * ROW + RECEIVE_MS]!;
  }

  venueTimeOf(id: MarketId): number {
    return this.meta[id * ROW + VENUE_MS]!;
  }

  /** Best price to buy `outcome` (YES: the best ask; NO: 1 − the best bid), or −1. */
  bestBuyPx(id: MarketId, outcome: Outcome): number {
    const pxOfSlot = this.layout[id]!.pxOfSlot;
    const s = this.meta[id * ROW + (outcome === 'YES' ? BEST_ASK : BEST_BID)]!;
    if (s < 0) return -1;
    return outcome === 'YES' ? pxOfSlot[s]! : PX_ONE - pxOfSlot[s]!;
  }

  bestBidPx(id: MarketId): number {
    const s = this.meta[id * ROW + BEST_BID]!;
    return s < 0 ? -1 : this.layout[id]!.pxOfSlot[s]!;
  }

  bestAskPx(id: MarketId): number {
    const s = this.meta[id * ROW + BEST_ASK]!;
    return s < 0 ? -1 : this.layout[id]!.pxOfSlot[s]!;
  }

  /**
   * Cursor over the levels a buyer of `outcome` would take, best first: call with −1 to get the first slot,
   * then with the previous slot. Returns −1 when the side is exhausted.
   */
  nextBuySlot(id: MarketId, outcome: Outcome, prev: number): number {
    const r = id * ROW;
    if (prev < 0) return this.meta[r + (outcome === 'YES' ? BEST_ASK : BEST_BID)]!;
    const slab = this.slabs[this.meta[r + SLAB]!]!;
    const base = this.meta[r + BASE]!;
    if (outcome === 'YES') {
      const n = this.layout[id]!.pxOfSlot.length;
      return scanUp(slab, base + n, n, prev + 1);
    }
    return scanDown(slab, base, prev - 1);
  }

  /** Outcome price and size at a slot returned by `nextBuySlot`. */
  buyPxAt(id: MarketId, outcome: Outcome, slot: number): number {
    const px = this.layout[id]!.pxOfSlot[slot]!;
    return outcome === 'YES' ? px : PX_ONE - px;
  }

  buyQtyAt(id: MarketId, outcome: Outcome, slot: number): number {
    const r = id * ROW;
    const slab = this.slabs[this.meta[r + SLAB]!]!;
    const base = this.meta[r + BASE]!;
    return slab[outcome === 'YES' ? base + this.layout[id]!.pxOfSlot.length + slot : base + slot]!;
  }

  /** Walk the levels a buyer of `outcome` takes for up to `qty`; fills `out` and returns it. */
  walkBuy(id: MarketId, outcome: Outcome, qty: number, out: Walk): Walk {
    out.qty = 0;
    out.worstPx = -1;
    out.cost = 0;
    for (
      let s = this.nextBuySlot(id, outcome, -1);
      s >= 0 && out.qty < qty;
      s = this.nextBuySlot(id, outcome, s)
    ) {
      const take = Math.min(qty - out.qty, this.buyQtyAt(id, outcome, s));
      const px = this.buyPxAt(id, outcome, s);
      out.qty += take;
      out.worstPx = px;
      out.cost += px * take;
    }
    return out;
  }

  /** The book as levels, best first (for reports and tests, not the hot path). */
  levels(id: MarketId): { yesBids: Level[]; yesAsks: Level[] } {
    const l = this.layout[id]!;
    const n = l.pxOfSlot.length;
    const slab = this.slabs[this.meta[id * ROW + SLAB]!]!;
    const base = this.meta[id * ROW + BASE]!;
    const out = (off: number, desc: boolean): Level[] => {
      const levels: Level[] = [];
      for (let i = 0; i < n; i++) {
        const q = slab[off + i]!;
        if (q > 0) levels.push({ px: asPx(l.pxOfSlot[i]!), qty: asQty(q) });
      }
      return desc ? levels.reverse() : levels;
    };
    return { yesBids: out(base, true), yesAsks: out(base + n, false) };
  }

  /** Recompute the market's two `topOfBook` entries: exactly what `bestBuyPx` answers, −1 if untrusted. */
  private refresh(id: number): void {
    const r = id * ROW;
    const pxOfSlot = this.grids[this.meta[r + GRID]!]!.pxOfSlot;
    const trusted = this.meta[r + TRUSTED] === 1;
    const ask = this.meta[r + BEST_ASK]!;
    const bid = this.meta[r + BEST_BID]!;
    this.buyPx[2 * id] = trusted && ask >= 0 ? pxOfSlot[ask]! : -1;
    this.buyPx[2 * id + 1] = trusted && bid >= 0 ? PX_ONE - pxOfSlot[bid]! : -1;
  }

  private rejectOffGrid(id: MarketId): false {
    this.stats.offGrid++;
    this.invalidate(id);
    return false;
  }
}

/** A copy of `a` with room for at least `min` elements (doubling), new room filled with `fill`. */
function grow<T extends Float64Array | Int32Array>(a: T, min: number, fill: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(64, min, 2 * a.length));
  b.fill(fill, a.length);
  b.set(a);
  return b;
}

/** Highest slot ≤ `from` with a level, in the side starting at `off`; −1 if none. */
function scanDown(slab: Float64Array, off: number, from: number): number {
  for (let i = from; i >= 0; i--) if (slab[off + i]! > 0) return i;
  return -1;
}

/** Lowest slot ≥ `from` (of `n`) with a level, in the side starting at `off`; −1 if none. */
function scanUp(slab: Float64Array, off: number, n: number, from: number): number {
  for (let i = from; i < n; i++) if (slab[off + i]! > 0) return i;
  return -1;
}
