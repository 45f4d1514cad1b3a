/**
 * Static per-market facts the hot path reads on every evaluation, in arrays indexed by `MarketId`, so a lookup
 * is an index, not a hash.
 */
import type { FeeModel } from '../core/fees.ts';
import type { MarketId, TickGrid, Venue } from '../core/market.ts';
import type { Qty } from '../core/units.ts';

export interface HotMarket {
  readonly id: MarketId;
  readonly venue: Venue;
  readonly key: string;
  readonly grid: TickGrid;
  readonly minSize: Qty;
  readonly fees: FeeModel;
}

export class MarketTable {
  private readonly rows: HotMarket[] = [];

  add(m: HotMarket): void {
    if (this.rows[m.id] !== undefined) throw new Error(`market ${m.id} already registered`);
    this.rows[m.id] = m;
  }

  get(id: MarketId): HotMarket {
    const m = this.rows[id];
    if (!m) throw new RangeError(`unknown market id ${id}`);
    return m;
  }

  has(id: MarketId): boolean {
    return this.rows[id] !== undefined;
  }

  all(): HotMarket[] {
    return this.rows.filter((r) => r !== undefined);
  }
}
