import { kalshiFeeModel, NO_FEES, polymarketFeeModel, type FeeModel } from '../../src/core/fees.ts';
import { uniformGrid, type Level, type MarketId, type Venue } from '../../src/core/market.ts';
import type { Px, Qty } from '../../src/core/units.ts';
import { BookStore } from '../../src/hot/book-store.ts';
import { Detector } from '../../src/hot/detector.ts';
import type { EvalContext, LaneLimits } from '../../src/hot/evaluate.ts';
import { MarketTable } from '../../src/hot/market-table.ts';
import { buildShapes, LANES, type LaneName, type ResolvedRelation } from '../../src/hot/shapes.ts';

export const id = (n: number) => n as MarketId;
export const lv = (px: number, contracts: number): Level => ({ px: px as Px, qty: (contracts * 100) as Qty });

export interface MarketSpec {
  venue: Venue;
  fees?: FeeModel;
  minContracts?: number;
}

/** A small world: markets 0..n-1, their books, shapes from `relations`, and a detector. */
export function world(
  markets: MarketSpec[],
  relations: ResolvedRelation[],
  opts: {
    limits?: Partial<Record<LaneName, Partial<LaneLimits>>>;
    maxContracts?: number;
    realFees?: boolean;
  } = {},
) {
  const table = new MarketTable();
  const books = new BookStore();
  markets.forEach((m, i) => {
    const fees =
      m.fees ??
      (opts.realFees ? (m.venue === 'kalshi' ? kalshiFeeModel() : polymarketFeeModel(40_000)) : NO_FEES);
    table.add({
      id: id(i),
      venue: m.venue,
      key: `${m.venue === 'kalshi' ? 'KX' : '0x'}${i}`,
      grid: uniformGrid(100 as Px),
      minSize: ((m.minContracts ?? 1) * 100) as Qty,
      fees,
    });
    books.addMarket(id(i), uniformGrid(100 as Px));
  });
  const limits = Object.fromEntries(
    LANES.map((l) => [l, { enabled: true, minEdgeBps: 0, minSize: 100 as Qty, ...opts.limits?.[l] }]),
  ) as Record<LaneName, LaneLimits>;
  const ctx: EvalContext = {
    books,
    markets: table,
    limits,
    maxSize: ((opts.maxContracts ?? 10_000) * 100) as Qty,
    idBucketMs: 60_000,
  };
  const shapes = buildShapes(relations, table);
  const detector = new Detector(shapes, ctx);
  const book = (m: number, bids: Level[], asks: Level[], t = 1_000) => {
    books.snapshot(id(m), bids, asks, t, t);
    detector.onBookChange(id(m), t);
  };
  return { table, books, ctx, shapes, detector, book };
}
