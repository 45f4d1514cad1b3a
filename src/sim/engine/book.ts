/**
 * One binary market's order book in YES terms: price levels with FIFO queues (price-time priority).
 * Levels live in sorted arrays, best first; books hold tens of levels, so binary search + splice is cheap and
 * keeps iteration order trivially deterministic.
 */
import { asQty, type Px, pxComplement, type Qty } from '../../core/units.ts';
import { type BookLevelView, type BookSide, type BookView, type SimOrder, remainingQty } from './types.ts';

export class Level {
  readonly queue: SimOrder[] = [];
  /** Sum of the queued orders' remaining quantity. */
  qty = 0;

  constructor(readonly yesPx: Px) {}
}

/** Where an order sits in YES terms: buying YES or selling NO bids; selling YES or buying NO asks. */
export function bookPlacement(o: Pick<SimOrder, 'outcome' | 'side' | 'px'>): { side: BookSide; yesPx: Px } {
  const side: BookSide = (o.outcome === 'YES') === (o.side === 'BUY') ? 'bid' : 'ask';
  const yesPx = o.outcome === 'YES' ? o.px : pxComplement(o.px);
  return { side, yesPx };
}

/** The outcome price of a trade at `yesPx` for an order on `outcome`. */
export const outcomePx = (outcome: 'YES' | 'NO', yesPx: Px): Px =>
  outcome === 'YES' ? yesPx : pxComplement(yesPx);

export class OrderBook {
  /** Descending by price. */
  readonly bids: Level[] = [];
  /** Ascending by price. */
  readonly asks: Level[] = [];

  levels(side: BookSide): Level[] {
    return side === 'bid' ? this.bids : this.asks;
  }

  best(side: BookSide): Level | undefined {
    return this.levels(side)[0];
  }

  /** Does a `side` order at `yesPx` cross the opposite best level? */
  crosses(side: BookSide, yesPx: Px): boolean {
    const opp = this.best(side === 'bid' ? 'ask' : 'bid');
    if (!opp) return false;
    return side === 'bid' ? opp.yesPx <= yesPx : opp.yesPx >= yesPx;
  }

  /** Append at the back of its level's queue; returns the level's new total. */
  add(order: SimOrder, side: BookSide, yesPx: Px): number {
    const level = this.levelAt(side, yesPx, true)!;
    level.queue.push(order);
    level.qty += remainingQty(order);
    return level.qty;
  }

  /** Take the order out of its queue; returns the level's new total (0 when the level is gone). */
  remove(order: SimOrder, side: BookSide, yesPx: Px): number {
    const level = this.levelAt(side, yesPx, false);
    if (!level) throw new Error(`book has no ${side} level at ${yesPx}`);
    const i = level.queue.indexOf(order);
    if (i < 0) throw new Error(`order ${order.id} not queued at ${side} ${yesPx}`);
    level.queue.splice(i, 1);
    level.qty -= remainingQty(order);
    if (level.queue.length === 0) this.dropLevel(side, level);
    return level.qty;
  }

  /** A queued order's remaining size shrank by `by` (a fill or a decrease) without losing its place. */
  shrink(side: BookSide, yesPx: Px, by: number): number {
    const level = this.levelAt(side, yesPx, false);
    if (!level) throw new Error(`book has no ${side} level at ${yesPx}`);
    level.qty -= by;
    return level.qty;
  }

  /** Remove a level once its queue has been emptied by fills. */
  dropIfEmpty(side: BookSide, level: Level): void {
    if (level.queue.length === 0) this.dropLevel(side, level);
  }

  /** Quantity queued ahead of `order` at its level. */
  queueAhead(order: SimOrder, side: BookSide, yesPx: Px): Qty | undefined {
    const level = this.levelAt(side, yesPx, false);
    if (!level) return undefined;
    let ahead = 0;
    for (const o of level.queue) {
      if (o === order) return asQty(ahead);
      ahead += remainingQty(o);
    }
    return undefined;
  }

  view(depth = Number.POSITIVE_INFINITY): BookView {
    // A level a trade has just emptied is still in its array while the trade's events go out; a book read from an
    // event listener must not show it (venue fronts hash and publish exactly what this returns).
    const v = (ls: Level[]): BookLevelView[] =>
      ls
        .filter((l) => l.qty > 0)
        .slice(0, depth)
        .map((l) => ({ yesPx: l.yesPx, qty: asQty(l.qty), orders: l.queue.length }));
    return { bids: v(this.bids), asks: v(this.asks) };
  }

  private levelAt(side: BookSide, yesPx: Px, create: boolean): Level | undefined {
    const ls = this.levels(side);
    // Search key: bids descending, asks ascending; normalise to ascending keys.
    const key = (l: Level): number => (side === 'bid' ? -l.yesPx : l.yesPx);
    const target = side === 'bid' ? -yesPx : yesPx;
    let lo = 0;
    let hi = ls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(ls[mid]!) < target) lo = mid + 1;
      else hi = mid;
    }
    const found = ls[lo];
    if (found && found.yesPx === yesPx) return found;
    if (!create) return undefined;
    const level = new Level(yesPx);
    ls.splice(lo, 0, level);
    return level;
  }

  private dropLevel(side: BookSide, level: Level): void {
    const ls = this.levels(side);
    const i = ls.indexOf(level);
    if (i >= 0) ls.splice(i, 1);
  }
}
