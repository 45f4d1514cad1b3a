/**
 * Books for every market, as arrays indexed by tick on the market's own grid (prices live in [0, 1], so a
 * linear-cent book is 99 slots and a 0.001 book 999), with the best bid and ask slots cached. Applying a level
 * is an array write plus, when the best level empties, a short scan. No allocation per update.
 *
 * Everything is in YES terms with absolute sizes: a snapshot replaces the book, a level sets one price's size
 * (0 removes it). An off-grid price or an `invalid` mark makes the book untrusted until the next snapshot.
 */
import { gridPrices, type Level, type MarketId, type Outcome, type TickGrid } from '../core/market.ts';
import { PX_ONE, type Px, type Qty } from '../core/units.ts';

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

export class BookStore {
  readonly stats: BookStoreStats = { snapshots: 0, levels: 0, invalidations: 0, offGrid: 0 };
  private readonly layout: GridLayout[] = [];
  private readonly bids: Float64Array[] = [];
  private readonly asks: Float64Array[] = [];
  private readonly bestBid: number[] = [];
  private readonly bestAsk: number[] = [];
  private readonly venueMs: number[] = [];
  private readonly receiveMs: number[] = [];
  private readonly trusted: boolean[] = [];

  addMarket(id: MarketId, grid: TickGrid): void {
    const l = layoutFor(grid);
    this.layout[id] = l;
    this.bids[id] = new Float64Array(l.pxOfSlot.length);
    this.asks[id] = new Float64Array(l.pxOfSlot.length);
    this.bestBid[id] = -1;
    this.bestAsk[id] = -1;
    this.venueMs[id] = 0;
    this.receiveMs[id] = 0;
    this.trusted[id] = false;
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
    const l = this.layout[id]!;
    const bids = this.bids[id]!;
    const asks = this.asks[id]!;
    bids.fill(0);
    asks.fill(0);
    this.stats.snapshots++;
    for (const [levels, arr] of [
      [yesBids, bids],
      [yesAsks, asks],
    ] as const) {
      for (const lv of levels) {
        const slot = lv.px >= 0 && lv.px <= PX_ONE ? l.slotOfPx[lv.px]! : -1;
        if (slot < 0 || !(lv.qty >= 0)) return this.rejectOffGrid(id);
        arr[slot] = lv.qty;
      }
    }
    this.bestBid[id] = scanDown(bids, bids.length - 1);
    this.bestAsk[id] = scanUp(asks, 0);
    this.venueMs[id] = venueMs;
    this.receiveMs[id] = receiveMs;
    this.trusted[id] = true;
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
    const l = this.layout[id]!;
    const slot = px >= 0 && px <= PX_ONE ? l.slotOfPx[px]! : -1;
    if (slot < 0 || !(qty >= 0)) return this.rejectOffGrid(id);
    this.stats.levels++;
    if (side === 'bid') {
      const arr = this.bids[id]!;
      arr[slot] = qty;
      const best = this.bestBid[id]!;
      if (qty > 0 && slot > best) this.bestBid[id] = slot;
      else if (qty === 0 && slot === best) this.bestBid[id] = scanDown(arr, slot - 1);
    } else {
      const arr = this.asks[id]!;
      arr[slot] = qty;
      const best = this.bestAsk[id]!;
      if (qty > 0 && (best < 0 || slot < best)) this.bestAsk[id] = slot;
      else if (qty === 0 && slot === best) this.bestAsk[id] = scanUp(arr, slot + 1);
    }
    this.venueMs[id] = venueMs;
    this.receiveMs[id] = receiveMs;
    return true;
  }

  /** Stop trusting a book (gap, bad frame, disconnect) until its next snapshot. */
  invalidate(id: MarketId): void {
    if (this.trusted[id]) this.stats.invalidations++;
    this.trusted[id] = false;
  }

  isTrusted(id: MarketId): boolean {
    return this.trusted[id] === true;
  }

  receivedAt(id: MarketId): number {
    return this.receiveMs[id]!;
  }

  venueTimeOf(id: MarketId): number {
    return this.venueMs[id]!;
  }

  /** Best price to buy `outcome` (YES: the best ask; NO: 1 − the best bid), or −1. */
  bestBuyPx(id: MarketId, outcome: Outcome): number {
    const l = this.layout[id]!;
    if (outcome === 'YES') {
      const s = this.bestAsk[id]!;
      return s < 0 ? -1 : l.pxOfSlot[s]!;
    }
    const s = this.bestBid[id]!;
    return s < 0 ? -1 : PX_ONE - l.pxOfSlot[s]!;
  }

  bestBidPx(id: MarketId): number {
    const s = this.bestBid[id]!;
    return s < 0 ? -1 : this.layout[id]!.pxOfSlot[s]!;
  }

  bestAskPx(id: MarketId): number {
    const s = this.bestAsk[id]!;
    return s < 0 ? -1 : this.layout[id]!.pxOfSlot[s]!;
  }

  /**
   * Cursor over the levels a buyer of `outcome` would take, best first: call with −1 to get the first slot,
   * then with the previous slot. Returns −1 when the side is exhausted.
   */
  nextBuySlot(id: MarketId, outcome: Outcome, prev: number): number {
    if (outcome === 'YES') return prev < 0 ? this.bestAsk[id]! : scanUp(this.asks[id]!, prev + 1);
    return prev < 0 ? this.bestBid[id]! : scanDown(this.bids[id]!, prev - 1);
  }

  /** Outcome price and size at a slot returned by `nextBuySlot`. */
  buyPxAt(id: MarketId, outcome: Outcome, slot: number): number {
    const px = this.layout[id]!.pxOfSlot[slot]!;
    return outcome === 'YES' ? px : PX_ONE - px;
  }

  buyQtyAt(id: MarketId, outcome: Outcome, slot: number): number {
    return (outcome === 'YES' ? this.asks[id]! : this.bids[id]!)[slot]!;
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
    const out = (arr: Float64Array, desc: boolean): Level[] => {
      const levels: Level[] = [];
      for (let i = 0; i < arr.length; i++)
        if (arr[i]! > 0) levels.push({ px: l.pxOfSlot[i]! as Px, qty: arr[i]! as Qty });
      return desc ? levels.reverse() : levels;
    };
    return { yesBids: out(this.bids[id]!, true), yesAsks: out(this.asks[id]!, false) };
  }

  private rejectOffGrid(id: MarketId): false {
    this.stats.offGrid++;
    this.invalidate(id);
    return false;
  }
}

function scanDown(arr: Float64Array, from: number): number {
  for (let i = from; i >= 0; i--) if (arr[i]! > 0) return i;
  return -1;
}

function scanUp(arr: Float64Array, from: number): number {
  for (let i = from; i < arr.length; i++) if (arr[i]! > 0) return i;
  return -1;
}
